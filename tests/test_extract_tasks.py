"""Task, metric and result phrases on sentences written for these tests (not from any gold)."""

from __future__ import annotations

from extracted import record

from kg.extract.gazetteer_matcher import listed_datasets
from kg.extract.metrics import metric_phrases
from kg.extract.pipeline import extract
from kg.extract.results import values
from kg.extract.tasks import framed_tasks, listed_tasks, title_tasks, verb_form
from kg.extract.words import verb_words
from kg.model import Paper


def _found(text: str, spans) -> list[str]:  # type: ignore[no-untyped-def]
    return [text[s:e] for s, e, *_ in spans]


def test_framed_task_after_problem_of_and_before_task():
    text = "we study the problem of coral reef segmentation. it is a hard bird song detection task."
    assert _found(text, framed_tasks(text)) == ["coral reef segmentation", "bird song detection"]


def test_framed_task_after_for_needs_a_problem_head():
    text = "a benchmark for glacier calving forecasting and for leveraging expert intervention."
    assert _found(text, framed_tasks(text)) == ["glacier calving forecasting"]


def test_generic_field_is_not_a_framed_task():
    text = "these models are popular for machine learning."
    assert framed_tasks(text) == []


def test_title_task_is_the_problem_not_the_means():
    title = "Sparse Attention Tricks for Underwater Pipe Inspection via Graph Factorization"
    assert _found(title, title_tasks(title)) == ["Underwater Pipe Inspection"]


def test_title_piece_with_a_name_is_no_task():
    title = "ReefNet: Coral Counting by Integer Programming"
    assert _found(title, title_tasks(title)) == ["Coral Counting"]


def test_metric_phrase_needs_a_measuring_context():
    text = "it lowers the mean absolute depth error to 3.1 cm and keeps a high accuracy."
    assert _found(text, metric_phrases(text)) == ["mean absolute depth error"]
    assert metric_phrases("the learning rate is tuned and score maps are drawn.") == []


def test_soft_metric_needs_a_number_or_a_result_sentence():
    assert metric_phrases("we hope to improve annotation efficiency.") == []
    text = "experiments show gains in both retrieval accuracy and annotation efficiency."
    assert _found(text, metric_phrases(text)) == ["retrieval accuracy", "annotation efficiency"]


def test_values_with_shared_unit_and_latex_percent():
    got = [v for _, _, v in values(r"a gain of (3.5, 7.25/1.0)% and 64.2\% mAP at 12 cm")]
    assert got == ["3.5%", "7.25%", "1.0%", "64.2%", "12 cm"]


def test_acronym_metric_before_a_noun_is_no_metric():
    rec = next(
        extract(
            [
                Paper(
                    "t1",
                    "Lesion Grading in MR Scans",
                    "We grade lesions in MR scans. Our model reaches 71.0% mAP on the test set.",
                )
            ]
        )
    )
    names = {m.name for m in rec.metrics}
    assert "MR" not in names
    assert "mAP" in names


def test_title_task_drops_an_opening_verb_or_manner_adjective():
    title = "ReefNet: Language-Guided Coral Reef Segmentation"
    assert _found(title, title_tasks(title)) == ["Coral Reef Segmentation"]
    title = "Enhancing Bird Song Detection with Weak Labels"
    assert _found(title, title_tasks(title)) == ["Bird Song Detection"]


def test_framed_task_skips_judging_words_and_verb_heads():
    text = (
        "a model for complex coral reef segmentation. we study urban sound tagging achieving gains."
    )
    assert _found(text, framed_tasks(text)) == ["coral reef segmentation"]


def test_plural_gazetteer_task_names_things_not_problems():
    rec = next(
        extract(
            [Paper("t", "A study", "We map point clouds to knowledge graphs for image retrieval.")]
        )
    )
    names = [t.name for t in rec.tasks]
    assert "point clouds" not in names and "knowledge graphs" not in names


def test_gerund_modifier_joins_a_metric_unless_it_is_a_verb():
    text = (
        "it raises the steering accuracy and the word saving rate, surpassing human accuracy by 3%."
    )
    assert _found(text, metric_phrases(text)) == [
        "steering accuracy",
        "word saving rate",
        "human accuracy",
    ]


def test_common_measure_words_need_a_measuring_context():
    text = "experiments show it improves both fidelity and diversity over baselines."
    assert _found(text, metric_phrases(text)) == ["fidelity", "diversity"]
    assert metric_phrases("we add a module for improving robustness to noise.") == []
    assert metric_phrases("it improves the quality of the images.") == []
    text = "we bound the regret of the learner and the mixing time of the chain."
    assert _found(text, metric_phrases(text)) == ["regret", "mixing time"]
    assert metric_phrases("an approach based on regret minimization.") == []


def test_measures_listed_after_dimensions_such_as():
    text = "rated on dimensions such as factual safety, tone, and narrative coherence."
    assert _found(text, metric_phrases(text)) == ["factual safety", "tone", "narrative coherence"]


def test_values_with_rates_ranges_and_points():
    found = [
        v for *_, v in values("runs at 41 frames per second, 3-7x faster, +2.5 percentage points")
    ]
    assert found == ["41 frames per second", "3-7x", "+2.5 percentage points"]
    assert [v for *_, v in values("the model has only 5M parameters")] == ["5M parameters"]
    assert values("baselines of 7B parameters") == []


def test_bare_number_after_a_named_metric_is_a_result():
    rec = record("Foo", "We propose FooNet. FooNet attains an FID of 12.7 on CelebA-HQ images.")
    assert [r.value for r in rec.results] == ["12.7"]
    rec = record("Foo", "We propose FooNet. FooNet has an average error of 8 meters on the route.")
    assert "8" not in [r.value for r in rec.results]


def test_dataset_names_take_versions_prefixes_and_capitalised_collections():
    rec = record(
        "Foo",
        "We evaluate on SQuAD v1.1, on MS COCO 2014 and on the Adobe Matting Dataset. "
        "Inspired by this, we also test on the Zorblax Fish dataset.",
    )
    names = {d.name for d in rec.datasets}
    assert {"SQuAD v1.1", "MS COCO 2014", "Adobe Matting Dataset", "Zorblax Fish"} <= names
    assert "Inspired" not in names
    first = record("Foo Models", "Inspired by birds, we propose FooNet for flight.")
    assert not first.datasets
    plain = record(
        "Foo",
        "We test on the Object Counting dataset. A Large dataset helps, as Clean Image datasets do.",
    )
    assert {d.name for d in plain.datasets} == {"Object Counting"}  # one, named by "the"
    digit = record("Foo", "We evaluate on the SYSU 3D Human-Object Interaction dataset.")
    assert {d.name for d in digit.datasets} == {"SYSU 3D Human-Object Interaction"}


def test_named_loser_after_a_win_rate_or_an_improvement_than():
    rec = record(
        "Foo",
        "We propose FooNet. FooNet achieves a win rate of 71% against GPT-4o. Our approach "
        "achieves a 6% improvement on the average recall than Edge Boxes at 100 proposals.",
    )
    pairs = {(c.winner, c.loser) for c in rec.outperforms}
    assert ("FooNet", "GPT-4o") in pairs
    assert ("FooNet", "Edge Boxes") in pairs


def test_listed_tasks_after_such_as_and_before_tasks():
    text = "it helps tasks such as coral reef segmentation, denoising and bird song detection."
    got = _found(text, listed_tasks(text))
    assert got == ["coral reef segmentation", "denoising", "bird song detection"]
    text = "we report results on leaf segmentation and crop row detection tasks."
    assert _found(text, listed_tasks(text)) == ["crop row detection", "leaf segmentation"]


def test_listed_tasks_from_problem_statements_not_properties():
    text = "reef mapping is a fundamental problem. we address the label shortage problem."
    assert _found(text, listed_tasks(text)) == ["reef mapping", "label shortage"]
    # A lone property or a plural thing before "problems" is no task.
    assert listed_tasks("we solve the non-convex problem and handle zero-shot tasks.") == []
    assert listed_tasks("it scales to complex nonlinear systems problems.") == []


def test_bare_head_in_an_unframed_list_is_no_task():
    rec = next(
        extract(
            [Paper("t2", "Reef Robots", "The robot excels in grounding, reasoning, and planning.")]
        )
    )
    assert rec.tasks == []


def test_names_listed_with_a_known_dataset_are_datasets():
    text = "We test on CIFAR-10, Reef Scenes and CoralNet-5K. We train ResNet and CIFAR-10."
    known = [(11, 19), (70, 78)]
    assert _found(text, listed_datasets(text, known, 0)) == ["Reef Scenes", "CoralNet-5K"]


def test_known_datasets_written_joined_or_hyphenated_are_datasets():
    # The list writes "CIFAR-10", "STL-10", "VGG-Sound" and "tieredImageNet"; abstracts
    # also run the parts together or split the prefix off.
    rec = record(
        "Reef Few-Shot",
        "We evaluate our method on standard mini-ImageNet and tiered-ImageNet datasets. "
        "ReefNet improves accuracy by 26.6% on CIFAR10, by 21.3% on STL10 and by 2.1% on "
        "VGGSound.",
    )
    datasets = {d.name for d in rec.datasets}
    assert {"mini-ImageNet", "tiered-ImageNet", "CIFAR10", "STL10", "VGGSound"} <= datasets
    assert not datasets & {m.name for m in rec.methods + rec.proposed}
    assert {(r.value, r.dataset) for r in rec.results} >= {("26.6%", "CIFAR10"), ("21.3%", "STL10")}


def test_lists_of_data_sets_and_their_first_example_are_datasets():
    rec = record(
        "Reef Diversity",
        "Policies trained on large-scale datasets such as Reef Open Collection (ROC) are "
        "strong. We rank popular data sets (UD, Bible100, XTREME, XNLI).",
    )
    datasets = {d.name for d in rec.datasets}
    assert {"ROC", "UD", "Bible100"} <= datasets
    assert not datasets & {m.name for m in rec.methods}


def test_a_clause_after_a_data_cue_holds_no_list_of_data():
    rec = record(
        "Reef Clustering",
        "We propose reef clustering. Experiments on a variety of datasets show that PPC "
        "improves clustering. On 4 of 7 data sets it yields lower error than kNN.",
    )
    assert not {d.name for d in rec.datasets} & {"PPC", "kNN"}


def test_names_a_result_surpasses_others_on_are_datasets():
    rec = record(
        "Reef Agents",
        "We introduce ReefAgent. It generalizes, surpassing previous best methods by 52.8% on "
        "ReefArena and by 16.5% on CoralWorld relatively.",
    )
    assert {"ReefArena", "CoralWorld"} <= {d.name for d in rec.datasets}


def test_metric_list_after_in_terms_of():
    text = "it beats the baselines in terms of accuracy, inference time and memory usage."
    assert _found(text, metric_phrases(text)) == ["accuracy", "inference time", "memory usage"]
    text = "we compare in terms of quantitative results and model size."
    assert metric_phrases(text) == []


def test_field_and_quality_frames_do_not_make_a_paradigm_a_task():
    rec = record(
        "A study",
        "Recent work in causal reasoning inspires us. We note the lack of semantic "
        "understanding in agents. We test our model in dialogue understanding.",
    )
    names = [t.name for t in rec.tasks]
    assert "causal reasoning" not in names and "semantic understanding" not in names
    assert "dialogue understanding" in names


def test_task_phrase_before_results_or_setup_is_a_modifier():
    rec = record("A study", "Hardware simulation results show that the pruned network is fast.")
    assert "hardware simulation" not in [t.name for t in rec.tasks]


def test_speedup_factors_success_rates_and_parameter_counts_are_metrics():
    text = "our method brings up to 3.5x speedups and halves the parameter count."
    assert _found(text, [(s, e) for s, e in metric_phrases(text)]) == [
        "speedups",
        "parameter count",
    ]
    text = "a gap between the success rates of navigation and grounding."
    assert _found(text, [(s, e) for s, e in metric_phrases(text)]) == ["success rates"]


def test_we_improve_over_a_named_baseline_is_a_comparison():
    rec = record(
        "FooNet: Fast Segmentation",
        "We propose FooNet for segmentation. We improve over DeepLab on three datasets.",
    )
    pairs = [(c.winner, c.loser) for c in rec.outperforms]
    assert ("FooNet", "DeepLab") in pairs


def test_task_name_before_baselines_or_losses_is_the_kind_of_a_thing():
    rec = record(
        "BarNet: Depth Colorization",
        "We compare BarNet with several image translation baselines. The generator is "
        "trained with perceptual and face recognition losses. We also study object tracking "
        "and report standard image retrieval metrics and the depth estimation uncertainty.",
    )
    names = [t.name for t in rec.tasks]
    assert "image translation" not in names and "face recognition" not in names
    assert "image retrieval" not in names and "depth estimation" not in names
    assert "object tracking" in names


def test_improvement_over_named_methods_is_a_comparison():
    rec = record(
        "FooNet: Fast Text Classification",
        "We propose FooNet for text classification. FooNet shows a significant improvement "
        "over BERT and RoBERTa. It brings gains over existing CRF-based models.",
    )
    pairs = [(c.winner, c.loser) for c in rec.outperforms]
    assert ("FooNet", "BERT") in pairs and ("FooNet", "RoBERTa") in pairs
    assert ("FooNet", "CRF") not in pairs


def test_gains_the_papers_own_evidence_reports_over_a_named_method_are_comparisons():
    rec = record(
        "FooNet: Fast Text Classification",
        "We propose FooNet for text classification. A learning-based approach known as "
        "parity model (ParM) was proposed before. Our experiments on a large number of "
        "datasets show an accuracy improvement by up to 58% over ParM. Simulations demonstrate "
        "a considerable speedup and added robustness over vanilla BERT. Results show no "
        "improvement over time.",
    )
    pairs = [(c.winner, c.loser) for c in rec.outperforms]
    assert ("FooNet", "ParM") in pairs and ("FooNet", "BERT") in pairs
    assert len(pairs) == 2


def test_task_list_at_the_start_of_a_text_does_not_crash():
    # The list check looks at the word before each item; at offset 0 there is none (this
    # raised IndexError on corpus sentences that open with "X and Y tasks").
    spans = listed_tasks("Parsing and tagging tasks remain hard for low-resource languages.")
    assert "tagging" in _found(
        "Parsing and tagging tasks remain hard for low-resource languages.", spans
    )


def test_long_and_lists_after_a_measure_cue_do_not_backtrack_exponentially():
    # Each "and" could be an item word or a separator; with 60 items and no closing cue the
    # old pattern tried ~2^60 splits before failing (it hung). Now it answers at once.
    text = "we improve the results in terms of " + "speed and " * 60 + "memory and stuff"
    assert isinstance(metric_phrases(text), list)
    ok = "Results are compared in terms of accuracy, latency and memory usage on ImageNet."
    assert "memory usage" in _found(ok, metric_phrases(ok))


def test_listed_task_matches_with_a_hyphen_or_a_space_in_its_compound():
    # The list spells "Skeleton Based Action Recognition" and "Fine-Grained Action Detection".
    rec = record(
        "Graph convolutions",
        "Skeleton-based action recognition is popular. We also study fine grained action "
        "detection.",
    )
    tasks = {t.name for t in rec.tasks}
    assert "skeleton-based action recognition" in tasks
    assert "fine grained action detection" in tasks


def test_a_title_learning_a_task_names_the_task_without_learning():
    title = "Learning Face Age Progression via Adversarial Networks"
    found = [title[s:e].lower() for s, e in title_tasks(title)]
    assert found == ["face age progression"]
    title = "Learning Video Representations From Correspondence Proposals"
    assert [title[s:e].lower() for s, e in title_tasks(title)] == ["learning video representations"]


def test_verb_form_strips_es_only_from_es_words():
    verbs = verb_words()
    assert "use" in verbs and "propose" in verbs  # "we use", "we propose" in the corpus
    assert verb_form("uses", verbs) and verb_form("proposes", verbs)
    assert not verb_form("users", verbs)  # a noun: "users" is not "use" + "rs"


def test_a_value_given_as_an_example_in_brackets_is_no_result():
    rec = record(
        "Reef Nets",
        "Training on noisy reef labels works even when the label error rate is high "
        "(e.g., 90%). ReefNet outperforms baselines on ReefSet (e.g. 6.4% gain in accuracy).",
    )
    assert [r.value for r in rec.results] == ["6.4%"]


def test_a_list_of_values_pairs_in_order_with_a_list_of_metrics_after_it():
    rec = record(
        "ReefCap: Reef Captions",
        "We propose ReefCap. Our method shows average improvements of 7.7% and 5.4% "
        "on BLEU and METEOR scores.",
    )
    assert sorted((r.value, r.metric) for r in rec.results) == [
        ("5.4%", "METEOR"),
        ("7.7%", "BLEU"),
    ]


def test_a_metric_value_written_without_a_leading_zero():
    rec = record(
        "Reef Change",
        "Our ReefBERT classifiers predict reef change with an F1 score of .54 on ReefSet.",
    )
    assert [(r.value, r.metric) for r in rec.results] == [(".54", "F1 score")]


def test_a_value_given_for_a_method_is_that_methods():
    rec = record(
        "Reranking with permutations",
        "Scores improve by up to 34-52% for Mistral, 7-18% for GPT-3.5 and 8-16% for "
        "LLaMA v2. The equal error rate is 7% for SVM and 13% for PCA.",
    )
    by_value = {r.value: r.method for r in rec.results}
    assert by_value == {
        "34-52%": "Mistral",
        "7-18%": "GPT-3.5",
        "8-16%": "LLaMA v2",
        "7%": "SVM",
        "13%": "PCA",
    }


def test_correlations_named_by_their_author_are_metrics():
    text = "we reach spearman’s 𝜌 = .73, pearson's r of .5 and a kendall tau above the baselines."
    got = [text[a:b] for a, b in metric_phrases(text)]
    assert {"spearman’s 𝜌", "pearson's r", "kendall tau"} <= set(got)


def test_title_task_keeps_open_compounds_and_manner_adverbs():
    def tasks(title: str) -> list[str]:
        return [title[a:b] for a, b in title_tasks(title)]

    assert tasks("Joint Grounding for Open Vocabulary Instance Segmentation") == [
        "Open Vocabulary Instance Segmentation"
    ]
    assert tasks("Robust Open Set Recognition") == ["Open Set Recognition"]
    assert tasks("Negative Sampling for Distantly Supervised Skill Extraction") == [
        "Distantly Supervised Skill Extraction"
    ]
    # a grading adverb is no part of the name; "open" alone judges a problem
    assert tasks("Fully Automated Image Segmentation") == ["Automated Image Segmentation"]
    assert tasks("Open Problems in Clustering") == []


def test_listed_task_with_a_plural_after_its_preposition_is_a_task():
    rec = next(
        extract(
            [
                Paper(
                    "p1",
                    "Compressing Features",
                    "We focus on the problem of learning with noisy labels on point clouds.",
                )
            ]
        )
    )
    names = {t.name for t in rec.tasks}
    assert "learning with noisy labels" in names
    assert "point clouds" not in names  # a plural head names things


def test_framed_gerund_before_a_noun_is_a_modifier_not_a_task():
    def tasks(text: str) -> list[str]:
        return [text[a:b] for a, b, _ in framed_tasks(text)]

    assert tasks("due to the needs for expensive bounding box annotations.") == []
    assert tasks("an approach for structured pruning aims to help.") == ["structured pruning"]
    assert tasks("a challenge for legged locomotion.") == ["legged locomotion"]
    assert tasks("we study this for autonomous driving applications.") == ["autonomous driving"]


def test_judging_adjectives_do_not_open_a_task():
    def tasks(text: str) -> list[str]:
        return [text[a:b] for a, b, _ in framed_tasks(text)]

    assert tasks("a model for fast video object segmentation.") == ["video object segmentation"]
    assert tasks("the reason for the widespread adoption of networks.") == []
    assert tasks("the needs for expensive expert supervision.") == ["expert supervision"]


def test_task_interrupted_by_its_acronym_is_joined():
    rec = record(
        "Counting Herons Well",
        "Prior work on bird colony census (BCC) estimation is scarce. We use "
        "maximum a posteriori (MAP) estimation throughout. A fast heron nest "
        "(HN) matching algorithm is given.",
    )
    tasks = {t.name: t.aliases for t in rec.tasks}
    assert tasks.get("bird colony census estimation") == ["BCC estimation"]
    # an established acronym spells out a means, and a noun after the head names a method
    assert not any(n.startswith(("maximum", "heron")) for n in tasks)


def test_words_of_status_do_not_open_a_task():
    def tasks(text: str) -> list[str]:
        return [text[a:b] for a, b, _ in framed_tasks(text)]

    assert tasks("a method for given coral reef segmentation.") == ["coral reef segmentation"]
    assert tasks("results for well-known bird song detection.") == ["bird song detection"]
    assert tasks("results on under-resourced machine translation tasks.") == ["machine translation"]
    assert tasks("a model for limited segmentation.") == []


def test_subjects_modalities_and_conjunctions_are_no_tasks():
    rec = record(
        "A test",
        "Scene graphs ignore the 3D geometry of objects and world knowledge. "
        "We add EEG data and test on Philosophy and 4K videos. Coral reef "
        "segmentation is a practical but challenging task.",
    )
    assert {t.name for t in rec.tasks} == {"coral reef segmentation"}


def test_f_measure_spellings_are_metrics():
    rec = record("A test", "Our model attains an F-score of 40% and a boundary F-measure of 0.7.")
    assert {"F-score", "F-measure"} <= {m.name for m in rec.metrics}
    assert not [m.name for m in rec.methods + rec.datasets if m.name.startswith("F-")]


def test_leaderboard_columns_that_measure_nothing_are_no_metrics():
    rec = record(
        "A test",
        "We solve long-horizon tasks in Kitchen environments with less Jitter. Accuracy on "
        "Caucasian faces improves by 3%.",
    )
    assert [m.name for m in rec.metrics] == ["Accuracy"]


def test_a_listed_dataset_name_may_hold_a_hyphenated_capital_word():
    rec = record("A test", "Results on two datasets, i.e., IU X-Ray and MIMIC-CXR, are strong.")
    assert {d.name for d in rec.datasets} == {"IU X-Ray", "MIMIC-CXR"}


def test_a_unit_that_is_a_metric_is_the_metric_of_its_value():
    rec = record(
        "FooNet: a test",
        "FooNet achieves an AP of 41.6% at 43.3 FPS on COCO. It runs at 10fps and adds 2.1 BLEU.",
    )
    got = {(r.value, r.metric) for r in rec.results}
    assert {("41.6%", "AP"), ("43.3 FPS", "FPS"), ("10fps", "fps"), ("2.1 BLEU", "BLEU")} <= got


def test_a_task_phrase_does_not_start_inside_a_hyphenated_word():
    rec = record(
        "A test",
        "We address 5-way 5-shot classification and bird's-eye-view map segmentation. "
        "Our model also does 2D-homography estimation. We reach 1000-category classification "
        "on ImageNet and 1-shot intent classification.",
    )
    names = {t.name for t in rec.tasks}
    assert not {n for n in names if n.startswith(("shot", "eye-view", "category"))}
    assert {"homography estimation", "intent classification"} <= names


def test_percent_points_are_a_unit():
    found = [v for *_, v in values("it gains 4.5 percent points and 3.3 percentage points.")]
    assert found == ["4.5 percent points", "3.3 percentage points"]

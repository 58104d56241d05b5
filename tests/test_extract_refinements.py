"""Refinements found on a fresh development sample (eval/ sample G), tested on sentences written
for these tests: adjectives before "tasks", venues and hardware, method-lexicon heads, bare
metrics that refer to a named one, and names a new method is built on."""

from __future__ import annotations

from extracted import record

from kg.extract.abbreviations import find_long_form
from kg.extract.metrics import metric_phrases
from kg.extract.names import words
from kg.extract.tasks import framed_tasks, listed_tasks, task_phrases


def test_adjectives_before_tasks_are_no_task():
    text = (
        "prior work transfers between two identical single tasks. other possible auxiliary "
        "tasks were ignored. we scale to ultra high-dimensional problems and to glacier "
        "calving forecasting and sea ice segmentation tasks."
    )
    found = [text[s:e] for s, e, _ in listed_tasks(text)]
    assert found == ["sea ice segmentation", "glacier calving forecasting"]


def test_venues_and_hardware_are_not_methods():
    rec = record(
        "Fast Clique Trees",
        "Our solver is faster than a recent algorithm (Smith et al., NIPS 2013) and than an "
        "integer program (Jones and Lee, UAI 2012). A prototype runs on analog VLSI circuits.",
    )
    names = {m.name for m in rec.methods + rec.proposed}
    assert not names & {"NIPS", "UAI", "VLSI"}


def test_non_maximum_suppression_is_an_established_method():
    rec = record(
        "Counting Birds",
        "Detections are merged by non-maximum suppression before counting the birds.",
    )
    assert "non-maximum suppression" in {m.name for m in rec.methods}


def test_bare_metric_refers_to_the_named_one():
    rec = record(
        "RiverTrack: Tracking Boats on Rivers",
        "We propose RiverTrack, a boat tracker. Previous trackers lack accuracy on rivers. "
        "RiverTrack reaches a tracking accuracy of 71.2% on the BoatRiver benchmark.",
    )
    metrics = {m.name: m for m in rec.metrics}
    assert set(metrics) == {"tracking accuracy"}
    assert "accuracy" in metrics["tracking accuracy"].aliases
    assert [r.metric for r in rec.results] == ["tracking accuracy"]


def test_bare_metric_stays_when_two_named_ones_compete():
    rec = record(
        "Leaf Counting",
        "Our counter improves accuracy: 81.0% top-1 accuracy and 95.5% top-5 accuracy.",
    )
    assert {m.name for m in rec.metrics} == {"accuracy", "top-1 accuracy", "top-5 accuracy"}


def test_everyday_accuracy_is_no_metric():
    rec = record(
        "Certified Sorting Networks",
        "Our analysis removes a dependence on accuracy present in earlier bounds. "
        "We verify the model's precision with a proof assistant.",
    )
    assert rec.metrics == []


def test_bare_metric_of_a_measuring_sentence_stays():
    rec = record(
        "Faster Sorting Networks",
        "The accuracy and robustness of our sorter are illustrated on synthetic inputs. "
        "Its precision is still far from satisfactory.",
    )
    assert {m.name for m in rec.metrics} == {"accuracy", "precision"}


def test_measuring_word_far_from_a_bare_metric_does_not_keep_it():
    far = (
        "Our sorter improves, as a case study of three hospitals and of the ways their staff "
        "plan each working week reveals, robustness and accuracy in later use."
    )
    assert record("Certified Sorting Networks", far).metrics == []
    near = "Our sorter improves robustness and accuracy in later use."
    assert {m.name for m in record("Faster Sorting Networks", near).metrics} == {"accuracy"}


def test_name_a_new_method_is_built_on_is_not_proposed():
    rec = record(
        "Voronoi Search",
        "We introduce a UCB-based traversal strategy that selects promising cells.",
    )
    assert "UCB" not in {m.name for m in rec.proposed}


def test_name_given_to_the_authors_own_thing_is_proposed():
    rec = record(
        "Learning Reef Maps",
        "In this paper, we propose a novel network that maps reefs. This network, named "
        "ReefMapNet, learns from sonar. ReefMapNet is fast.",
    )
    assert "ReefMapNet" in {m.name for m in rec.proposed}


def test_name_given_to_someone_elses_thing_is_not_proposed():
    rec = record(
        "Learning Reef Maps",
        "A recent network, named ReefMapNet, maps reefs from sonar. It is slow.",
    )
    assert "ReefMapNet" not in {m.name for m in rec.proposed}


def test_acronyms_of_tracking_and_disambiguation_problems_are_tasks():
    rec = record(
        "Reef Dialogues",
        "Dialogue state tracking (DST) and word sense disambiguation (WSD) are hard. We "
        "improve DST and WSD with a reef-aware encoder. Unsupervised domain adaptation (UDA) "
        "helps too.",
    )
    names = {m.name for m in rec.methods + rec.proposed}
    assert not names & {"DST", "WSD", "UDA"}
    assert {"dialogue state tracking", "word sense disambiguation"} <= {t.name for t in rec.tasks}


def test_backtracking_is_no_tracking_problem():
    rec = record(
        "Coral Search",
        "We propose frontier aware search with backtracking (FASB), a planner for reef maps.",
    )
    assert "FASB" in {m.name for m in rec.proposed}


def test_known_dataset_acronym_the_text_calls_a_dataset_stays_a_dataset():
    rec = record(
        "Reef Saliency",
        "We collect gaze data on 5,000 images from the Microsoft COCO (MS COCO) dataset.",
    )
    assert "MS COCO" in {d.name for d in rec.datasets}
    assert "MS COCO" not in {m.name for m in rec.methods}


def test_apposition_with_a_dataset_head_makes_a_dataset():
    rec = record(
        "Reef Cards",
        "Our contributions include ReefBench, a comprehensive dataset of 4k reef cards.",
    )
    assert "ReefBench" in {d.name for d in rec.datasets}


def test_clustering_and_neighbour_terms_of_art_are_methods():
    rec = record(
        "Reef Zones",
        "We group the sonar scans by spectral clustering and label them with k-nearest neighbors.",
    )
    assert {"spectral clustering", "k-nearest neighbors"} <= {m.name for m in rec.methods}


def test_overall_stays_in_a_metric_name():
    rec = record(
        "Reef Zones",
        "Our zoning improves the overall system error by 12% over the manual zoning.",
    )
    assert "overall system error" in {m.name for m in rec.metrics}


def test_acronym_written_only_in_its_definition_is_proposed_with_its_long_form():
    rec = record(
        "Reef Feedback Network for Coral Detection",
        "Recent detectors miss thin corals. In this paper, we design the Reef Feedback Modules "
        "(RFMs) to better explore the structure of corals.",
    )
    assert "RFMs" in {m.name for m in rec.proposed}
    assert "RFMs" not in {m.name for m in rec.methods}


def test_named_variants_of_established_methods_keep_their_modifier():
    rec = record(
        "Reef Inference",
        "We learn a causal Bayesian network of reef health and compare it with a factorial "
        "hidden Markov model.",
    )
    names = {m.name for m in rec.methods}
    assert {"causal Bayesian network", "factorial hidden Markov model"} <= names
    assert "Bayesian network" not in names


def test_common_words_with_acronym_capitals_are_not_names():
    rec = record(
        "TIRDE: A Temporally Invariant Reef DEtector",
        "We introduce TIRDE, a keypoint detector for reefs trained on ReefNet images.",
    )
    names = {m.name for m in rec.methods + rec.proposed}
    assert "DEtector" not in names
    assert "TIRDE" in names


def test_coined_name_spelling_a_common_word_is_kept():
    rec = record(
        "Reef Repair",
        "We develop a reinforcement learning approach, SCoRe, that repairs reef maps.",
    )
    assert "SCoRe" in {m.name for m in rec.proposed}


def test_dataset_names_written_in_the_singular_are_found():
    rec = record(
        "Reef Parsing",
        "We train on the Cityscape dataset and caption reefs with Conceptual Caption pairs.",
    )
    assert {"Cityscape", "Conceptual Caption"} <= {d.name for d in rec.datasets}


def test_names_glued_to_a_sentence_end_or_inside_a_url_are_not_names():
    rec = record(
        "Reef Factor Networks",
        "We compare against other unsupervised methods.RFN is faster than PCA on ReefSet. "
        "Our code is at github.com/reefer/ReefTool.",
    )
    names = {m.name for m in rec.methods + rec.proposed + rec.datasets}
    assert "RFN" in names
    assert not {n for n in names if "." in n or "/" in n}


def test_plural_scores_of_a_named_metric_name_the_metric():
    rec = record(
        "Reef Captioning",
        "ReefCap improves BLEU scores by 2.1 points and reaches a CIDEr score of 98.3.",
    )
    names = {m.name for m in rec.metrics}
    assert "BLEU" in names and "BLEU scores" not in names
    assert "CIDEr score" in names or "CIDEr" in names


def test_a_name_after_on_benchmarks_comma_is_the_subject_not_a_dataset():
    rec = record(
        "ReefCLR: Contrastive Reef Generation",
        "We propose ReefCLR, which applies contrastive learning to reef images. "
        "On multiple datasets, ReefCLR reduces FID by 15%. On benchmarks, ReefNets are "
        "compared to autoencoders. Our experiments on datasets, CoralSet and ReefBank, agree.",
    )
    assert "ReefCLR" in {m.name for m in rec.proposed}
    assert not {"ReefCLR", "ReefNets"} & {d.name for d in rec.datasets}
    assert {"CoralSet", "ReefBank"} <= {d.name for d in rec.datasets}


def test_misread_capitals_inside_ordinary_words_and_units_are_not_names():
    rec = record(
        "Analog Reef Chips",
        "The controJJer keeps the signaL stable in partiCUlar at 40 mW and 5 MHz, using "
        "ReefNet. The Gromov-Wasserstein (GW) discrepancy compares ReefNet with mBERT.",
    )
    names = {m.name for m in rec.methods + rec.proposed + rec.datasets}
    assert not names & {"controJJer", "signaL", "partiCUlar", "mW", "MHz"}
    assert {"ReefNet", "mBERT", "GW"} <= names


def test_a_third_person_verb_or_a_judging_word_is_not_part_of_a_metric_name():
    rec = record(
        "Reef Parsing",
        "Fine-tuning ReefBERT further boosts parsing accuracy by 3.1 points, while other "
        "codecs cause severe inference accuracy drops of 9%. Attacks reach an alarming "
        "average success rate of 90% at a negligible runtime overhead of 2%.",
    )
    names = {m.name for m in rec.metrics}
    assert "parsing accuracy" in names
    assert not {n for n in names if n.startswith(("boosts", "severe", "alarming", "negligible"))}
    assert "average success rate" in names


def test_a_value_in_brackets_belongs_to_the_dataset_before_the_bracket():
    rec = record(
        "ReefNet",
        "ReefNet achieves state-of-the-art accuracy on CIFAR-100 (91.7%), SVHN (98.8%), "
        "and three other datasets.",
    )
    pairs = {(r.value, r.dataset) for r in rec.results}
    assert {("91.7%", "CIFAR-100"), ("98.8%", "SVHN")} <= pairs


def test_a_list_of_datasets_goes_on_past_bracketed_scores():
    rec = record(
        "Reef Re-identification",
        "Rank-1 accuracy on three person datasets: Market-1501 (95.4%), ReefID (88.6%), "
        "and CoralID (80.1%) shows the gain.",
    )
    assert {"ReefID", "CoralID"} <= {d.name for d in rec.datasets}


def test_a_lower_case_word_spelling_a_capitals_only_metric_needs_a_number():
    rec = record(
        "Reef Tracking",
        "Unlabelled images are fed to ReefNet (cf. prior work), which runs at 30 fps and "
        "reaches an RMSE of 0.3.",
    )
    names = {m.name for m in rec.metrics}
    assert not names & {"fed", "cf"}
    assert {"fps", "RMSE"} <= names


def test_leaderboard_columns_naming_data_are_no_metrics():
    rec = record(
        "Reef Priors",
        "Our prior for natural images improves denoising; the image size is 512 and "
        "accuracy rises by 2%.",
    )
    names = {m.name.lower() for m in rec.metrics}
    assert not names & {"natural images", "image size"}
    assert "accuracy" in names


def test_a_task_the_list_writes_in_capitals_only_is_not_a_lower_case_word():
    rec = record(
        "Reef Bounds",
        "A key lemma bounds the error of ReefNet on image classification.",
    )
    tasks = {t.name.lower() for t in rec.tasks}
    assert "lemma" not in tasks
    assert "image classification" in tasks


def test_an_established_method_acronym_is_a_method_unless_called_a_dataset():
    rec = record(
        "Reef Optimisation",
        "ReefOpt trains faster than SGD and compresses weights better than a truncated SVD.",
    )
    assert {"SGD", "SVD"} <= {m.name for m in rec.methods}
    assert not {"SGD", "SVD"} & {d.name for d in rec.datasets}
    rec = record("Reef Dialogue", "We evaluate ReefTalk on the SGD dataset.")
    assert "SGD" in {d.name for d in rec.datasets}
    rec = record("Reef Dialogue", "On the commonly used SGD and Weather benchmarks, it helps.")
    assert "SGD" in {d.name for d in rec.datasets}


def test_a_task_written_with_its_acronym_is_one_item_named_without_it():
    rec = record(
        "Reef Control",
        "We study automatic speech recognition (ASR) for reef divers. Automatic speech "
        "recognition under water is hard.",
    )
    asr = [t for t in rec.tasks if "speech recognition" in t.name]
    assert [t.name for t in asr] == ["automatic speech recognition"]
    assert "ASR" in asr[0].aliases


def test_an_acronym_defined_by_a_listed_task_name_is_a_task():
    rec = record(
        "Reef Similarity",
        "We study semantic textual similarity (STS) for reef reports. ReefSim beats BERT on "
        "STS. We also release the Reef Commonsense Tests (ReCoT) dataset.",
    )
    assert "STS" not in {m.name for m in rec.methods + rec.proposed}
    assert "semantic textual similarity" in {t.name for t in rec.tasks}
    assert "ReCoT" in {d.name for d in rec.datasets}


def test_a_task_in_capitals_is_lower_cased_but_an_acronym_is_kept():
    rec = record(
        "A STRUCTURED SELF-ATTENTIVE SENTENCE EMBEDDING",
        "We propose ReefAttn for sentence embedding and evaluate it on NER.",
    )
    names = {t.name for t in rec.tasks}
    assert "SENTENCE EMBEDDING" not in names
    assert "sentence embedding" in names


def test_names_that_start_with_a_dimension_are_names():
    rec = record(
        "Reef Scenes",
        "Our research introduces a novel 3D Reef Generalization (3DRG) method. We compare it "
        "with 3DETR and a 6DoF pose regressor on 3DFront.",
    )
    assert "3DRG" in {m.name for m in rec.proposed}
    names = {m.name for m in rec.methods + rec.datasets}
    assert "3DETR" in names and "3DFront" in names
    assert "6DoF" not in names


def test_an_acronym_of_an_organisation_is_not_a_method():
    rec = record(
        "Reef Navigation",
        "The World Health Organization (WHO) counts divers; WHO data guide ReefNav.",
    )
    assert "WHO" not in {m.name for m in rec.methods + rec.proposed}


def test_a_relative_pronoun_ends_a_task_phrase():
    text = "we give exact algorithms for temporal graphs whose underlying topologies are paths."
    found = [text[s:e] for s, e, _ in framed_tasks(text)]
    assert not any("whose" in f for f in found)


def test_a_dataset_called_the_proposed_one_is_introduced():
    rec = record(
        "A Continual Reef Benchmark",
        "This paper suggests a continual reef detection benchmark (CRDB). We evaluate "
        "existing methods on the proposed CRDB.",
    )
    crdb = [d for d in rec.datasets if d.name == "CRDB"]
    assert crdb and crdb[0].introduced


def test_rates_named_by_their_acronym_are_metrics_and_a_metric_after_a_value_is_its_metric():
    rec = record(
        "Reef Attack Detection",
        "ReefGuard detects attacks with up to 99% TPR and less than 2% FPR, and reaches "
        "88.1% mIOU on PASCAL VOC.",
    )
    assert {"TPR", "FPR", "mIOU"} <= {m.name for m in rec.metrics}
    assert "TPR" not in {m.name for m in rec.methods}
    pairs = {(r.value, r.metric) for r in rec.results}
    assert {("99%", "TPR"), ("2%", "FPR"), ("88.1%", "mIOU")} <= pairs


def test_a_name_apposed_to_a_novel_method_is_proposed():
    rec = record(
        "Reef Tracking",
        "Within our framework there are two parts. (ii) ReefSORT, a novel object association "
        "approach, links tracks. Unlike DeepSORT, a popular tracking method, it uses reefs.",
    )
    assert "ReefSORT" in {m.name for m in rec.proposed}
    assert "DeepSORT" not in {m.name for m in rec.proposed}


def test_by_introducing_is_a_contribution_verb():
    rec = record(
        "Reef Embeddings",
        "We tackle this inefficiency by introducing the Reef Word Embedding (RWE) model. "
        "In this work, we fill this gap by proposing a novel Reef Regularized Transformer "
        "(RRFormer).",
    )
    assert {"RWE", "RRFormer"} <= {m.name for m in rec.proposed}


def test_a_verb_in_ing_ends_a_framed_task_on_the_left():
    text = "it removes features responsible for spurious correlations enhancing novelty detection."
    found = [text[s:e] for s, e, _ in framed_tasks(text)]
    assert not any("enhancing" in f for f in found)


def test_counting_heads_a_task_and_a_benchmark_acronym_stays_a_dataset():
    rec = record(
        "Reef Counting",
        "Object counting has shifted towards class-agnostic counting (CAC). We introduce the "
        "Reef-Aware Counting (ReAC) benchmark.",
    )
    assert "CAC" not in {m.name for m in rec.methods}
    assert "class-agnostic counting" in {t.name for t in rec.tasks}
    assert "ReAC" in {d.name for d in rec.datasets}
    assert "reef-aware counting" not in {t.name for t in rec.tasks}


def test_a_measure_word_before_functions_is_no_metric():
    text = "directed ray distance functions for 3d scene reconstruction"
    assert metric_phrases(text) == []


def test_code_provided_in_supplementary_material_is_code_available():
    rec = record(
        "Reef Matching", "ReefMatch aligns reefs. Code will be provided in supplementary material."
    )
    assert rec.code_available
    rec = record("Reef Matching", "ReefMatch aligns reefs. Proofs are provided in the appendix.")
    assert not rec.code_available


def test_a_name_glued_to_the_next_word_by_a_comma_is_found():
    rec = record(
        "Reef Retrieval",
        "ReefNet outperforms the baselines by a large margin, e.g., 60.6% on ReefSet200,and "
        "80.9% on CoralSet.",
    )
    assert "ReefSet200" in {m.name for m in rec.datasets + rec.methods}


def test_an_evaluation_cue_reaches_past_a_decimal_number():
    rec = record(
        "Reef Gaze",
        "ReefGaze yields state-of-the-art performance of 3.18 degrees on ReefCapture. It "
        "improves results on Faster R-CNN and Cascade R-CNN by 3.0% and 0.9%, respectively.",
    )
    assert "ReefCapture" in {d.name for d in rec.datasets}
    assert not {d.name for d in rec.datasets if "R-CNN" in d.name}


def test_two_word_model_names_keep_their_first_word():
    rec = record(
        "Reef Detection",
        "ReefDet improves Faster R-CNN and Cascade R-CNN by 3.0% and 0.9%, respectively, "
        "and edits images with Stable Diffusion.",
    )
    names = {m.name for m in rec.methods}
    assert {"Faster R-CNN", "Cascade R-CNN", "Stable Diffusion"} <= names
    assert "R-CNN" not in names


def test_a_listed_name_never_spans_two_known_names():
    rec = record(
        "Reef Segmentation",
        "The experiments conducted on Pascal VOC Cityscapes and ADE20K demonstrate that it "
        "works, as on NTU RGB+D 60 and NTU RGB+D 120 datasets.",
    )
    names = {d.name for d in rec.datasets}
    assert {"Pascal VOC", "Cityscapes", "ADE20K"} <= names
    assert "Pascal VOC Cityscapes" not in names
    assert "NTU RGB+D 60" in names


def test_a_verb_in_ing_is_not_a_task_modifier_but_a_participle_adjective_is():
    rec = record(
        "Reef Prototypes",
        "We propose an approach for making semantic segmentation interpretable, and study "
        "moving object segmentation and referring segmentation.",
    )
    tasks = {t.name for t in rec.tasks}
    assert "making semantic segmentation" not in tasks
    assert {"moving object segmentation", "referring segmentation"} <= tasks


def test_fixes_found_on_a_fresh_probe():
    rec = record(
        "A Reef Baseline",
        "This paper targets reef segmentation by building it on an off-the-shelf model, i.e., "
        "CLIP. Benchmarking on one general face recognition (GFR) dataset LFW shows it works. "
        "ReefRL boosts MATH accuracy by over 20%.",
    )
    assert "CLIP" not in {m.name for m in rec.proposed}
    assert "GFR" not in {d.name for d in rec.datasets}
    assert {"MATH", "LFW"} <= {d.name for d in rec.datasets}
    assert "MATH accuracy" not in {m.name for m in rec.metrics}


def test_our_acronym_defined_by_a_listed_task_name_is_still_a_method():
    rec = record(
        "Reef Trading",
        "Here we compare Q-Learning to our Recurrent Reinforcement Learning (RRL) algorithm. "
        "RRL trades reefs.",
    )
    assert "RRL" in {m.name for m in rec.methods + rec.proposed}


def test_accelerators_are_neither_methods_nor_datasets():
    rec = record(
        "Pelee Reef",
        "ReefNet runs at 125 FPS on NVIDIA TX2 and trains in a day on eight V100 GPUs or on a "
        "GTX1080Ti.",
    )
    names = {m.name for m in rec.methods + rec.proposed + rec.datasets}
    assert not names & {"TX2", "V100", "GTX1080Ti"}


def test_a_task_list_acronym_the_paper_defines_as_its_own_method_is_no_task():
    rec = record(
        "Reef Regularization",
        "Our ReefNet has two parts, the tangent adversarial regularization (TAR) and the "
        "normal adversarial regularization (NAR). In TAR, VAT is applied along the manifold.",
    )
    assert "TAR" not in {t.name for t in rec.tasks}


def test_association_and_building_are_ordinary_words_of_methods_and_tasks():
    rec = record(
        "Reef Association",
        "We propose an unsupervised graph association (UGA) framework for reef tracklets. "
        "Experiments on three building instance segmentation datasets show that UGA works.",
    )
    assert "UGA" in {m.name for m in rec.proposed}
    assert "building instance segmentation" in {t.name for t in rec.tasks}


def test_counted_units_and_model_level_modifiers():
    rec = record(
        "Reef Quantization",
        "We achieve 2.8x and 2.1x reduction in MAC operations on ResNet-20. Experiments show "
        "that our DNN obtains GoogLeNet-level accuracy on classification.",
    )
    assert "MAC" not in {d.name for d in rec.datasets}
    assert not {m.name for m in rec.metrics if "GoogLeNet" in m.name}


def test_a_norm_inside_a_metric_is_part_of_it_but_a_name_is_not():
    rec = record(
        "Drive Tokens",
        "Our planner gives a 27% reduction in trajectory L2 error and reduces the depth L1 "
        "error by 9%. It reaches a 0.9 average F1 score on Argoverse Motion Forecasting "
        "benchmark at Recall@5.",
    )
    names = {m.name for m in rec.metrics}
    assert {"trajectory L2 error", "depth L1 error"} <= names
    assert not {n for n in names if "F1" in n and n != "F1 score"}
    assert not {n for n in names if "Forecasting" in n}


def test_hyphenated_dataset_written_with_a_space():
    rec = record(
        "Capsules Again",
        "We test on MNIST, Fashion MNIST and Kinetics 400. We adapt SYNTHIA to Cityscapes. "
        "Is a 3D future motion predictable?",
    )
    assert {d.name for d in rec.datasets} == {
        "MNIST",
        "Fashion MNIST",
        "Kinetics 400",
        "SYNTHIA",
        "Cityscapes",
    }


def test_measure_changed_after_it_is_a_metric():
    def found(text: str) -> list[str]:
        return [text[a:b] for a, b in metric_phrases(text)]

    assert found("with the refined model the projection error can be significantly reduced.") == [
        "projection error"
    ]
    assert found("the memory footprint was halved on every device.") == ["memory footprint"]
    # no change follows, and nothing measures it
    assert found("the projection error of a pinhole camera depends on the lens.") == []


def test_plural_and_singular_of_a_method_name_are_one_item():
    rec = record(
        "Sorting with Random Forests",
        "We train a random forest on sorted lists. Random forests of depth two suffice.",
    )
    items = [i for i in rec.methods if "forest" in i.name.lower()]
    assert len(items) == 1
    assert {items[0].name.lower(), *(a.lower() for a in items[0].aliases)} == {
        "random forest",
        "random forests",
    }


def test_plural_joins_a_hyphenated_singular():
    rec = record(
        "Sorting with Random Forests",
        "We train a random-forest sorter. Random forests of depth two suffice.",
    )
    assert len([i for i in rec.methods if "forest" in i.name.lower()]) == 1


def test_leaderboard_columns_written_otherwise_are_no_metric():
    # "Abductive", "Kitchen", "SPIDEr" and "APt" are metric columns of some leaderboard
    rec = record(
        "Reflective Decoding",
        "Our decoder beats baselines on paraphrasing and abductive text infilling. A robot "
        "places mugs in a kitchen. We evaluate on Spider and report an apt comparison.",
    )
    assert rec.metrics == []
    # a lower-case acronym beside its score or a metric noun is the metric
    rec = record("Domain Adaptation", "We reach 66.6 miou on Cityscapes, +2.1 on the dice metric.")
    assert {m.name for m in rec.metrics} >= {"miou", "dice"}


def test_terms_of_list_items_that_measure_nothing_are_no_metric():
    text = (
        "we improve in terms of both objective and subjective metrics. we gain 2 and 3 points "
        "in terms of bleu and meteor, respectively. it is better in terms of i) speed. it is "
        "optimal in terms of statistical and computational efficiency."
    )
    found = {text[s:e] for s, e in metric_phrases(text)}
    assert not found & {"objective", "respectively", "i", "statistical"}
    assert {"bleu", "meteor", "computational efficiency"} <= found


def test_acronym_the_corpus_defines_is_used_not_proposed():
    rec = record(
        "Handling Motion Blur in Multi-Frame Super-Resolution",
        "An EM framework is proposed to guide residual blur estimation. We also propose an "
        "ADMM based solver. The restoration uses a novel semantic attentive module (SAM).",
    )
    proposed = {m.name for m in rec.proposed}
    assert not proposed & {"EM", "ADMM"}
    assert {"EM", "ADMM"} <= {m.name for m in rec.methods}
    # the paper's own long form makes "SAM" its own, whatever the corpus means by it
    assert "SAM" in proposed


def test_known_method_with_a_minor_word_is_found_and_modified_in_a_title():
    abstract = (
        "Chain of Thought (CoT) prompting helps, but one prompt serves every task. In this work, "
        "we build upon analyses of CoT and show that task-specific supervision is essential."
    )
    rec = record("Supervised Chain of Thought", abstract)
    assert [m.name for m in rec.proposed] == ["Supervised Chain of Thought"]
    rec = record("Mixtures of Controllers", "We train a mixture of experts on plants.")
    assert "mixture of experts" in {m.name for m in rec.methods}
    # a preposition among the modifiers: the title is about the method, no variant of it
    rec = record("On Nesting Monte Carlo Estimators", "We study nested Monte Carlo estimators.")
    assert rec.proposed == []


def test_words_that_grade_a_value_are_no_part_of_a_metric():
    text = (
        "it reaches state of the art accuracy and a 3 times speedup with sub-linear regret. "
        "we win in terms of performance and speed."
    )
    found = {text[s:e] for s, e in metric_phrases(text)}
    assert {"regret", "speed"} <= found  # the bare heads are the gazetteer's to find
    assert not found & {"art accuracy", "times speedup", "sub-linear regret", "performance"}


def test_variants_of_the_proposed_method_are_proposed():
    rec = record(
        "Learning from Future: A Novel Self-Training Framework for Semantic Segmentation",
        "We propose a future-self-training (FST) framework. We also develop two variants of "
        "our FST framework through peeping at the future both deeply (FST-D) and widely "
        "(FST-W). FST-trained models beat ResNet-50.",
    )
    proposed = {m.name for m in rec.proposed}
    assert {"FST", "FST-D", "FST-W"} <= proposed
    assert "ResNet-50" not in proposed


def test_known_name_ending_a_hyphenated_long_form_is_no_method_of_its_own():
    rec = record(
        "SiT: Self-supervised vIsion Transformer",
        "We propose Self-supervised vIsion Transformers (SiT) for classification.",
    )
    assert [m.name for m in rec.proposed] == ["SiT"]
    assert rec.methods == []
    # one listed word is the model the paper builds on
    rec = record("MrBERT", "We propose the Metaphor-relation BERT (MrBERT) for metaphors.")
    assert [m.name for m in rec.methods] == ["BERT"]


def test_name_coined_for_short_in_a_contribution_is_proposed_even_after_based_on():
    rec = record(
        "Rethinking Supervised Pre-training",
        "We propose a new supervised pre-training method based on Leave-One-Out "
        "K-Nearest-Neighbor, or LOOK for short. We train with Stochastic Gradient Descent (SGD).",
    )
    assert [(m.name, m.long) for m in rec.proposed] == [
        ("LOOK", "Leave-One-Out K-Nearest-Neighbor")
    ]


def test_listed_dataset_names_used_as_words_or_problems_are_no_dataset():
    rec = record(
        "Metaphor Identification Inspired by Conceptual Metaphor Theory",
        "Our network regresses full 3D hand pose. It helps the task of Visual Question "
        "Answering, and we report results on the Visual Question Answering dataset.",
    )
    datasets = [d.name for d in rec.datasets]
    assert "Inspired" not in datasets and "3D hand pose" not in datasets
    assert datasets.count("Visual Question Answering") == 1  # the one with a cue word


def test_acronym_the_corpus_defines_as_a_problem_is_a_task():
    rec = record(
        "Robust Inference",
        "Partial-input baselines show that NLI models can ignore context; we also study VOS "
        "with a ResNet backbone.",
    )
    assert {"NLI", "VOS"} <= {t.name for t in rec.tasks}
    assert not {"NLI", "VOS"} & {m.name for m in rec.methods}


def test_name_written_as_the_base_of_something_new_is_used():
    rec = record(
        "Contextual Combinatorial Cascading Bandits",
        "We design a UCB-type algorithm for this problem and prove a regret bound.",
    )
    assert rec.proposed == []
    assert [m.name for m in rec.methods] == ["UCB"]


def test_piece_of_a_proposed_long_form_is_not_proposed_apart():
    rec = record(
        "Rejection Improves Reliability",
        "We present a novel alignment framework called Reinforcement Learning from Knowledge "
        "Feedback (RLKF) that trains models to refuse unknown questions.",
    )
    assert [(m.name, m.long) for m in rec.proposed] == [
        ("RLKF", "Reinforcement Learning from Knowledge Feedback")
    ]
    assert rec.methods == []


def test_subject_of_the_next_clause_is_not_what_the_verb_introduces():
    rec = record(
        "GPQA: A Graduate-Level Google-Proof Q&A Benchmark",
        "We present GPQA, a challenging dataset of 448 questions. When we released this "
        "dataset in November 2023, GPT-4 achieved 39% accuracy.",
    )
    assert rec.proposed == []
    assert [m.name for m in rec.methods] == ["GPT-4"]


def test_dataset_alias_with_a_lower_case_cue_is_named_without_it():
    rec = record(
        "A Cognitively Inspired Model",
        "It yields state-of-the-art results on the ShapeNet dataset, the Waymo Open dataset "
        "and Pubmed.",
    )
    names = {d.name for d in rec.datasets}
    assert {"ShapeNet", "Pubmed"} <= names
    assert "Inspired" not in names and "ShapeNet dataset" not in names


def test_title_with_nothing_before_its_colon_is_read_without_error():
    rec = record(": Odd Title Words", "We propose a new method built on Chain of Thought.")
    assert rec.proposed == []


def test_a_quote_opening_the_text_is_not_part_of_a_long_form():
    before = '"Vision-language navigation '
    assert before[find_long_form("VLN", before) :] == "Vision-language navigation "
    quoted = 'our "Direct Optimization Of Margins" '
    assert quoted[find_long_form("DOOM", quoted) :] == '"Direct Optimization Of Margins" '
    rec = record("A test", '"Vision-language navigation (VLN) asks an agent to follow routes.')
    assert "vision-language navigation" in {t.name.lower() for t in rec.tasks}
    assert not [t.name for t in rec.tasks if t.name.startswith('"')]


def test_a_bracketed_name_glued_to_the_next_word_is_split_from_it():
    got = [w for _, _, w in words("modeling (MaskedLM).Furthermore, (SCPO)---to (K+1)-way (d+1)n")]
    assert got[:5] == ["modeling", "MaskedLM", "Furthermore", "SCPO", "to"]
    assert got[5:] == ["K+1)-way", "d+1)n"]  # one word each: no name glued there


def test_a_measure_list_item_opening_with_a_function_word_is_no_metric():
    text = "we compare on criteria including speed, the ability to register images."
    assert [text[s:e] for s, e in metric_phrases(text)] == ["speed"]


def test_capitals_inside_words_spell_the_long_form():
    before = "the DEtection TRansformer "
    assert before[find_long_form("DETR", before) :] == "DEtection TRansformer "
    clause = "In this paper, we propose versaTile multi-modAl learning for emOtion Recognition "
    assert clause[find_long_form("TAOR", clause) :].startswith("versaTile")
    plain = "In this paper, we propose adaptive thresholding "
    assert find_long_form("WPAT", plain) is None  # a long form holds no "we propose"


def test_function_words_in_capitals_are_no_names():
    rec = record(
        "AND does not mean OR: Using Formal Languages",
        "Circuits of AND, OR and NOT gates are studied with the Transformer.",
    )
    assert {m.name for m in rec.methods} == {"Transformer"}


def test_listed_names_and_matches_keep_out_sentence_ends_and_conjunctions():
    rec = record(
        "A test",
        "We reach the best results on two datasets: ACE 2005 and KBP 2016. Code and Dataset "
        "are available. Metrics such as MS-SSIM and PSNR are inadequate here.",
    )
    assert {d.name for d in rec.datasets} == {"ACE 2005", "KBP 2016"}
    assert "PSNR are inadequate" not in {m.name for m in rec.metrics}


def test_a_metric_acronym_defined_as_no_measure_is_a_metric_only_where_measured():
    rec = record(
        "Mixtures Fit by EM",
        "We fit the model with EM and report the MAP estimate. On SQuAD we reach an EM of "
        "71.2 and F1/EM gains over BERT.",
    )
    metrics = [m for m in rec.metrics if m.name == "EM"]
    assert metrics and {e.sentence[:8] for e in metrics[0].mentions} == {"On SQuAD"}
    assert "MAP" not in {m.name for m in rec.metrics}


def test_names_of_brain_areas_measures_and_problems_are_not_methods():
    rec = record(
        "Text-to-SQL with Receptive Fields",
        "Simple cells in V1 inspire our Transformer. Its VC dimension is small and the area "
        "under the ROC curve is high. Human-Object Interaction (HOI) detection and "
        "Text-to-SQL parsing both gain. Features are fed to a four-layer CNN.",
    )
    names = {m.name for m in [*rec.methods, *rec.proposed, *rec.datasets]}
    assert not names & {"V1", "VC", "ROC", "HOI", "Text-to-SQL"}
    assert "fed" not in {m.name.lower() for m in rec.metrics}
    assert "text-to-sql" in {t.name.lower() for t in rec.tasks}


def test_a_one_word_dataset_inside_a_longer_capitalised_name_is_not_that_dataset():
    rec = record(
        "A test",
        "We use slides from The Cancer Genome Atlas and the Atlas of Digital Pathology. "
        "Results on Breakfast Actions and Cityscapes are strong.",
    )
    names = {d.name for d in rec.datasets}
    assert "Atlas" not in names
    assert "Cityscapes" in names


def test_a_model_familys_own_name_is_proposed_only_where_the_title_or_a_naming_verb_gives_it():
    rec = record(
        "Robust Stent Tracking",
        "We propose a novel recurrent U-Net architecture and present a case study with "
        "GPT-3.5 and GPT-4. Our RoI jitter strategy helps.",
    )
    assert not {m.name for m in rec.proposed} & {"U-Net", "GPT-3.5", "GPT-4", "RoI"}
    assert "RoI" not in {m.name for m in rec.methods}
    yolo = record(
        "You Only Look Once: Unified, Real-Time Object Detection",
        "We present YOLO, a new approach to object detection.",
    )
    assert "YOLO" in {m.name for m in yolo.proposed}
    rcnn = record(
        "Rich Feature Hierarchies for Accurate Object Detection",
        "We propose a simple algorithm. We call our method R-CNN: Regions with CNN features.",
    )
    assert "R-CNN" in {m.name for m in rcnn.proposed}


def test_pac_bayes_is_a_theory_not_a_method():
    rec = record("Tighter PAC-Bayes Bounds", "We give PAC-Bayesian bounds for SVMs.")
    assert not {m.name for m in [*rec.methods, *rec.proposed]} & {"PAC-Bayes", "PAC-Bayesian"}


def test_a_from_to_pair_is_the_result_before_and_the_result_after():
    rec = record(
        "CoRI: Relation Integration",
        "Experiments show that CoRI improves AUC on NYT from 67.7% to 74.8%. The accuracy of "
        "other models is ranging from 87.0% to 99.3%.",
    )
    got = {(r.value, r.method) for r in rec.results}
    assert {("67.7%", None), ("74.8%", "CoRI")} <= got
    assert "87.0% to 99.3%" in {r.value for r in rec.results}


def test_a_family_named_in_the_title_only_as_the_head_of_a_longer_name_is_not_proposed():
    rec = record(
        "Libra R-CNN: Towards Balanced Learning for Object Detection",
        "We propose Libra R-CNN, a simple framework. Compared with R-CNN it is better.",
    )
    assert "R-CNN" not in {m.name for m in rec.proposed}
    assert "Libra R-CNN" in {m.name for m in rec.proposed}


def test_a_function_word_glued_to_a_name_is_cut_off():
    # PDF text that lost its spaces: "thatReefAttack", "ReefAttackis", "ofHMM".
    rec = record(
        "ReefAttack: Vertical Words",
        "We simulate such an attack, ReefAttack. We find thatReefAttack is able to drop "
        "accuracy. ReefAttackis cheap. It beats the use ofHMM taggers, though HMM is old.",
    )
    names = {m.name for m in rec.proposed + rec.methods}
    assert {"ReefAttack", "HMM"} <= names
    assert not names & {"thatReefAttack", "ReefAttackis", "ofHMM"}


def test_task_phrases_keep_pose_point_clouds_and_dimensions():
    text = (
        "we address human pose estimation. we pose object detection as regression. "
        "we study 3d point cloud segmentation and 3d scene object detection, not 3d editing."
    )
    found = [text[s:e] for s, e in task_phrases(text)]
    assert "human pose estimation" in found
    assert "object detection" in found and "pose object detection" not in found
    assert "3d point cloud segmentation" in found and "3d scene object detection" in found
    rec = record("A Study", "This framework helps 3D scene object detection and 3D editing.")
    assert {t.name for t in rec.tasks} == {"3d scene object detection"}

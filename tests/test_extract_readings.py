"""Refinements found by reading the records of unlabelled abstracts (the seed file and random
corpus abstracts), each tested on sentences written for the test."""

from __future__ import annotations

from extracted import record

from kg.extract.pipeline import build_nlp


def test_a_problem_named_acronym_of_a_proposed_framework_is_the_method():
    rec = record(
        "Reef Captions",
        "We devise a joint Reef Grounding and Generation (RGG) framework for coral images. "
        "We also propose a fast coral bleaching detection (CBD) method. RGG is accurate.",
    )
    assert "RGG" in {m.name for m in rec.proposed}
    # Spelled like the problem, the acronym names the problem, not the method.
    assert "CBD" not in {m.name for m in rec.proposed + rec.methods}


def test_a_named_part_the_method_relies_on_is_used_not_proposed():
    rec = record(
        "T-Reef: Coral Learning",
        "We propose T-Reef, a method for reef data. Our approach, T-Reef, relies on a Joint "
        "Coral Predictive Architecture (JCPA) and is akin to masking. It adds the Coral "
        "Attention Module (CAM) to it.",
    )
    proposed = {m.name for m in rec.proposed}
    assert "JCPA" not in proposed
    assert {"T-Reef", "CAM"} <= proposed


def test_an_acronym_defined_for_short():
    rec = record(
        "Reef Teaching",
        "We call this problem \\textit{g-reefability}, or gRF for short. We propose a coral "
        "counting network (CCN for short). We name our method as ``learning to teach with "
        "dynamic reef functions'' (L2T-DRF for short).",
    )
    assert "g-reefability" not in {m.name for m in rec.proposed}
    assert {"CCN", "L2T-DRF"} <= {m.name for m in rec.proposed}
    ccn = next(m for m in rec.proposed if m.name == "CCN")
    assert ccn.long == "coral counting network"


def test_a_quantifier_does_not_open_a_task_name():
    rec = record(
        "Coral Reefs",
        "Transformers help numerous natural language processing tasks. We train on multiple "
        "self-supervised tasks and evaluate on multiple object tracking.",
    )
    tasks = {t.name for t in rec.tasks}
    assert "natural language processing" in tasks
    assert "multiple object tracking" in tasks  # a task of the list keeps its first word
    assert not {t for t in tasks if t.startswith(("numerous", "multiple self"))}


def test_a_title_task_is_the_object_of_the_titles_verb_and_not_what_it_goes_beyond():
    rec = record(
        "Coral Debate Helps Reef-to-Ocean Generalization",
        "We study reefs.",
    )
    assert {t.name.lower() for t in rec.tasks} == {"reef-to-ocean generalization"}
    rec = record("Beyond Coral Image Retrieval: Captions for Reefs", "We study reefs.")
    assert {t.name.lower() for t in rec.tasks} == {"coral image retrieval"}


def test_a_title_phrase_that_spells_the_abstracts_acronym_is_its_long_form():
    rec = record(
        "Reef Counting with Multi-Granularity Coral Fusion Networks",
        "Corals are hard to count. We introduce MGCoFN, which fuses coral views, and compare "
        "it with ResNet-101. MGCoFN counts corals well.",
    )
    proposed = {m.name: m for m in rec.proposed}
    assert set(proposed) == {"MGCoFN"}
    assert proposed["MGCoFN"].long == "Multi-Granularity Coral Fusion Networks"


def test_an_apposition_that_spells_the_name_is_its_long_form():
    rec = record(
        "Shared Reefs",
        "We propose M3CoR, a Multimodal Mixup Coral Representation approach to reef data. "
        "M3CoR is accurate.",
    )
    proposed = {m.name: m for m in rec.proposed}
    assert set(proposed) == {"M3CoR"}
    assert proposed["M3CoR"].long == "Multimodal Mixup Coral Representation"


def test_spelling_needs_the_initials_in_order_from_first_to_last():
    from kg.extract.contributions import _spells

    assert _spells("Multimodal Mixup Contrastive Learning", "M3CoL")
    assert _spells("Harmonic Networks", "H-Nets")
    assert not _spells("LSTM Pose Machines", "LSTM")
    assert not _spells("R3 Adversarial Network", "ResNet-101")
    assert not _spells("Pixel-Grounded Prototypical Part Networks", "ProtoPNet")


def test_a_name_before_a_method_head_is_no_dataset():
    rec = record(
        "Reef Vision",
        "Our coral encoders are pre-trained using the InfoREEF objective. Experiments with the "
        "CoralNet backbone and on ReefSet show gains.",
    )
    datasets = {d.name for d in rec.datasets}
    assert not datasets & {"InfoREEF", "CoralNet"}
    assert "ReefSet" in datasets


def test_recent_benchmarks_the_list_snapshot_lacks_are_datasets():
    rec = record(
        "Reef LLM",
        "On 0-shot MMLU, ReefLM outperforms T0, and it leads on GSM8K and HumanEval.",
    )
    assert {"MMLU", "GSM8K", "HumanEval"} <= {d.name for d in rec.datasets}
    assert not {"MMLU", "GSM8K", "HumanEval"} & {m.name for m in rec.methods}


def test_a_model_after_in_terms_of_is_no_metric():
    rec = record(
        "Reef Transformers",
        "Reef transformers are pretrained with co-supervision, e.g. in terms of teacher "
        "network, and compared in terms of accuracy and latency.",
    )
    metrics = {m.name for m in rec.metrics}
    assert "teacher network" not in metrics
    assert {"accuracy", "latency"} <= metrics


def test_respectively_pairs_values_with_the_methods_listed():
    rec = record(
        "Reef Distillation",
        "The top-1 accuracy on ImageNet of MobileReef-L and ReefNet50-D improves from 75.2% "
        "to 79% and 79.1% to 83%, respectively.",
    )
    got = {(r.value, r.method) for r in rec.results}
    assert got == {("75.2% to 79%", "MobileReef-L"), ("79.1% to 83%", "ReefNet50-D")}


def test_an_acronym_used_as_a_basis_after_its_bracket_is_not_proposed():
    rec = record(
        "Reef Care",
        "We introduce a virtual reef agent offering Coral Behavioral Therapy (CBT)-based "
        "responses.",
    )
    assert "CBT" not in {m.name for m in rec.proposed}


def test_ranking_measures_at_a_cut_off_and_the_metric_after_a_value():
    rec = record(
        "Reef Search",
        "ReefRank lifts results by up to 120% for recall@1 and 60% for recall@3, and gains "
        "8 points in RP@5 and 2.1 in NDCG@10 over BM25. Write to reef@10.org.",
    )
    assert {"recall@1", "recall@3", "RP@5", "NDCG@10"} <= {m.name for m in rec.metrics}
    got = {(r.value, r.metric) for r in rec.results}
    assert {("120%", "recall@1"), ("60%", "recall@3"), ("8 points", "RP@5")} <= got


def test_software_libraries_are_methods():
    rec = record(
        "Reef Kit",
        "All our experiments are implemented based on PaddlePaddle; a port to PyTorch and "
        "TensorFlow is evaluated on ImageNet.",
    )
    libs = {"PaddlePaddle", "PyTorch", "TensorFlow"}
    assert libs <= {m.name for m in rec.methods}
    assert not libs & {d.name for d in rec.datasets}


def test_a_release_number_belongs_to_the_dataset_name():
    rec = record(
        "Reef Threats",
        "We evaluate ReefNet on two widely used datasets, i.e., REEF r4.2 and REEF r5.2. "
        "ReefNet beats 9 baselines by 9.9% and 6.3% in AUC on REEF r4.2 and r5.2, respectively.",
    )
    assert {"REEF r4.2", "REEF r5.2"} <= {d.name for d in rec.datasets}
    assert not {m.name for m in rec.methods if m.name.startswith(("r4", "r5", "REEF"))}


def test_a_long_form_skips_earlier_brackets_and_never_starts_inside_one():
    from kg.extract.pipeline import build_nlp

    nlp = build_nlp()
    text = (
        "Reefs\nWe answer coral base (CB) question answering (CBQA) queries. We peek both "
        "deeply (FST-D) and widely (FST-W)."
    )
    doc = nlp(text)
    longs = {a.short.text: a.long.text for a in doc._.abbreviations}
    assert longs.get("CBQA") == "coral base (CB) question answering"
    assert "FST-W" not in longs
    rec = record("Reefs", text.split("\n", 1)[1])
    assert {"FST-D", "FST-W"} <= {m.name for m in rec.methods}


def test_a_name_in_brackets_after_a_score_is_the_data_it_was_measured_on():
    rec = record(
        "Reef Parsing",
        "We push parser performance to a new state of the art, 85.9 (REEF2.0) and 84.3 (REEF3.0).",
    )
    assert {"REEF2.0", "REEF3.0"} <= {d.name for d in rec.datasets}


def test_a_name_after_a_comma_that_a_verb_follows_is_the_subject_not_a_listed_dataset():
    rec = record(
        "Reef LLM",
        "On 0-shot MMLU, ReefLM 20B outperforms T0 and T5 models.",
    )
    assert "ReefLM 20B" not in {d.name for d in rec.datasets}
    assert "MMLU" in {d.name for d in rec.datasets}


def test_an_established_acronym_is_not_proposed_unless_named_or_spelled_otherwise():
    rec = record(
        "Reef Motion",
        "We develop a dual motion Generative Adversarial Net (GAN) architecture for reefs. "
        "We introduce an explicit variance reduction method, which we call stochastic "
        "variance reduced gradient (SVRG). A powerful filter called the Stroke Feature "
        "Transform (SFT) is proposed.",
    )
    proposed = {m.name for m in rec.proposed}
    assert "GAN" not in proposed
    assert "GAN" in {m.name for m in rec.methods}
    assert {"SVRG", "SFT"} <= proposed


def test_a_part_acronym_is_proposed_only_where_the_paper_speaks_of_its_own_work():
    rec = record(
        "Reef Units",
        "Patients in the intensive care unit (ICU) need care. ReefGAN consists of two "
        "components: a polyp extraction module (PEM) and a polyp rendering module (PRM).",
    )
    proposed = {m.name for m in rec.proposed}
    assert "ICU" not in proposed
    assert {"PEM", "PRM"} <= proposed


def test_prepositions_end_task_phrases():
    rec = record(
        "Reef Supervision",
        "Strategies offer supervision data at different quality levels upon tasks of varying "
        "complexity. We go beyond object recognition tasks.",
    )
    tasks = {t.name for t in rec.tasks}
    assert not {t for t in tasks if "upon" in t.split() or "beyond" in t.split()}
    assert "object recognition" in tasks


def test_a_title_task_cut_short_gives_way_to_the_whole_phrase_in_the_abstract():
    from kg.extract.doc import Mention
    from kg.extract.tasks import _drop_cut_title_tasks

    text = (
        "Averaging for Regularized Stochastic Learning\nWe study regularized stochastic learning."
    )
    a = text.index("Stochastic")
    b = text.index("regularized stochastic")
    mentions = [
        Mention(a, a + 19, "Stochastic Learning", "task", "kg_tasks.title", 0.5),
        Mention(b, b + 31, "regularized stochastic learning", "task", "kg_tasks.head", 0.45),
    ]
    _drop_cut_title_tasks(text, mentions)
    assert [m.text for m in mentions] == ["regularized stochastic learning"]


def test_an_acronym_in_brackets_before_a_hyphen_is_its_own_token():
    nlp = build_nlp()
    assert [t.text for t in nlp.make_doc("(RBT)-based replies")] == [
        "(",
        "RBT",
        ")",
        "-",
        "based",
        "replies",
    ]
    # The bracket opens inside the word: one token, as spaCy has it.
    assert [t.text for t in nlp.make_doc("SE(3)-equivariant nets")] == ["SE(3)-equivariant", "nets"]


def test_an_acronym_a_new_thing_is_based_on_is_used_with_its_long_form():
    rec = record(
        "Reef Talk",
        "We introduce a chat agent offering Reef Behavioral Therapy (RBT)-based replies. "
        "Our agent outperforms plain RBT on reef counselling.",
    )
    rbt = [m for m in rec.methods + rec.proposed if m.name == "RBT"]
    assert rbt and rbt[0].long == "Reef Behavioral Therapy"
    assert "RBT" not in {m.name for m in rec.proposed}


def test_a_title_case_long_form_opening_with_a_digit_names_the_proposed_method():
    rec = record(
        "Coral Part Graphs",
        "Our research introduces a novel 3D Reef Generalization (3DRG) method using coral "
        "part graphs. 3DRG improves accuracy by 2.6%.",
    )
    assert "3DRG" in {m.name for m in rec.proposed}


def test_a_generalization_long_form_names_no_method():
    rec = record(
        "On Reef Models",
        "We study reef generalization (RG), the ability of models to handle new reefs. RG is hard.",
    )
    assert "RG" not in {m.name for m in rec.methods + rec.proposed}


def test_our_code_in_a_known_tool_does_not_propose_the_tool():
    rec = record(
        "Reef Nets",
        "We train a coral detector on reef photos. Our Caffe code and our ReefGAN code are "
        "available online.",
    )
    assert "Caffe" in {m.name for m in rec.methods}
    assert "Caffe" not in {m.name for m in rec.proposed}
    assert "ReefGAN" in {m.name for m in rec.proposed}


def test_we_propose_that_states_a_claim_and_proposes_no_name():
    rec = record(
        "G-Reef: Guided Reef Learning",
        "In this work, we propose that, with the normalized reef cross-entropy (NR-Xent) loss, "
        "guided batches help. We propose G-Reef, a guided variant.",
    )
    proposed = {m.name for m in rec.proposed}
    assert "G-Reef" in proposed and "NR-Xent" not in proposed


def test_our_proposed_name_is_proposed():
    rec = record(
        "Reef Adaptation",
        "Baseline adaptation methods fail on reefs. Our proposed Negative Reef Contrastive (NRC) "
        "regularizer boosts them, and our new ReefMix algorithm helps as well.",
    )
    assert {"NRC", "ReefMix"} <= {m.name for m in rec.proposed}


def test_a_name_given_as_a_collection_of_items_is_a_dataset():
    rec = record(
        "ReefTasks",
        "We introduce the ReefX, a collection of 32 reef annotation tasks. We also propose "
        "ReefNet, a model that learns all of them.",
    )
    assert "ReefX" in {d.name for d in rec.datasets}
    assert "ReefX" not in {m.name for m in rec.proposed}


def test_new_annotations_named_after_a_technique_do_not_propose_it():
    rec = record(
        "ReefQA: Reef Questions",
        "We introduce ReefQA, a novel dataset of reef videos. We further develop video "
        "Step-by-Step Reef (SSR) annotations to enrich the reasoning. The model then uses SSR "
        "prompting.",
    )
    assert "SSR" not in {m.name for m in rec.proposed}


def test_a_camel_case_tool_written_title_case_is_still_the_tool():
    rec = record(
        "Rotate to Attend: Reef Planning",
        "We provide a Tensorflow implementation of our approach. Rotate the image first.",
    )
    names = {m.name for m in rec.methods}
    assert "Tensorflow" in names and "Rotate" not in names


def test_comparatives_that_favour_the_subject_are_comparisons():
    rec = record(
        "ReefSMO: Fast Reef Training",
        "We propose ReefSMO. ReefSMO can be 1500 times faster than the PCG algorithm. "
        "ReefSMO achieves higher accuracy than VGG. BERT has lower accuracy than ReefSMO.",
    )
    pairs = {(o.winner, o.loser) for o in rec.outperforms}
    assert {("ReefSMO", "PCG"), ("ReefSMO", "VGG")} <= pairs
    assert ("BERT", "ReefSMO") not in pairs


def test_a_family_of_variants_and_an_aside_are_no_comparison_sides():
    rec = record(
        "ReefMix: Mixing for Reefs",
        "We propose ReefMix. ReefMix has better performance than other CutMix variants. "
        "ReefNet and ReefNeXt (i.e. the networks obtained on ResNet and ResNeXt) achieve "
        "higher accuracy than VGG.",
    )
    pairs = {(o.winner, o.loser) for o in rec.outperforms}
    assert not {p for p in pairs if p[1] == "CutMix"}
    assert ("ReefNeXt", "VGG") in pairs and not {p for p in pairs if p[0] == "ResNeXt"}

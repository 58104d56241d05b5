"""Methods and proposed methods: the established-name lexicon, acronym typing by long form and
context, and naming cues. Sentences are written for these tests."""

from __future__ import annotations

from extracted import record

from kg.extract.names import method_lexicon, names_no_method
from kg.extract.pipeline import extract
from kg.model import Paper


def _names(rec, field: str) -> set[str]:  # type: ignore[no-untyped-def]
    items = getattr(rec, field)
    return {i.name for i in items} | {i.long for i in items if i.long}


def test_lexicon_holds_established_names_not_families():
    lex = {n.lower() for n in method_lexicon()}
    for name in ("gibbs sampling", "kalman filter", "principal component analysis", "k-means"):
        assert name in lex
    for name in ("policy gradient", "label propagation", "skip connections", "normalized cut"):
        assert name in lex  # lower-case terms of art after "using / with / via"
    for phrase in ("vanishing gradients", "interesting connection", "back-propagation"):
        assert phrase not in lex
    for family in ("large language models", "convolutional neural networks", "transformers"):
        assert family not in lex


def test_lower_case_established_methods_are_found():
    rec = record(
        "Tracking with noisy sensors",
        "We smooth the trajectories with an extended Kalman filter and draw posterior samples "
        "by Gibbs sampling; the features are reduced by principal component analysis.",
    )
    methods = {n.lower() for n in _names(rec, "methods")}
    assert {"extended kalman filter", "gibbs sampling", "principal component analysis"} <= methods


def test_one_word_name_inside_a_compound_is_not_the_method():
    rec = record("A lifting module", "Our view transformer maps camera images to a top view.")
    assert "transformer" not in {n.lower() for n in _names(rec, "methods")}


def test_long_form_heads_that_name_no_method():
    assert names_no_method("Hyperspectral Imaging")
    assert names_no_method("Degrees-of-Freedom")
    assert names_no_method("magnetoencephalographic")
    assert not names_no_method("multilayer perceptron")
    assert not names_no_method("neural arithmetic logic unit")


def test_acronyms_of_data_and_settings_are_not_methods():
    rec = record(
        "Sensing the brain",
        "We decode electrocorticographic (ECOG) signals with a multilayer perceptron (MLP). "
        "Unlike usual ZQA settings, our robot must remember what it saw.",
    )
    methods = _names(rec, "methods")
    assert "MLP" in methods
    assert "ECOG" not in methods and "ZQA" not in methods


def test_established_method_in_contribution_sentence_is_not_proposed():
    rec = record(
        "Faster inference for topic models",
        "We propose a blocked Gibbs sampling scheme for topic models.",
    )
    assert "Gibbs sampling" not in _names(rec, "proposed")


def test_termed_as_names_the_proposed_method():
    rec = record(
        "Relational parts for recognition",
        "Our method, termed as Part Relation Graph Network (PRGN), is trained end-to-end.",
    )
    assert "PRGN" in _names(rec, "proposed")


def test_long_form_tail_is_not_a_separate_method():
    rec = record(
        "Planning with Hidden Context Markov Decision Processes",
        "We study the Hidden Context Markov Decision Process (HC-MDP) for families of tasks.",
    )
    assert "Markov Decision Processes" not in _names(rec, "methods")


def test_title_phrase_ending_in_a_built_thing_is_proposed():
    rec = record(
        "Scene Completion with Layered Memory Network",
        "Completing scenes is hard. We propose a layered memory network that stores views.",
    )
    assert "Layered Memory Network" in _names(rec, "proposed")


def test_a_new_before_a_title_phrase_is_no_word_of_its_name():
    rec = record(
        "A Novel Layered Memory Network for Scene Completion",
        "Completing scenes is hard. We propose a network that stores views.",
    )
    assert "Layered Memory Network" in _names(rec, "proposed")


def test_title_phrase_mentioned_before_the_contribution_is_existing():
    rec = record(
        "Layered Memory Networks for Scene Completion",
        "Prior work models scenes with a layered memory network. We propose a new prior.",
    )
    assert "Layered Memory Networks" not in _names(rec, "proposed")


def test_title_goal_and_task_phrases_are_not_proposed():
    rec = record(
        "Towards Robust Scene Completion Networks",
        "We propose a method that completes scenes.",
    )
    assert not _names(rec, "proposed")


def test_title_phrase_spelling_out_the_abstract_acronym_is_its_long_form():
    rec = record(
        "Layered Memory Network",
        "We propose LMN, which stores views. LMN beats baselines.",
    )
    assert {(i.name, i.long) for i in rec.proposed} == {("LMN", "Layered Memory Network")}


def test_title_technique_after_the_means_word_or_as_subject_is_proposed_with_less_confidence():
    for title, name in (
        ("Scene Completion via Layered Context Propagation", "Layered Context Propagation"),
        ("Scene Completion Using a New Occupancy Distance", "Occupancy Distance"),
        ("Layer-Wise Gradient Replay for Scene Completion", "Layer-Wise Gradient Replay"),
        ("Dynamic Label Propagation for Scene Completion", "Dynamic Label Propagation"),
        ("Scene Regularization: Completing Scenes Jointly", "Scene Regularization"),
    ):
        rec = record(title, "Completing scenes is hard. We propose a method that stores views.")
        hits = [i for i in rec.proposed if i.name == name]
        assert hits, title
        assert hits[0].confidence < 0.75  # weaker than a built thing's head ("... Network")


def test_title_fragments_and_clauses_are_not_proposed():
    abstract = "Completing scenes is hard. We propose a method that stores views."
    for title in (
        "Store and Recall Networks",  # "and" joins the words of one name
        "Depth Cues Also Predict Scene Layout Networks",  # a clause
        "Differentially Private Clustering",  # a task in a setting
    ):
        assert not _names(record(title, abstract), "proposed"), title
    rec = record("Layered Memory Networks and Gated Transformers for Scenes", abstract)
    assert {"Layered Memory Networks", "Gated Transformers"} <= _names(rec, "proposed")


def test_a_title_phrase_is_proposed_when_only_our_method_says_the_work_is_theirs():
    rec = record(
        "Layered Memory Network for Scene Completion",
        "Completing scenes is hard. Our novel memory-based approach stores views.",
    )
    assert "Layered Memory Network" in _names(rec, "proposed")
    rec = record(
        "Layered Memory Network for Scene Completion",
        "Completing scenes is hard. Views are stored in memory.",
    )
    assert not _names(rec, "proposed")  # a study, or nothing says what is theirs


def test_title_techniques_that_are_problems_common_or_known_are_not_proposed():
    abstract = "Completing scenes is hard. We propose a method that stores views."
    for title in (
        "Camera Calibration by Global Constraints",  # the problem, a means follows
        "Scene Completion with Smooth Regularization",  # two words, the first a common one
        "Scene Completion with Efficient Thompson Sampling",  # a known method, made efficient
        "Scene Completion with Occlusion Reasoning and Memory",  # not after the means word
        "Scene Completion with a Simple Occupancy Distance",  # a description, not a name
    ):
        assert not _names(record(title, abstract), "proposed"), title


def test_quoted_title_case_name_after_we_term_is_proposed():
    rec = record(
        "Teachers at a discount",
        'We find that one change, which we term "Cheap Teacher Sampling", helps students.',
    )
    assert "Cheap Teacher Sampling" in _names(rec, "proposed")


def test_knowledge_distillation_acronym_is_a_paradigm_not_a_method():
    rec = record(
        "Small students",
        "Knowledge Distillation (KD) transfers what a teacher knows. KD is costly here.",
    )
    assert "KD" not in _names(rec, "methods") | _names(rec, "proposed")


def test_acronym_defined_before_a_device_noun_is_no_method():
    rec = record(
        "Depth denoising",
        "We denoise time-of-flight (ToF) cameras. ToF depth is noisy.",
    )
    assert "ToF" not in _names(rec, "methods") | _names(rec, "proposed")


def test_plural_acronym_takes_the_singular_name_used_elsewhere():
    rec = record(
        "On sum-product networks",
        "Sum-Product Networks (SPNs) are deep models. Every SPN is a circuit.",
    )
    assert [(i.name, i.long) for i in rec.methods] == [("SPN", "Sum-Product Networks")]


def test_lexicon_holds_lower_case_terms_of_art_and_dashed_eponyms():
    lex = {n.lower() for n in method_lexicon()}
    for name in ("self-attention", "kernel trick", "kernel pca", "structured svm"):
        assert name in lex
    for name in (
        "particle filters",
        "gaussian processes",
        "bradley\u2013terry",
        "levenberg-marquardt",
    ):
        assert name in lex
    for generic in ("visual attention", "much attention", "johnson-lindenstrauss"):
        assert generic not in lex


def test_terms_of_art_and_en_dash_eponyms_are_found_in_text():
    rec = record(
        "Ranking with pairwise comparisons",
        "We fit a Bradley\u2013Terry model with the kernel trick, compare against kernel PCA "
        "and a structured SVM, and refine the fit by Levenberg-Marquardt iterations.",
    )
    methods = {n.lower() for n in _names(rec, "methods")}
    assert {"bradley\u2013terry", "kernel trick", "kernel pca", "structured svm"} <= methods
    assert "levenberg-marquardt" in methods
    assert "svm" not in methods and "pca" not in methods


def test_gan_and_vae_are_methods_but_kl_and_slam_are_not():
    rec = record(
        "Latent variables for images",
        "A Variational Auto-Encoder (VAE) and a GAN are trained; the KL term vanishes. "
        "The SLAM systems we compare run a conditional GAN on each frame.",
    )
    methods = _names(rec, "methods")
    assert {"VAE", "GAN", "conditional GAN"} <= methods
    assert not {"KL", "SLAM"} & methods


def test_name_after_a_hyphenated_modifier_stands_alone():
    rec = record("Attribute localization", "We train an attribute-guided Transformer network.")
    assert "transformer" in {n.lower() for n in _names(rec, "methods")}


def test_lower_case_name_after_naming_verb_is_proposed():
    rec = record(
        "Better fine-tuning",
        "Here we present a general fine-tuning method that we call information gain filtration "
        "for improving training efficiency. A phenomenon we call weak-to-strong drift is also "
        "studied.",
    )
    assert "information gain filtration" in _names(rec, "proposed")
    assert "weak-to-strong drift" not in _names(rec, "proposed")


def test_apposition_says_method_not_dataset():
    rec = record(
        "Verifiable policies",
        "We propose VIPER, an algorithm that learns decision tree policies. We evaluate Gen6D on "
        "a large-scale simulated dataset.",
    )
    assert "VIPER" in _names(rec, "proposed")
    assert "Gen6D" not in _names(rec, "datasets")


def test_named_dataset_before_a_comma_is_no_apposition():
    rec = record(
        "Gen6D: pose estimation",
        "We present Gen6D. On the LINEMOD dataset, Gen6D achieves competitive results.",
    )
    assert "Gen6D" in _names(rec, "proposed")
    assert "Gen6D" not in _names(rec, "datasets")


def test_defined_plural_model_class_acronym_is_a_method():
    rec = record(
        "Fast training",
        "Hinge-loss Markov random fields (HL-MRFs) allow scalable inference. Large language "
        "models (LLMs) describe facial action units (AUs).",
    )
    assert "HL-MRFs" in _names(rec, "methods")
    assert not {"LLMs", "AUs"} & _names(rec, "methods")


def test_title_acronym_names_the_contribution():
    rec = record(
        "Quantitative Testing with Concept Activation Vectors (TCAV)",
        "We show how to use concept vectors as part of a technique that quantifies importance.",
    )
    assert "TCAV" in _names(rec, "proposed")


def test_title_case_component_with_built_head_is_proposed():
    rec = record(
        "Underwater image enhancement",
        "To improve feature propagation, we propose a Spatio-Spectro Fusion-Based Attention "
        "Block. We train it with a Graph Neural Network baseline.",
    )
    assert "Spatio-Spectro Fusion-Based Attention Block" in _names(rec, "proposed")
    assert "Graph Neural Network" not in _names(rec, "proposed")


def test_used_names_after_propose_are_not_proposed():
    rec = record(
        "Facial expression synthesis",
        "Unlike previous methods using Generative Adversarial Networks (GAN), we propose a novel "
        "GAN framework. We propose to exploit relations using Graph Convolutional Networks "
        "(GCNs). The VAE is a popular deep latent-variable model (DLVM).",
    )
    assert not {"GAN", "GCNs", "DLVM"} & _names(rec, "proposed")
    assert "GAN" in _names(rec, "methods")


def test_citation_marks_do_not_hide_names():
    rec = record(
        "Metric learning",
        "Our loss outperforms the most recent approaches, such as ABE[14] and HTL[4], by a "
        "large margin.",
    )
    assert {"ABE", "HTL"} <= _names(rec, "methods")


def test_title_phrase_named_again_by_the_authors_is_proposed():
    rec = record(
        "Smoothed Latent Transition Penalties",
        "Sequence models drift. We introduce smoothed latent transition penalties that tie "
        "neighbouring states together, and fit them with closed-form updates.",
    )
    assert "Smoothed Latent Transition Penalties" in _names(rec, "proposed")


def test_title_phrase_echoed_as_a_described_technique_is_not_proposed():
    rec = record(
        "Unsupervised Feature Alignment for Keypoint Estimation",
        "We introduce a novel unsupervised feature alignment technique for keypoints.",
    )
    assert "Unsupervised Feature Alignment" not in _names(rec, "proposed")


def test_named_parts_of_the_proposed_method_are_proposed():
    rec = record(
        "Graph matching for retrieval",
        "We propose GraMR, a matching network. GraMR consists of two branches: the Local Token "
        "Alignment (LTA) branch and the Global Order Scoring (GOS) branch. Experiments compare "
        "it with Hidden Markov Chain Scoring (HMCS).",
    )
    proposed = _names(rec, "proposed")
    assert {"LTA", "GOS"} <= proposed
    assert "HMCS" not in proposed


def test_two_word_acronym_keeps_its_head_noun():
    rec = record(
        "Pair losses",
        "We propose a ranked-pair loss (RP loss) for metric learning. The proposed RP loss "
        "improves recall.",
    )
    assert "RP loss" in _names(rec, "proposed")
    assert "RP" not in _names(rec, "proposed") | _names(rec, "methods")


def test_problem_acronyms_all_caps_words_and_ocr_noise_are_not_methods():
    rec = record(
        "Off-policy evaluation",
        "We study the problem of counterfactual policy scoring (CPS) in medicine. The "
        "FINDINGS section of each report is summarised, and the inforMation transfOlmation "
        "is analysed with principal component analysis.",
    )
    methods = _names(rec, "methods")
    assert not {"CPS", "FINDINGS", "transfOlmation", "inforMation"} & methods
    assert "principal component analysis" in {n.lower() for n in methods}


def test_name_after_we_refer_to_as_is_proposed():
    rec = record(
        "Fast posterior sampling for kernel machines",
        "Kernel machines are slow at test time. Our approach, which we refer to as QUILT "
        "(QUadrature Interpolated Lanczos Trees), cuts the cost of sampling. QUILT is fast.",
    )
    assert "QUILT" in _names(rec, "proposed")
    assert "QUILT" not in _names(rec, "methods")


def test_acronym_of_a_generation_problem_is_not_a_method():
    rec = record(
        "Asking better questions about charts",
        "Chart question generation (CQG) is hard. We train a model for CQG on 10k charts and "
        "compare it with a retrieval baseline.",
    )
    assert "CQG" not in _names(rec, "methods") | _names(rec, "proposed")


def test_dataset_the_paper_calls_its_own_is_introduced():
    rec = record(
        "Where is the fact stored? Two benchmarks for memory localization",
        "Localization methods are rarely evaluated. In our PLANT benchmark, we insert new facts "
        "into a small subset of weights and ask whether a method finds them.",
    )
    intro = {d.name: d.introduced for d in rec.datasets}
    assert intro.get("PLANT") is True


def test_a_quote_alone_after_a_naming_verb_does_not_crash():
    # "we call it foo '." left an empty word, which was then indexed (IndexError).
    from kg.extract.contributions import _plain_names

    text = "we call it foo '."
    assert [text[a:b] for a, b in _plain_names(text, 0, len(text))] == ["foo"]


def test_naming_verb_at_sentence_start_is_capitalised():
    rec = next(
        extract(
            [
                Paper(
                    "n1",
                    "Routing knowledge between experts",
                    "We design a sparse router for mixtures of experts. We call it Knowledge "
                    "Router. It improves accuracy on three benchmarks.",
                )
            ]
        )
    )
    assert "Knowledge Router" in [p.name for p in rec.proposed]


def test_releases_written_by_their_versions_alone_are_named_in_full():
    rec = record(
        "Detection at scale",
        "We train on PASCAL VOC 2007 and 2012 and on SQuAD 1.1 and 2.0. When applied to "
        "Gemini 1.0 Pro and 1.5 Flash models, and to LLaMA 7B and 13B, the method helps. "
        "It reaches 71.2% on CIFAR-10/100.",
    )
    datasets = _names(rec, "datasets")
    assert {"PASCAL VOC 2007", "PASCAL VOC 2012", "SQuAD 1.1", "SQuAD 2.0"} <= datasets
    assert {"CIFAR-10", "CIFAR-100"} <= datasets
    assert "CIFAR-10/100" not in datasets
    assert {"Gemini 1.0 Pro", "Gemini 1.5 Flash", "LLaMA 7B", "LLaMA 13B"} <= _names(rec, "methods")
    # Evidence of the later release is its version as written.
    (voc12,) = [d for d in rec.datasets if d.name == "PASCAL VOC 2012"]
    assert [e.text for e in voc12.mentions] == ["2012"]


def test_numbers_after_a_versioned_name_are_not_its_releases():
    rec = record(
        "Fast detection",
        "It reaches 78.2 mAP on PASCAL VOC 2012 and 80.3 on COCO, at 23.6 FPS on iPhone 8 "
        "and 125 FPS on a desktop GPU. We compare GPT-4, PaLM 2, and 193 human participants.",
    )
    names = _names(rec, "datasets") | _names(rec, "methods")
    assert not {"PASCAL VOC 80.3", "iPhone 125", "PaLM 193"} & names


def test_model_series_are_mined_from_the_corpus_not_dates_or_licences():
    from kg.extract.names import is_series_release, model_series

    series = model_series()
    assert {"Llama", "Mistral", "Claude"} <= series
    assert not {"July", "Apache", "Cifar", "Figure"} & series
    assert is_series_release("Llama 2 7B") and is_series_release("Claude 3 Opus")
    assert not is_series_release("Llama-Med")


def test_model_series_names_with_or_without_a_release_are_used_methods():
    rec = record(
        "Counselling with small models",
        "We fine-tune Llama 2 7B and compare it with Claude 3 Opus, Mixtral 8x7B and Gemini "
        "Ultra. Our Mistral model achieves a BERTScore of 70.1%.",
    )
    methods = _names(rec, "methods")
    assert {"Llama 2 7B", "Claude 3 Opus", "Mixtral 8x7B", "Gemini Ultra", "Mistral"} <= methods
    assert "Mistral" not in _names(rec, "proposed")  # the paper's copy of Mistral


def test_a_taxonomy_is_data_and_an_acronym_for_resources_no_method():
    rec = record(
        "Negative sampling for skill extraction",
        "Skills matter in many human resources (HR) processes. Using the ESCO taxonomy to "
        "select negatives helps most; results hold in high-resource (HR) settings.",
    )
    assert "ESCO" in _names(rec, "datasets")
    assert not {"ESCO", "HR"} & _names(rec, "methods")


def test_a_name_introduced_as_a_task_is_a_task_not_a_method():
    rec = record(
        "Can models infer causes?",
        "We formulate a novel task CauseBench, which takes correlational statements and asks "
        "for causes. This paper defines a new task named Slot-Level Task Dialog (SLTD). "
        "Results suggest that GeoTrack is a challenging task for current models.",
    )
    names = _names(rec, "proposed") | _names(rec, "methods")
    assert not {"CauseBench", "SLTD", "GeoTrack"} & names
    tasks = {n.lower() for t in rec.tasks for n in (t.name, *t.aliases)}
    assert {"causebench", "sltd", "geotrack"} <= tasks


def test_a_listed_task_the_text_calls_a_method_is_a_method():
    rec = record(
        "Faster tuning of robots",
        "Bayesian optimization (BO) is a well-established method for tuning robots. Density "
        "estimation is a widely used method too, and knowledge distillation is an effective "
        "method for small robots.",
    )
    assert "BO" in _names(rec, "methods")
    tasks = {n.lower() for t in rec.tasks for n in (t.name, *t.aliases)}
    assert "bayesian optimization" not in tasks
    assert "density estimation" in tasks  # a problem's head: the sentence speaks loosely
    assert "knowledge distillation" not in _names(rec, "methods")  # a paradigm


def test_a_name_after_a_new_task_in_another_clause_is_still_a_method():
    rec = record(
        "Composable adapters",
        "With just a few examples from a new task, LoraHub can combine adapters. Training "
        "FastNet is a challenging task.",
    )
    assert {"LoraHub", "FastNet"} <= _names(rec, "proposed") | _names(rec, "methods")


def test_title_case_names_given_as_examples_of_methods_are_methods():
    rec = record(
        "Prompt structures",
        "CoT and its variants (such as Tree of Thought, Graph of Thought, etc.) rely on one "
        "prompt. Local search methods such as Expectation Maximization (EM), Gibbs Sampling "
        "or greedy heuristics fail, and so do techniques including Permutation Ranking, "
        "Mirror Descent and Steepest Descent.",
    )
    methods = _names(rec, "methods")
    assert {"Tree of Thought", "Graph of Thought", "EM", "Mirror Descent"} <= methods
    assert "Steepest Descent" in methods  # "and" separates items, it joins no name


def test_listed_classes_of_models_and_modifiers_are_not_method_names():
    rec = record(
        "Generative priors",
        "Generative models such as Variational Auto Encoders and Sparse Mixture Networks are "
        "trained on a fixed prior. Methods such as Natural Language Processing tasks differ.",
    )
    names = _names(rec, "methods") | _names(rec, "proposed")
    assert not {"Variational Auto Encoders", "Sparse Mixture Networks"} & names
    assert "Natural Language Processing" not in names


def test_acronym_of_what_a_proposed_model_is_made_with_is_proposed():
    rec = record(
        "Skeleton-based action recognition",
        "We propose a novel model with spatial reasoning and temporal stack learning (SR-TSL) "
        "for action recognition. We then propose an approach with reinforcement learning (RL) "
        "and a method based on the expectation maximization (EM).",
    )
    assert "SR-TSL" in _names(rec, "proposed")
    assert not {"RL", "EM"} & _names(rec, "proposed")


def test_what_our_contribution_is_is_proposed():
    rec = record(
        "Parallel optimistic optimization",
        "The smoothness of the function is unknown. Our contribution is an adaptive "
        "optimization algorithm, POO or parallel optimistic optimization, that adapts to it.",
    )
    assert "POO" in _names(rec, "proposed")


def test_a_name_the_abstract_opens_by_calling_a_problem_is_a_task():
    rec = record(
        "Incremental Spectral Clustering on Streams",
        "Spectral clustering is a well studied problem, but costly when the graph changes.",
    )
    assert "spectral clustering" in {t.name.lower() for t in rec.tasks}
    names = {n.lower() for n in _names(rec, "methods") | _names(rec, "proposed")}
    assert "spectral clustering" not in names  # neither the abstract's nor the title's


def test_plural_acronyms_of_one_model_class_are_methods_and_join_their_singular():
    rec = record(
        "Sequence labelling",
        "For sequence learning we use CRFs with latent variables and compare with HMMs. We "
        "stack LSTMs on clips; one LSTM per clip. CNNs and ANNs are families, not methods.",
    )
    items = {(m.name, tuple(m.aliases)) for m in rec.methods}
    assert {("CRFs", ()), ("HMMs", ()), ("LSTM", ("LSTMs",))} <= items
    assert not {"CNNs", "ANNs", "LSTMs"} & {m.name for m in rec.methods}


def test_a_capitalised_word_the_contribution_verb_introduces_in_apposition_is_proposed():
    rec = record(
        "Deeper fusion for text generation",
        "Existing models are shallow. To fix this, we propose Della, a novel variational "
        "framework. Della learns latent variables. We also introduce Karrierewege, a new "
        "dataset of career paths. This paper introduces Ours, an extension of RL.",
    )
    assert "Della" in _names(rec, "proposed")
    assert "Karrierewege" in {d.name for d in rec.datasets if d.introduced}
    assert "Ours" not in _names(rec, "proposed")  # a LaTeX macro's word, no name


def test_a_two_word_lexicon_method_is_found_hyphenated_too():
    rec = record(
        "Group Loss", "We propose a loss based on a differentiable label-propagation method."
    )
    assert "label-propagation" in _names(rec, "methods")


def test_name_given_to_a_modified_known_method_replaces_it():
    rec = record(
        "Quork R-CNN",
        "We detect objects with a voxel branch. Our system, called Quork R-CNN, extends Mask "
        "R-CNN. We also train a variant, named Zeta-Neighbor Adapter ZN-Adapter, on more images. The "
        "resulting corpus is dubbed Wiki XLM.",
    )
    proposed = _names(rec, "proposed")
    assert "Quork R-CNN" in proposed
    assert "R-CNN" not in _names(rec, "methods") | proposed  # a word of the new name
    assert "Mask R-CNN" in _names(rec, "methods")
    # an acronym glued to its long form, and a dataset's name, are not modified names
    assert "Zeta-Neighbor Adapter ZN-Adapter" not in proposed
    assert "Wiki XLM" not in proposed


def test_naming_cues_with_adjectives_and_several_words():
    rec = record(
        "Quiet Folding: Beyond Greedy Generation",
        "We present Quiet Folding, a novel unsupervised algorithm for text. Quiet Folding "
        "beats baselines. With our proposed robust GROVE algorithm, attackers are caught. We "
        "also introduce Loud Folding, a task that asks for less, and reuse our novel "
        "hierarchical Vision Transformer architecture, the Grey Net.",
    )
    proposed = _names(rec, "proposed")
    assert {"Quiet Folding", "GROVE"} <= proposed
    assert "quiet folding" not in {t.name for t in rec.tasks}  # the name, not a problem
    assert not {"Loud Folding", "Vision Transformer"} & proposed  # a task; a known name


def test_title_naming_a_known_method_under_modifiers_is_the_papers_variant():
    rec = record(
        "Zorp Q-Learning",
        "The Zorp Q-learning algorithm introduced in this paper improves on Q-learning.",
    )
    assert "Zorp Q-Learning" in _names(rec, "proposed")
    assert "Q-learning" in _names(rec, "methods")  # still used on its own
    # a verb in -ing or praise alone names no variant
    for title in ("Revisiting Dilated Convolution", "Efficient Thompson Sampling"):
        rec = record(title, "We propose a new analysis of it.")
        assert not _names(rec, "proposed")


def test_acronym_in_a_bracket_glued_to_its_long_form_is_defined():
    rec = record(
        "Powering finetuning",
        "We propose Zeta Calibration Module(ZCM) to reduce the bias. ZCM is fast, and "
        "SE(3)-equivariant layers keep f(X) intact.",
    )
    assert ("ZCM", "Zeta Calibration Module") in {(p.name, p.long) for p in rec.proposed}
    rec = record(
        "Text nets", "We propose a framework called Quill Modular Networks(QMNs) for text."
    )
    assert ("QMNs", "Quill Modular Networks") in {(p.name, p.long) for p in rec.proposed}
    rec = record("A study", "We study reinforcement learning(RL) for robots.")
    assert ("reinforcement learning", ("RL",)) in {(t.name, tuple(t.aliases)) for t in rec.tasks}


def test_lexicon_names_match_with_a_hyphen_or_a_space_between_words():
    rec = record(
        "Control",
        "KBSF beats least-squares policy iteration. A global and cross attention mechanism "
        "helps, and monte-carlo tree search plans.",
    )
    methods = {n.lower() for n in _names(rec, "methods")}
    assert {"least-squares policy iteration", "cross attention"} <= methods
    assert "monte-carlo tree search" in methods
    assert "policy iteration" not in methods  # the whole name, not its tail


def test_title_phrases_that_are_fragments_of_a_defined_name_are_not_proposed():
    rec = record(
        "Recurrent Tubelet Proposal and Recognition Networks for Action Detection",
        "We present a novel architecture called Recurrent Tubelet Proposal and Recognition "
        "(RTPR) networks. The RTPR networks are fast.",
    )
    assert "Recognition Networks" not in _names(rec, "proposed")
    rec = record(
        "Learn What Not to Learn: Action Elimination with Deep Reinforcement Learning",
        "We propose the Action-Elimination Deep Q-Network (AE-DQN) architecture that combines "
        "a Deep RL algorithm with an Action Elimination Network (AEN).",
    )
    proposed = _names(rec, "proposed")
    assert "AE-DQN" in proposed
    assert not {"Action Elimination", "Deep RL"} & proposed  # a fragment; a family


def test_title_learning_phrase_is_proposed_when_the_paper_builds_one_of_its_paradigm():
    builds = "Summaries are hard. We propose a contrastive learning model that compares views."
    name = "Layer Matched Contrastive Learning"
    rec = record(f"{name} for Text Summarization", builds)
    assert name in _names(rec, "proposed")
    for title, abstract in (
        # the paradigm of others: only the background cites "contrastive learning methods"
        (
            f"{name} for Text Summarization",
            "Contrastive learning methods compare views. We propose a method for summaries.",
        ),
        (f"{name} of Text Summaries", builds),  # learning of something: a problem
        ("Efficient Few-Shot Contrastive Learning for Summaries", builds),  # a setting, praised
        ("Deep Contrastive Learning for Summaries", builds),  # two words after "Deep"
    ):
        assert not any(
            n.endswith("Contrastive Learning") for n in _names(record(title, abstract), "proposed")
        ), title


def test_title_head_before_a_colon_is_proposed_when_the_abstract_names_it_again():
    abstract = (
        "Agents forget what they saw. We develop a memory system with a learned write "
        "operator. This architecture, called the Neural Map, stores features on a grid."
    )
    rec = record("Neural Map: Structured Memory for Navigation", abstract)
    assert "Neural Map" in _names(rec, "proposed")
    for title in (
        "Neural Map: A Dataset for Navigation",  # data, not a method
        "Neural Map: A Survey of Memory for Navigation",
        "Neural Map of the Structured Memory: Navigation",  # not two or three words
    ):
        assert "Neural Map" not in _names(record(title, abstract), "proposed"), title
    # a catchphrase the abstract does not name again
    rec = record("Style Over Substance: Memory for Navigation", abstract)
    assert "Style Over Substance" not in _names(rec, "proposed")


def test_textbook_learners_are_methods_but_not_linear_regression_or_families():
    lex = {n.lower() for n in method_lexicon()}
    assert {"decision tree", "decision trees", "naive bayes", "gradient boosting"} <= lex
    assert not {"linear regression", "boosting", "bagging", "memory network"} & lex
    rec = record(
        "Sorting with learned comparators",
        "We compare decision trees, naive Bayes and gradient boosting as comparators.",
    )
    methods = {n.lower() for n in _names(rec, "methods")}
    assert {"naive bayes", "gradient boosting"} <= methods
    assert "decision trees" in methods or "decision tree" in methods


def test_capitalised_words_before_a_lexicon_name_belong_to_it():
    rec = record(
        "Trees Test",
        "Our model beats traditional methods like Gradient Boosted Decision "
        "Trees. Unlike Generative Adversarial Networks, it is stable. We also "
        "compare with the Least-Squares Support Vector Machine and a Deep "
        "Boltzmann Machine Gibbs sampler.",
    )
    names = {m.name for m in rec.methods}
    assert "Gradient Boosted Decision Trees" in names
    assert "Decision Trees" not in names
    # not a sentence's first word, nor the tail of a hyphenated compound, nor another name
    assert "Generative Adversarial Networks" in names
    assert "Support Vector Machine" in names
    assert "Gibbs sampler" in names


def test_where_code_is_put_is_no_dataset_and_an_address_no_name():
    rec = record(
        "A test",
        "We train models on CIFAR-10. The pretrained models are available in "
        "PaddleClas. A video is at youtu.be/AbCdEf12345.",
    )
    assert [d.name for d in rec.datasets] == ["CIFAR-10"]
    assert "PaddleClas" in {m.name for m in rec.methods}  # a library, as the guidelines say
    assert not [m.name for m in rec.methods + rec.proposed if "youtu" in m.name]


def test_long_forms_of_problems_and_things_name_no_method_unless_their_head_does():
    rec = record(
        "A test",
        "We study person re-identification (ReID) under rolling shutter (RS) cameras. We "
        "propose Self-supervised Attention for Vehicle Re-identification (SAVER), trained "
        "with backpropagation through time (BPTT). We also propose a Prediction, Recovery "
        "and Identification (PRI) model.",
    )
    methods = {m.name for m in rec.methods}
    proposed = {m.name for m in rec.proposed}
    assert not {"ReID", "RS"} & (methods | proposed)
    assert {"SAVER", "PRI"} <= proposed
    assert "BPTT" in methods


def test_media_and_modalities_are_no_names_unless_the_paper_defines_them():
    rec = record(
        "A test",
        "We use RGBD input, JPEG images and GPS traces for AR/VR headsets, and run A/B "
        "tests. We then present context-aware decoding (CAD) for them.",
    )
    names = {m.name for m in rec.methods + rec.proposed + rec.datasets}
    assert names == {"CAD"}
    assert [m.name for m in rec.proposed] == ["CAD"]


def test_known_model_names_in_an_evaluation_are_methods_not_data():
    rec = record(
        "A test",
        "We evaluate our module with LeNet-5 and GoogLeNet on CIFAR-10, and run "
        "experiments on mBERT and LSTMs.",
    )
    assert [d.name for d in rec.datasets] == ["CIFAR-10"]
    assert {"LeNet-5", "GoogLeNet", "mBERT", "LSTMs"} <= {m.name for m in rec.methods}


def test_a_title_named_after_a_dataset_introduces_the_dataset():
    rec = record(
        "The REEFY Dataset: Coral Images for Segmentation",
        "We present REEFY, with 10,000 coral images. Models trained on REEFY improve.",
    )
    assert [(d.name, d.introduced) for d in rec.datasets] == [("REEFY", True)]
    assert not rec.proposed

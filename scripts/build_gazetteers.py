#!/usr/bin/env python3
"""Build kg/data/gazetteer.json.gz from ../shared/resources (Papers-with-Code derived lists).

Run from the repo root:  python scripts/build_gazetteers.py [--shared ../shared]

Sources and licences are recorded in kg/data/SOURCES.md. Only resources/ is read: never the
eval/ gold or any test split. The corpus (data/paperlists_abstracts.jsonl.gz) is used only for
word statistics (which words are ordinary lower-case English), never for names.
"""

from __future__ import annotations

import argparse
import csv
import glob
import gzip
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


def _ok_name(name: str) -> bool:
    if len(name) < 2 or len(name) > 80:
        return False
    if not re.search(r"[A-Za-z]", name):
        return False
    return True


# Widely used evaluation and training sets that the Papers-with-Code snapshot predates or
# lacks (mostly language- and vision-language-model benchmarks of 2021-2024), written from
# general knowledge of the field, never from evaluation gold: "name = alias | alias". Names
# that are also ordinary words or model names (Alpaca, Dolly, APPS, BOLD, RULER) are left out.
CORE_DATASETS = """MMLU = Massive Multitask Language Understanding; MMLU-Pro; GSM8K = GSM-8K;
HumanEval; HumanEval+; MBPP; BIG-Bench = BIG-bench; BIG-Bench Hard = BBH | BIG-bench Hard;
TruthfulQA; MT-Bench; AlpacaEval; AlpacaEval 2.0; Chatbot Arena; Arena-Hard; GPQA; IFEval;
SWE-bench; LiveCodeBench; AIME; MATH-500; OlympiadBench; LongBench; C-Eval; CMMLU; AGIEval;
ToolBench; SVAMP; MultiArith; CodeContests; DS-1000; MMMU; MathVista; MMBench;
MME; POPE; SEED-Bench; LLaVA-Bench; VQAv2 = VQA v2 | VQA-v2; ScienceQA; MM-Vet; ChartQA;
Objaverse; LAION-5B; LAION-400M; DataComp; WebVid; WebVid-10M; Ego4D;
RLBench; CALVIN; LIBERO; Meta-World; Procgen; MineDojo; RedPajama; SlimPajama; FineWeb;
ShareGPT; UltraChat; UltraFeedback; HH-RLHF; AdvBench; HarmBench; SafetyBench;
RealToxicityPrompts; BEIR; MTEB; QuALITY; SCROLLS; ZeroSCROLLS; InfiniteBench; VBench; GenEval;
T2I-CompBench; DrawBench; PartiPrompts; CC3M = Conceptual Captions 3M; RefCOCO+; RefCOCOg;
VoxCeleb; VoxCeleb2"""


def core_datasets() -> list[dict[str, Any]]:
    out = []
    for entry in CORE_DATASETS.replace("\n", " ").split(";"):
        name, _, rest = entry.partition("=")
        aliases = [_clean(a) for a in rest.split("|") if a.strip()]
        out.append({"pwc_id": None, "name": _clean(name), "aliases": aliases, "source": "hand"})
    return out


def datasets(shared: Path) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    with open(shared / "resources/pwc_datasets/documents.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            pwc_id = _clean(d["id"])
            variants = [_clean(v) for v in d.get("variants") or [] if _ok_name(_clean(v))]
            # The Papers-with-Code id is its display name ("ImageNet"); variants are aliases.
            name = pwc_id if _ok_name(pwc_id) else (variants[0] if variants else pwc_id)
            if not _ok_name(name):
                continue
            aliases = [v for v in dict.fromkeys([pwc_id, *variants]) if v != name and _ok_name(v)]
            out[pwc_id] = {"pwc_id": pwc_id, "name": name, "aliases": aliases, "source": "pwc"}
    # NLP-TDMS KB dataset names (no ids of their own): kept when not already known.
    known = {v.casefold() for d in out.values() for v in [d["name"], *d["aliases"]]}
    with open(shared / "resources/nlp_tdms_kb/datasetKB.tsv", encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            name = _clean(re.sub(r"\s*\(.*?\)\s*", " ", parts[1]))
            if _ok_name(name) and name.casefold() not in known:
                known.add(name.casefold())
                out[f"tdms:{name}"] = {
                    "pwc_id": None,
                    "name": name,
                    "aliases": [],
                    "source": "tdms",
                }
    for d in core_datasets():
        if not {v.casefold() for v in [d["name"], *d["aliases"]]} & known:
            known.update(v.casefold() for v in [d["name"], *d["aliases"]])
            out[f"hand:{d['name']}"] = d
    return sorted(out.values(), key=lambda d: d["name"])


def tasks(shared: Path) -> list[str]:
    names: set[str] = set()
    with open(shared / "resources/pwc_tasks/all_tasks.txt", encoding="utf-8") as fh:
        for line in fh:
            t = _clean(line.strip().strip('"'))
            if _ok_name(t) and not re.search(r"\d\*|\d{3,}|[,;]", t):
                names.add(t)
    with open(shared / "resources/nlp_tdms_kb/taskKB.tsv", encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                names.add(parts[1].replace("_", " "))
    return sorted(names)


# Widely used evaluation metrics, written by hand from general ML knowledge (not from any gold).
CORE_METRICS = """accuracy; top-1 accuracy; top-5 accuracy; precision; recall; F1; F1 score; F1-score;
macro F1; micro F1; weighted F1; AUC; AUROC; AUPRC; ROC AUC; mAP; AP; mean average precision;
average precision; IoU; mIoU; mean IoU; Dice; Dice score; BLEU; BLEU-4; BLEU@4; ROUGE; ROUGE-1;
ROUGE-2; ROUGE-L; METEOR; CIDEr; SPICE; perplexity; PPL; WER; word error rate; CER;
character error rate; EM; exact match; MRR; NDCG; nDCG; Hits@1; Hits@10; Recall@1; Recall@5;
Recall@10; R@1; R@5; MSE; RMSE; MAE; PSNR; SSIM; LPIPS; FID; Inception Score; IS; KID; FVD;
CLIP score; win rate; success rate; pass@1; pass@k; error rate; top-1 error; top-5 error; EER;
equal error rate; NMI; ARI; FPS; latency; throughput; BERTScore; chrF; TER; MOTA; IDF1; HOTA;
PCK; ADE; FDE; Spearman correlation; Pearson correlation; Kendall's tau; log-likelihood;
NLL; bits per dimension; bits per character; BPC; BPD; sensitivity; specificity; mAP@0.5;
AP50; AP75; Chamfer distance; EPE; Abs Rel; linear probing accuracy; zero-shot accuracy;
balanced accuracy; forgetting; forgetting rate; hit rate; reward; return; regret; sample efficiency; FLOPs;
mIOU; TPR; TNR; FNR; TAR; FAR; true positive rate; false positive rate; false acceptance rate;
F-score; F-measure; F1-measure; F2 score"""


# Leaderboard columns that name the data or an input setting, not a measure ("Natural Images",
# "Image Size", "Images & Text", "Object Label", "Average"): a column made only of these words.
_NO_MEASURE = set(
    "natural image images text speech video audio object label labels size average &".split()
)


# Leaderboard columns that name a group, an environment, a part of the model or a
# condition, not a measure ("Caucasian", "Kitchen", "Backbone", "Matched", "Single-view").
_NOT_MEASURES = {
    *"""abductive all backbone binary caucasian comp dev epochs humans jitter kitchen matched
    miss network open overall parameters sensors sentence-bert single-view""".split(),
    "dev matched",
    "south asian",
}


def metrics(shared: Path) -> list[str]:
    names = {_clean(m) for m in CORE_METRICS.replace("\n", " ").split(";") if m.strip()}
    with open(
        shared / "resources/pwc_tasks/results/all_tasks_detailed.csv", encoding="utf-8"
    ) as fh:
        for row in csv.DictReader(fh):
            for m in (row.get("SOTA Metrics") or "").split(";"):
                m = _clean(m)
                # Leaderboard column names: keep plain metric names, drop split/setting labels.
                # ... and settings that leaderboards list as columns ("weakly-supervised", "test").
                if (
                    _ok_name(m)
                    and len(m) <= 30
                    and not re.search(r"[()%:]|\d+\s*sec|N/A", m)
                    and not re.search(r"supervised|shot|train|test|\bval|split|subset", m, re.I)
                    and not set(m.lower().split()) <= _NO_MEASURE
                    and m.lower() not in _NOT_MEASURES
                ):
                    names.add(m)
    with open(shared / "resources/nlp_tdms_kb/evaMatrixKB.tsv", encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and _ok_name(parts[1]) and len(parts[1]) <= 30:
                names.add(_clean(parts[1]))
    return sorted(names)


# Widely used model names of two words, written by hand from general ML knowledge (not from any
# gold): the leaderboard filter below keeps one-token names only, and the name finder reads
# "Faster R-CNN" as "R-CNN".
CORE_METHODS = """Fast R-CNN; Faster R-CNN; Mask R-CNN; Cascade R-CNN; Cascade Mask R-CNN;
Stable Diffusion; Vision Transformer; Swin Transformer; Deep Q-Network; Double DQN;
PyTorch; TensorFlow; JAX; Keras; PaddlePaddle; MindSpore; MXNet; Caffe; Theano; scikit-learn;
OpenCV; MATLAB; Matlab; DeepSpeed; Megatron-LM; vLLM; TensorRT; ONNX"""
# (the second half: software libraries, which the annotation guidelines count as methods)


def methods(shared: Path) -> list[str]:
    """Model names from the Papers-with-Code leaderboards, kept only when name-shaped."""
    names: set[str] = {_clean(m) for m in CORE_METHODS.replace("\n", " ").split(";")}

    def walk(task: dict[str, Any]) -> None:
        for d in task.get("datasets", []):
            for row in d.get("sota", {}).get("rows", []):
                m = _clean(re.sub(r"\(.*?\)", "", row.get("model_name") or ""))
                # A single name-like token (BERT, LXMERT, SliceNet, ResNet-50), not a description.
                if re.fullmatch(r"[A-Za-z][A-Za-z0-9.\-+]*[A-Za-z0-9+]", m) and re.search(
                    r"[A-Z].*[A-Z0-9]|\d", m
                ):
                    names.add(m)
        for sub in task.get("subtasks", []):
            walk(sub)

    for f in sorted(glob.glob(str(shared / "resources/pwc_leaderboards/tasks/*.json"))):
        try:
            data = json.load(open(f, encoding="utf-8"))
        except json.JSONDecodeError:
            continue  # example_json_format.json is a commented template, not data
        for task in data if isinstance(data, list) else [data]:
            walk(task)
    return sorted(names)


def common_words(shared: Path, min_count: int = 30) -> list[str]:
    """Words seen mostly in lower case in the corpus: a capitalised one is usually just a
    sentence start, so a one-word gazetteer hit on it needs a context cue."""
    lower: Counter[str] = Counter()
    other: Counter[str] = Counter()
    with gzip.open(shared / "data/paperlists_abstracts.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            for w in re.findall(r"[A-Za-z][a-z]+", d.get("abstract") or ""):
                (lower if w.islower() else other)[w.lower()] += 1
    return sorted(w for w, c in lower.items() if c >= min_count and c > 3 * other[w])


def verbs_after_we(shared: Path, min_count: int = 20) -> list[str]:
    """Words that follow "we" in the corpus (propose, address, achieve ...): verbs, which end
    a task phrase rather than modify it."""
    c: Counter[str] = Counter()
    with gzip.open(shared / "data/paperlists_abstracts.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            for w in re.findall(r"\b[Ww]e\s+([a-z]+)", d.get("abstract") or ""):
                c[w] += 1
    return sorted(w for w, n in c.items() if n >= min_count)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--out", default=str(REPO / "kg/data/gazetteer.json.gz"))
    args = ap.parse_args()
    shared = Path(args.shared)
    gaz = {
        "datasets": datasets(shared),
        "tasks": tasks(shared),
        "metrics": metrics(shared),
        "methods": methods(shared),
        "common_words": common_words(shared),
        "verbs": verbs_after_we(shared),
    }
    raw = json.dumps(gaz, ensure_ascii=False, sort_keys=True).encode("utf-8")
    # mtime=0 keeps the file byte-identical across rebuilds.
    Path(args.out).write_bytes(gzip.compress(raw, mtime=0))
    print({k: len(v) for k, v in gaz.items()}, "->", args.out)


if __name__ == "__main__":
    main()

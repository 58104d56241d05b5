"""Gazetteers packaged in kg/data/ (built from ../shared/resources by scripts/build_gazetteers.py)."""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from typing import Any

from kg.names import name_key
from kg.paths import data_file


@lru_cache(maxsize=1)
def load() -> dict[str, Any]:
    """The packaged gazetteer: {"datasets": [...], "tasks": [...], "metrics": [...], ...}."""
    f = data_file("gazetteer.json.gz")
    if not f.is_file():
        return {"datasets": [], "tasks": [], "metrics": [], "methods": []}
    with f.open("rb") as fh:
        return json.loads(gzip.decompress(fh.read()).decode("utf-8"))


@lru_cache(maxsize=1)
def dataset_variant_index() -> dict[str, tuple[str, str]]:
    """name key of every Papers-with-Code dataset variant -> (pwc id, preferred name)."""
    index: dict[str, tuple[str, str]] = {}
    for d in load()["datasets"]:
        for variant in [d["name"], *d.get("aliases", [])]:
            index.setdefault(name_key(variant), (d["pwc_id"], d["name"]))
    return index

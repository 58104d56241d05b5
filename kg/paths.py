"""Where packaged files live: schemas/ (installed as ``kg.schemas``) and kg/data/."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def schema_file(name: str) -> Traversable:
    """A file of schemas/, e.g. ``schema_file("ontology.ttl").read_text()``."""
    return files("kg.schemas").joinpath(name)


def data_file(name: str) -> Traversable:
    """A packaged data file of kg/data/ (gazetteers built from ../shared/resources)."""
    return files("kg.data").joinpath(name)

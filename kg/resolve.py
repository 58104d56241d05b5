"""Resolution: every mention becomes one canonical entity with a deterministic id.

Ids are pure functions of the normalised name (after alias lookup), so two separate runs give
the same ids and a later load links to an earlier one's nodes without any shared state.

Known variants come from the packaged Papers-with-Code dataset gazetteer
(:mod:`kg.gazetteer`): "ILSVRC 2012" and "ImageNet" resolve to one Dataset node whose ``pwc_id``
is the Papers-with-Code id.

Example::

    >>> r = Resolver(use_gazetteer=False)
    >>> r.resolve("Dataset", "ImageNet-1K").id == r.resolve("Dataset", "imagenet 1k").id
    True
    >>> r.repository("https://GitHub.com/Owner/Repo.git/tree/main/src").id
    'repo/github.com/owner/repo'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.names import name_key, slug


@dataclass
class Entity:
    id: str
    label: str
    key: str
    name: str
    long: str | None = None
    aliases: list[str] = field(default_factory=list)
    external_id: str | None = None


@dataclass
class Repository:
    id: str
    url: str
    host: str


_REPO_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "gitee.com", "codeberg.org")


class Resolver:
    """Maps (label, surface name) to a canonical :class:`Entity`.

    Canonical key: the Papers-with-Code id for a known dataset variant, else the name key.
    """

    def __init__(self, use_gazetteer: bool = True) -> None:
        self._dataset_index: dict[str, tuple[str, str]] | None = None
        self._use_gazetteer = use_gazetteer

    def _datasets(self) -> dict[str, tuple[str, str]]:
        if self._dataset_index is None:
            self._dataset_index = {}
            if self._use_gazetteer:
                from kg.gazetteer import dataset_variant_index

                self._dataset_index = dataset_variant_index()
        return self._dataset_index

    def resolve(
        self,
        label: str,
        name: str,
        long: str | None = None,
        aliases: Iterable[str] = (),
        paper_id: str | None = None,
    ) -> Entity:
        key = name_key(name)
        external = None
        preferred = name
        if label == "Dataset":
            for candidate in (name, long, *aliases):
                if not candidate:
                    continue
                hit = self._datasets().get(name_key(candidate))
                if hit:
                    external, preferred = hit
                    key = name_key(external)
                    break
        surface = [a for a in (name, long, *aliases) if a and a != preferred]
        return Entity(
            id=f"{label.lower()}/{slug(key)}",
            label=label,
            key=key,
            name=preferred,
            long=long,
            aliases=list(dict.fromkeys(surface)),
            external_id=external,
        )

    @staticmethod
    def repository(url: str) -> Repository:
        """One node per repository: host and owner case, ``www.``, ``.git``, ``/tree/...``
        and trailing slashes do not make a new node."""
        s = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", url.strip())
        s = re.sub(r"^www\.", "", s, flags=re.I)
        parts = [p for p in s.split("/") if p]
        host = parts[0].lower() if parts else s.lower()
        if host in _REPO_HOSTS and len(parts) >= 3:
            owner, name = parts[1], re.sub(r"\.git$", "", parts[2], flags=re.I)
            canon = f"https://{host}/{owner}/{name}"
            rid = f"repo/{host}/{owner.lower()}/{name.lower()}"
        else:
            path = "/".join(parts[1:])
            path = re.sub(r"\.git$", "", path, flags=re.I)
            canon = f"https://{host}/{path}" if path else f"https://{host}"
            rid = f"repo/{host}/{path.lower()}" if path else f"repo/{host}"
        return Repository(id=rid, url=canon, host=host)

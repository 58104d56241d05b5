"""Shared fixtures: a real Neo4j for the tests that need one.

``neo4j_uri`` (session) uses the server at ``$NEO4J_URI`` (default bolt://127.0.0.1:7687) when
one answers there; otherwise it starts one with ``scripts/neo4j-local start`` (fetching and
compiling on first use: Java 17 + Maven) and stops it when the session ends. If it gets no
server the tests FAIL; they are never skipped. Pytest sessions that use Neo4j take turns (a
file lock), because every Neo4j test empties the database.

``neo4j_empty`` (per test) gives the same URI with the database emptied: no nodes, no
constraints, no indexes besides Neo4j's own token lookup indexes.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
NEO4J_LOCAL = REPO_ROOT / "scripts" / "neo4j-local"
DEFAULT_URI = "bolt://127.0.0.1:7687"
LOCK_WAIT_S = 900
START_TIMEOUT_S = 1200  # first start fetches about 120 MB of jars


def _bolt_answers(uri: str) -> bool:
    from neo4j import GraphDatabase

    user, password = os.environ.get("NEO4J_USER"), os.environ.get("NEO4J_PASSWORD")
    auth = (user or "neo4j", password or "") if (user or password) else None
    try:
        with GraphDatabase.driver(uri, auth=auth, connection_timeout=3) as driver:
            with driver.session() as session:  # a session query: no 30 s retry loop
                session.run("RETURN 1").consume()
        return True
    except Exception:
        return False


def _wait_for_lock(path: Path) -> object:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "w")  # noqa: SIM115 - held open for the whole session
    deadline = time.monotonic() + LOCK_WAIT_S
    told = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return handle
        except BlockingIOError:
            if time.monotonic() > deadline:
                handle.close()
                pytest.fail(f"another pytest session held {path} for {LOCK_WAIT_S}s")
            if not told:
                print(
                    f"\nwaiting for another pytest session's Neo4j tests ({path})", file=sys.stderr
                )
                told = True
            time.sleep(1)


@pytest.fixture(scope="session")
def neo4j_uri() -> Iterator[str]:
    """The Bolt URI of a running Neo4j 5, started for the session if none answers."""
    lock = _wait_for_lock(REPO_ROOT / "neo4j" / "run" / "pytest.lock")
    saved_env = os.environ.get("NEO4J_URI")
    started = False
    try:
        uri = saved_env or DEFAULT_URI
        if not _bolt_answers(uri):
            port = os.environ.get("NEO4J_BOLT_PORT", "7687")
            uri = f"bolt://127.0.0.1:{port}"
            try:
                proc = subprocess.run(
                    [str(NEO4J_LOCAL), "start"],
                    capture_output=True,
                    text=True,
                    timeout=START_TIMEOUT_S,
                    cwd=REPO_ROOT,
                )
            except (OSError, subprocess.TimeoutExpired) as e:
                pytest.fail(f"scripts/neo4j-local start failed: {e}")
            if proc.returncode != 0:
                pytest.fail(
                    "no Neo4j answers at "
                    f"{saved_env or DEFAULT_URI} and `scripts/neo4j-local start` failed "
                    f"(exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
                )
            started = "already running" not in proc.stdout
            deadline = time.monotonic() + 120
            while not _bolt_answers(uri):
                if time.monotonic() > deadline:
                    pytest.fail(f"scripts/neo4j-local start succeeded but {uri} does not answer")
                time.sleep(1)
        os.environ["NEO4J_URI"] = uri
        yield uri
    finally:
        if saved_env is None:
            os.environ.pop("NEO4J_URI", None)
        else:
            os.environ["NEO4J_URI"] = saved_env
        if started:
            subprocess.run([str(NEO4J_LOCAL), "stop"], capture_output=True, timeout=180)
        lock.close()  # type: ignore[attr-defined]


@pytest.fixture
def neo4j_empty(neo4j_uri: str) -> str:
    """``neo4j_uri`` with every node, relationship, constraint and index dropped."""
    from neo4j import GraphDatabase

    user, password = os.environ.get("NEO4J_USER"), os.environ.get("NEO4J_PASSWORD")
    auth = (user or "neo4j", password or "") if (user or password) else None
    with GraphDatabase.driver(neo4j_uri, auth=auth) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")  # test databases are small
        names, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name")
        for r in names:
            driver.execute_query("DROP CONSTRAINT $name IF EXISTS", {"name": r["name"]})
        names, _, _ = driver.execute_query(
            "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"
        )
        for r in names:
            driver.execute_query("DROP INDEX $name IF EXISTS", {"name": r["name"]})
        left, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n")
        assert left[0]["n"] == 0
    return neo4j_uri


@pytest.fixture(scope="session")
def seed_build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build of the seed abstracts per pytest session (graph.ttl and graph.nt), shared by
    the test modules that read it."""
    from kg.build import build
    from kg.evaluate import shared_dir

    out = tmp_path_factory.getbasetemp() / "seed-build"
    summary = build(
        [shared_dir() / "data" / "seed_abstracts.txt"],
        out,
        progress=False,
        rdf_formats=("ttl", "nt"),
    )
    assert summary.papers == 64
    return out

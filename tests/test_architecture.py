"""The folder listing is the architecture: imports point one way, and no module imports itself back.

Stages, lowest first: the core (errors, model, bands, numbers, texts), the language, the engine,
analysis, presentation, the service; `delegation/__init__.py` (the public API) stands above them all.
A module may import its own stage or a lower one. The only arrows against the order are the
facades listed below, each imported inside the method that needs it, for the reason given.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import delegation

PACKAGE = Path(delegation.__file__).resolve().parent
# The command (cli/, installed as delegation/cli) stands above the public API it calls.
STAGES = ["core", "language", "engine", "analysis", "presentation", "service", "api", "cli"]
# (importer, imported): why an arrow may point up.
FACADES = {
    ("model", "engine.evaluate"): "Plan.decide: the plan object answers, as users expect of it",
    ("model", "engine.resolve"): "Plan.cases: a search of the plan's case types",
}


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _stage(module: str) -> str:
    if module == "":
        return "api"
    head = module.split(".")[0]
    return head if head in (*STAGES[1:6], "cli") else "core"


def _type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def _exists(module: str) -> bool:
    folder = PACKAGE / module.replace(".", "/")
    return folder.with_suffix(".py").exists() or (folder / "__init__.py").exists()


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(imported module, at module level) for each import of another module of the package."""
    module = _name(path)
    package = module.split(".")[:-1] if path.name != "__init__.py" else module.split(".")
    if module == "":
        package = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and _type_checking(node)
        for n in ast.walk(node)
    }
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped or not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            prefix = ".".join([*base, node.module] if node.module else base)
        elif node.module and node.module.startswith("delegation"):
            prefix = node.module.removeprefix("delegation").lstrip(".")
        else:
            continue
        for alias in node.names:  # "from .engine import evaluate" names the module engine.evaluate
            submodule = f"{prefix}.{alias.name}".lstrip(".")
            target = submodule if _exists(submodule) else prefix
            if _exists(target):
                found.append((target, id(node) in top))
    return found


MODULES = {_name(path): _imports(path) for path in PACKAGE.rglob("*.py")}


def test_every_stage_is_a_folder_and_says_its_job():
    for stage in STAGES[1:6]:
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "\n" not in doc.strip(), stage


def test_every_module_says_its_job_in_one_line():
    for path in PACKAGE.rglob("*.py"):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc, path
        assert doc.splitlines()[0].strip(), path


def test_imports_point_down_the_pipeline():
    order = {stage: rank for rank, stage in enumerate(STAGES)}
    against = []
    for module, imports in MODULES.items():
        for target, _ in imports:
            if order[_stage(target)] > order[_stage(module)] and (module, target) not in FACADES:
                against.append(f"{module} -> {target}")
    assert not against


def test_facades_import_inside_the_method_that_needs_them():
    for (module, target), _ in FACADES.items():
        assert (target, False) in MODULES[module], f"{module} imports {target} at module level"


def test_no_import_circles():
    graph = nx.DiGraph()
    for module, imports in MODULES.items():
        graph.add_node(module)
        for target, at_top in imports:
            if at_top and target != module and not target.startswith(f"{module}."):
                graph.add_edge(module, target)
    cycles = list(nx.simple_cycles(graph))
    assert not cycles


def _imported(code: str, *args: str, folder) -> set[str]:
    """The modules a fresh interpreter imports running `code` (python -X importtime), dotted names."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=folder,  # `python -c` puts the working directory first: the installed package
        env={"PATH": "/usr/bin:/bin", "DELEGATION_CACHE_DIR": str(folder)},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}


@pytest.mark.parametrize(
    "command",
    [
        ["decide", "Bevillinger fra Erhvervspuljen", "--plan", "A", "--amount", "300000"],
        ["decide", "erhvervspuljen", "--plan", "B", "--json"],
        ["show", "erhvervspuljen", "--plan", "B"],
        ["cases", "--plan", "C"],
        ["decide", "erhvervspuljen"],  # every plan, in time
        ["decide", "opsætning af julebelysning", "--plan", "B"],  # a case the plan does not list
    ],
    ids=["decide", "decide-json", "show", "cases", "decide-all-plans", "decide-uncovered"],
)
def test_answering_never_imports_pydantic(command, tmp_path):
    """The plan and the decision are plain dataclasses: pydantic validates and describes them at
    the boundaries (schema, service), and its import (40-70 ms) stays off the command's path."""
    code = "from delegation.cli.entry import main; main()"
    _imported(code, *command, folder=tmp_path)  # compiles the plans into the cache (the parser needs lark)
    # Less what the interpreter imports before any code runs (an editable install's finder
    # imports pathlib from site-packages: not the command's doing).
    modules = _imported(code, *command, folder=tmp_path) - _imported("pass", folder=tmp_path)
    imported = {name.split(".")[0] for name in modules}
    assert "delegation" in imported
    # dataclasses brings inspect, ast and dis (12-20 ms): a record becomes one only when asked;
    # hashlib loads OpenSSL (4.5 ms), threading 1.5 ms, where _sha256 and _thread do the job
    unwanted = {"pydantic", "pydantic_core", "fastapi", "lark", "click", "dataclasses", "inspect"}
    unwanted |= {"hashlib", "_hashlib", "threading"}
    # typing: 5.5 ms (hints.py); rapidfuzz: 14-22 ms (engine/distance.py); pathlib: 7 ms
    unwanted |= {"typing", "rapidfuzz", "pathlib"}
    assert not unwanted & imported, sorted(unwanted & imported)
    if "Bevillinger fra Erhvervspuljen" in command or command[:2] == ["show", "erhvervspuljen"]:
        # A title or an id reads no numbers from the text (the quantity patterns cost 3.5 ms),
        # and is no mail, abbreviation, denial or question (4-5 ms more)
        free_text = {"quantities", "textfacts", "abbreviations", "denials", "question"}
        assert not {f"delegation.engine.{name}" for name in free_text} & modules
    if command[0] == "decide":  # a decision needs no case view (show's bands)
        assert "delegation.presentation.caseview" not in modules

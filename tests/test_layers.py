"""Imports run one way (issue 13): ``cli`` → the features → ``engine`` (strategy) →
``solver`` (CP-SAT models and calls, nothing else) → ``parts`` (the part types both
share) → ``rules`` / ``scenario`` → ``domain``. Every import in the package, at module
level or inside a function, is read with ``ast``; a package may import only from its own
layer or the layers below it."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "asn_scheduler"

LAYERS: list[set[str]] = [
    {"cli", "__init__", "__main__"},  # the CLI, and the package's public facade
    {"web", "batch", "bench", "report_json", "report_schema"},  # front ends composing the features
    {"excel", "publish", "plot", "frames", "compare", "summary", "generate", "synth",
     "event_gain", "settings_summary"},  # the features
    {"engine"},  # the strategy: decompose, stages, repairs, explanations, re-planning
    {"solver", "checker"},  # CP-SAT models and calls; the independent checker
    {"parts"},  # what engine and solver share about a part
    {"rules", "scenario", "schema", "scope"},
    {"domain", "i18n", "_version", "fmt", "interrupt", "safety_text", "gc_pause"},
]
"""Top to bottom; a package may import its own layer and those below. Packages (and
top-level modules) not listed fail :func:`test_every_package_has_a_layer`, so a new one
gets its place on purpose."""

APART = {("solver", "checker"), ("checker", "solver")}
"""Same layer, never each other: the checker must judge a roster without the solver's
model, and the solver must not bend its model to the checker."""

RANK = {name: i for i, layer in enumerate(LAYERS) for name in layer}



def _top(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "asn_scheduler" and len(parts) > 1 else None


def _imports(path: Path, root: Path = PKG.parent) -> set[str]:
    """Every module ``path`` imports (absolute names), wherever the import stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    rel = path.relative_to(root).with_suffix("")
    here = list(rel.parts[:-1])
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = here[: len(here) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            found.add(mod)
    return found


def _edges() -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for f in sorted(PKG.rglob("*.py")):
        rel = f.relative_to(PKG)
        me = rel.parts[0] if len(rel.parts) > 1 else rel.stem
        for mod in _imports(f):
            other = _top(mod)
            if other and other != me:
                out.setdefault((me, other), []).append(str(rel))
    return out


def test_every_package_has_a_layer():
    names = {p.name if p.is_dir() else p.stem for p in PKG.iterdir()
             if (p.is_dir() and (p / "__init__.py").exists()) or p.suffix == ".py"}
    assert not names - set(RANK), f"give these a layer in LAYERS: {sorted(names - set(RANK))}"


def test_imports_run_one_way():
    upward = {(a, b): files for (a, b), files in _edges().items()
              if RANK[b] < RANK[a]}
    assert not upward, "imports against the layer order:\n" + "\n".join(
        f"  {a} -> {b}: {', '.join(sorted(set(files)))}" for (a, b), files in upward.items())


def test_the_solver_imports_nothing_from_the_engine_and_the_checker_no_solver():
    edges = _edges()
    assert ("solver", "engine") not in edges
    assert not APART & set(edges), sorted(APART & set(edges))


def test_the_reader_sees_function_level_and_relative_imports(tmp_path):
    # the check is only as good as its reading of imports: a lazy import inside a
    # function (as the engine once hid its solver) must count too
    mod = PKG / "solver" / "cpsat.py"
    assert "asn_scheduler.parts.data" in _imports(mod)
    fake = tmp_path / "asn_scheduler" / "solver" / "lazy.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("def f():\n    from ..engine import stages\n    import asn_scheduler.checker\n")
    assert _imports(fake, root=tmp_path) == {"asn_scheduler.engine", "asn_scheduler.checker"}

"""The core's layout rules, held by a test: layers, adapters, MkDocs, module sizes.

`violations` reads every module's imports (module level and inside functions) with `ast`
and returns each broken rule as a sentence; the real tree must give none, and a planted
violation of each rule must be found, so the rules cannot rot into a test that passes
whatever the code does.
"""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT

GENERATOR = ROOT / "generator"

# Each module may import only modules of a lower layer. Reading down the list is reading
# the pipeline: vocabulary, then the stages (load, validate, cross-check, lint, render),
# then the pipeline that runs them, then the two adapters and their commands.
LAYERS: dict[str, int] = {
    # shared vocabulary and leaf helpers
    **dict.fromkeys(
        ["problems", "escape", "urls", "wording", "markdown", "models", "staging", "assets"], 0
    ),
    "chance": 0,
    **dict.fromkeys(["document", "decode", "settings", "svg", "schema", "reference"], 1),
    # stages
    **dict.fromkeys(["yaml_errors", "tree", "validate", "assessment", "views", "scaffold"], 2),
    **dict.fromkeys(
        ["load", "discover", "near_copies", "crosscheck", "links", "gift", "blind_read"], 3
    ),
    **dict.fromkeys(["lint", "page_text", "navigation", "scorm"], 4),
    "render": 5,
    "publishing": 5,
    "page_links": 1,
    "pipeline": 6,
    # adapters
    "invocation": 7,
    **dict.fromkeys(["exporting", "authoring", "plugin"], 8),
    "cli": 9,
    "__main__": 10,
}
MKDOCS_ALLOWED = {"plugin", "scorm"}  # scorm builds the site with MkDocs to package it
CLI_SIDE = {"cli", "invocation", "exporting", "authoring", "__main__"}
MAX_LINES = 300
MAX_PLUGIN_LINES = 150


def _imports(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            if node.module == "generator":
                found |= {f"generator.{alias.name}" for alias in node.names}
    return found


def violations(modules: dict[str, str]) -> list[str]:
    """Every broken rule in `modules` (module name -> source), as a sentence."""
    found = []
    for name, source in sorted(modules.items()):
        if name not in LAYERS:
            found.append(f"{name}: not placed in a layer (add it to LAYERS)")
            continue
        imports = _imports(source)
        ours = {
            i.split(".")[1] for i in imports if i.startswith("generator.") and i.count(".") == 1
        }
        for other in sorted(ours):
            if other in LAYERS and LAYERS[other] >= LAYERS[name]:
                found.append(
                    f"{name} (layer {LAYERS[name]}) imports {other} (layer {LAYERS[other]})"
                )
        if name == "plugin" and ours & CLI_SIDE:
            found.append(f"plugin imports the command line ({', '.join(sorted(ours & CLI_SIDE))})")
        if name in CLI_SIDE and "plugin" in ours:
            found.append(f"{name} imports the plugin")
        if name not in MKDOCS_ALLOWED and any(i.split(".")[0] == "mkdocs" for i in imports):
            found.append(f"{name} imports mkdocs (only {', '.join(sorted(MKDOCS_ALLOWED))} may)")
        lines = source.count("\n")
        limit = MAX_PLUGIN_LINES if name == "plugin" else MAX_LINES
        if lines > limit:
            found.append(f"{name} has {lines} lines (at most {limit})")
    return found


def _tree() -> dict[str, str]:
    return {
        p.stem: p.read_text(encoding="utf-8")
        for p in sorted(GENERATOR.glob("*.py"))
        if p.stem != "__init__"
    }


def test_the_generator_keeps_its_layout() -> None:
    assert violations(_tree()) == []


@pytest.mark.parametrize(
    ("planted", "expected"),
    [
        (
            {"problems": "from generator.render import render_site\n"},
            "problems (layer 0) imports render",
        ),
        ({"views": "from generator.links import Links\n"}, "views (layer 2) imports links"),
        ({"plugin": "from generator.cli import main\n"}, "plugin imports the command line"),
        (
            {"exporting": "from generator.plugin import ServeFirstPlugin\n"},
            "exporting imports the plugin",
        ),
        (
            {"render": "def f():\n    from mkdocs.config import load_config\n"},
            "render imports mkdocs",
        ),
        ({"pipeline": "x = 1\n" * 301}, "pipeline has 301 lines"),
        ({"plugin": "x = 1\n" * 151}, "plugin has 151 lines"),
        ({"helpers": "x = 1\n"}, "helpers: not placed in a layer"),
    ],
)
def test_each_rule_finds_a_planted_violation(planted: dict[str, str], expected: str) -> None:
    found = violations(_tree() | planted)
    assert any(expected in v for v in found), found


def test_servefirst_check_imports_no_mkdocs_module() -> None:
    code = (
        "import sys\n"
        "from generator.cli import main\n"
        f"main(['check', '--config', {str(FIXTURES / 'sample' / 'mkdocs.yml')!r}])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout + result.stderr


def test_a_render_of_the_course_opens_no_file(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from generator.pipeline import build_site
    from generator.render import render_site
    from generator.settings import Settings

    site = build_site(
        Settings(
            content_dir=ROOT / "content",
            quizzes_dir=ROOT / "quizzes",
            field_reference="trainers/field-reference.md",
        )
    )
    assert site.checked is not None
    touched: list[str] = []
    watching = [True]

    def hook(event: str, args: tuple[object, ...]) -> None:
        if watching[0] and event in ("open", "os.listdir", "os.scandir"):
            touched.append(f"{event} {args[0]}")

    sys.addaudithook(hook)
    for name in ("stat", "lstat"):
        real = getattr(os, name)

        def counted(*args: object, _real: object = real, _name: str = name, **kw: object) -> object:
            if watching[0]:
                touched.append(f"{_name} {args[0]}")
            return _real(*args, **kw)  # type: ignore[operator]

        monkeypatch.setattr(os, name, counted)
    try:
        pages, nav, problems = render_site(site.checked)
    finally:
        watching[0] = False
    assert pages and nav and not problems
    assert touched == []

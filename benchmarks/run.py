#!/usr/bin/env python3
"""Build cost and page weight of Serve First on synthetic courses, in one run.

    .venv/bin/python benchmarks/run.py --sizes 10 100 1000 --repeat 5 --repeat-large 3 \\
        --layouts flat-noprune modules-noprune flat-prune --profile --out benchmarks/RESULTS.md

For each size (number of lessons, each with a 6-scenario quiz) it writes a synthetic
course (`benchmarks/synthetic.py`) with the real site's `mkdocs.yml` (theme, features,
overrides, Markdown extensions), then measures:

- the plugin build (`mkdocs build` with the servefirst plugin) against a plain MkDocs
  build of the same course exported with `servefirst export --mkdocs-config`, the pairs
  interleaved (AB, BA, AB...) so drift on a shared machine hits both; medians; wall time,
  CPU time and peak RSS, each build in its own wrapper process that reports only its
  child's resource usage;
- `servefirst check` wall time per YAML file;
- optional layouts at the largest size (flat nav, no `navigation.prune`), plugin only;
- the bytes Serve First adds (its assets, raw and gzip -9) and the transfer of a lesson
  page and a quiz page (HTML plus every same-origin stylesheet and script, including the
  module imports of servefirst.js), Material's and ours listed apart.

Results go to a Markdown report (`--out`) with the machine and versions. No timing is
asserted anywhere; the test suite only runs this at the smallest size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import html.parser
import itertools
import json
import os
import platform
import posixpath
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OVERRIDES = ROOT / "site_overrides"
OUR_PREFIX = "assets/servefirst/"
BROWSER = ROOT / "generator" / "browser"

sys.path.insert(0, str(HERE))
from synthetic import CourseStats, write_course  # noqa: E402

TARGET_RATIO = 1.10
TARGET_GZIP = 10_000  # bytes: "10 KB"
LARGE = 1000
PER_MODULE = 50

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}

# Runs one command as its only child and reports that child's wall time, CPU time and
# peak RSS (RUSAGE_CHILDREN covers only this wrapper's children: exactly that command).
WRAPPER = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=sys.stderr)
wall = time.perf_counter() - start
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": code, "wall": wall, "cpu": use.ru_utime + use.ru_stime,
                  "maxrss_kib": use.ru_maxrss}))
"""

LAYOUTS = {
    # name: (lessons grouped into modules, navigation.prune on)
    "modules-prune": (True, True),
    "modules-noprune": (True, False),
    "flat-prune": (False, True),
    "flat-noprune": (False, False),
}


# --------------------------------------------------------------------------- measuring


@dataclass
class Run:
    wall: float
    cpu: float
    maxrss_mib: float


def measured(cmd: list[str], cwd: Path) -> Run:
    """Run `cmd` in a wrapper process; fail loudly if it fails."""
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *cmd],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise SystemExit(f"wrapper failed for {shlex.join(cmd)}:\n{done.stderr}")
    report = json.loads(lines[-1])
    if report["rc"] != 0:
        raise SystemExit(f"exit {report['rc']}: {shlex.join(cmd)}\n{done.stderr[-4000:]}")
    return Run(report["wall"], report["cpu"], report["maxrss_kib"] / 1024)


def mkdocs_build(config: Path, site: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-q",
        "--strict",
        "-f",
        str(config),
        "-d",
        str(site),
    ]


def median(values: list[float]) -> float:
    return statistics.median(values)


# --------------------------------------------------------------------------- projects


def site_config(lessons: int, prune: bool) -> str:
    """The real site's mkdocs.yml, pointed at this repository's overrides."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^site_name:.*$", f"site_name: Synthetic course ({lessons} lessons)", text)
    text = re.sub(r"(?m)^(\s*)custom_dir:.*$", rf"\1custom_dir: {OVERRIDES.as_posix()}", text)
    has_prune = re.search(r"(?m)^\s*- navigation\.prune\s*$", text)
    if prune and not has_prune:
        text = re.sub(r"(?m)^(\s*)- navigation\.indexes\s*$", r"\g<0>\n\1- navigation.prune", text)
    if not prune:
        text = re.sub(r"(?m)^\s*- navigation\.prune\s*\n", "", text)
    return text


def theme_features(config: Path) -> list[str]:
    from mkdocs.utils.yaml import yaml_load

    with config.open("rb") as handle:
        data = yaml_load(handle)
    return list((data.get("theme") or {}).get("features") or [])


@dataclass
class Project:
    root: Path
    stats: CourseStats
    configs: dict[bool, Path] = field(default_factory=dict)  # by navigation.prune


def make_project(root: Path, lessons: int, modules: bool, seed: int) -> Project:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    stats = write_course(root, lessons, seed=seed, per_module=PER_MODULE if modules else None)
    project = Project(root, stats)
    for prune in (True, False):
        name = "mkdocs.yml" if prune else "mkdocs.noprune.yml"
        project.configs[prune] = root / name
        project.configs[prune].write_text(site_config(lessons, prune), encoding="utf-8")
    return project


# --------------------------------------------------------------------------- page weight


class _Refs(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self.config = ""
        self.icons: list[str] = []
        self.search_form = False
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        rel = (a.get("rel") or "").split()
        if tag == "link" and "stylesheet" in rel and a.get("href"):
            self.styles.append(a["href"] or "")
        elif tag == "script" and a.get("src"):
            self.scripts.append(a["src"] or "")
        elif tag == "script" and a.get("id") == "__config":
            self._in_config = True
        elif tag == "link" and "icon" in rel and a.get("href"):
            self.icons.append(a["href"] or "")
        elif tag == "form" and a.get("name") == "search":
            self.search_form = True

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_config = False


_IMPORT = re.compile(
    r"""(?:^|[;\s])(?:import|export)\b[^'"();]*?\bfrom\s*["']([^"']+)["']"""
    r"""|(?:^|[;\s])import\s*["']([^"']+)["']""",
    re.M,
)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


@dataclass
class Asset:
    path: str  # site-relative
    raw: int
    gzip: int
    ours: bool


def page_assets(site: Path, page: str) -> tuple[list[Asset], list[str], dict[str, Any]]:
    """Same-origin stylesheets and scripts of `page` (site-relative .html), imports followed."""
    base = "https://site.invalid/"
    page_url = urljoin(base, page)
    parser = _Refs()
    parser.feed((site / page).read_text(encoding="utf-8"))
    found: dict[str, Asset] = {}
    foreign: list[str] = []

    def add(url: str, is_module: bool) -> None:
        parts = urlsplit(url)
        if parts.netloc != "site.invalid":
            foreign.append(url)
            return
        rel = posixpath.normpath(parts.path.lstrip("/"))
        if rel in found:
            return
        data = (site / rel).read_bytes()
        found[rel] = Asset(rel, len(data), gz(data), rel.startswith(OUR_PREFIX))
        if is_module:
            for match in _IMPORT.finditer(data.decode("utf-8", "replace")):
                target = match.group(1) or match.group(2)
                if target.startswith((".", "/")):
                    add(urljoin(url, target), True)

    for href in parser.styles:
        add(urljoin(page_url, href), False)
    for src in parser.scripts:
        add(urljoin(page_url, src), src.endswith(".js"))
    config = json.loads(parser.config) if parser.config.strip() else {}
    return list(found.values()), foreign, config


@dataclass
class PageWeight:
    name: str
    page: str
    html_raw: int
    html_gzip: int
    assets: list[Asset]
    foreign: list[str]

    def total(self, ours: bool | None = None) -> int:
        return sum(a.gzip for a in self.assets if ours is None or a.ours == ours)


def weigh(site: Path, name: str, page: str) -> PageWeight:
    data = (site / page).read_bytes()
    assets, foreign, _ = page_assets(site, page)
    return PageWeight(name, page, len(data), gz(data), assets, foreign)


BINARY = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2")


def _asset(site: Path, rel: str) -> Asset | None:
    path = site / rel
    if not path.is_file():
        return None
    data = path.read_bytes()
    # Servers compress text, not images: count images as they are.
    packed = len(data) if rel.endswith(BINARY) else gz(data)
    return Asset(rel, len(data), packed, False)


def loaded_by_material(site: Path, page: str) -> list[Asset]:
    """What Material's bundle fetches on every page load besides the page's own files.

    Checked in Chromium: the sitemap (with `navigation.instant`), the search index and
    worker (when the page has the search form) and the favicon.
    """
    base = "https://site.invalid/"
    page_url = urljoin(base, page)
    parser = _Refs()
    parser.feed((site / page).read_text(encoding="utf-8"))
    config = json.loads(parser.config) if parser.config.strip() else {}
    root = urljoin(page_url, config.get("base", ".") + "/")

    def rel(url: str) -> str:
        return posixpath.normpath(urlsplit(urljoin(root, url)).path.lstrip("/"))

    wanted = []
    if "navigation.instant" in config.get("features", []):
        wanted.append("sitemap.xml")
    if parser.search_form:
        wanted.append("search/search_index.json")
        if config.get("search"):
            wanted.append(rel(config["search"]))
    wanted += [
        posixpath.normpath(urlsplit(urljoin(page_url, i)).path.lstrip("/")) for i in parser.icons
    ]
    return [a for a in (_asset(site, r) for r in wanted) if a is not None]


def own_assets(site: Path) -> list[Asset]:
    """Serve First's scripts and stylesheets as the plugin build ships them (minified)."""
    out = []
    for path in sorted(p for p in (site / OUR_PREFIX).rglob("*") if p.is_file()):
        data = path.read_bytes()
        out.append(Asset(path.relative_to(site).as_posix(), len(data), gz(data), True))
    return out


def html_pages(site: Path) -> int:
    """The pages MkDocs built (one HTML file each), without the 404 page."""
    return sum(1 for p in site.rglob("*.html") if p.relative_to(site).as_posix() != "404.html")


def tree_bytes(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


# --------------------------------------------------------------------------- one size


@dataclass
class SizeResult:
    lessons: int
    pages: int
    yaml_files: int
    stats: CourseStats
    repeats: int
    plain: list[Run]
    plugin: list[Run]
    export: Run
    check: list[Run]
    check_summary: str
    lesson_page: PageWeight
    quiz_page: PageWeight
    material_load: list[Asset]
    shipped: list[Asset]
    site_files: int
    site_bytes: int
    features: list[str]
    built: tuple[int, int]
    plain_site_bytes: int

    def med(self, runs: list[Run], attr: str) -> float:
        return median([getattr(r, attr) for r in runs])


def first_pages(site_plain: Path) -> tuple[str, str]:
    lessons = sorted(p for p in (site_plain / "lessons").iterdir() if p.is_dir())
    first = lessons[0].name
    return f"lessons/{first}/index.html", f"lessons/{first}/quiz/index.html"


def run_size(lessons: int, repeats: int, work: Path, seed: int, log: Any) -> SizeResult:
    folder = work / f"lessons-{lessons}"
    log(f"[{lessons}] writing the synthetic course")
    project = make_project(folder / "project", lessons, modules=True, seed=seed)
    config = project.configs[True]
    export_dir = project.root / "export"
    plain_config = project.root / "mkdocs.plain.yml"
    log(f"[{lessons}] servefirst export")
    export = measured(
        [
            sys.executable,
            "-m",
            "generator",
            "export",
            "--config",
            str(config),
            "--out",
            str(export_dir),
            "--mkdocs-config",
            str(plain_config),
        ],
        project.root,
    )
    pages = sum(1 for _ in export_dir.rglob("*.md"))
    site_plugin, site_plain = folder / "site-plugin", folder / "site-plain"
    builds = {
        "plugin": mkdocs_build(config, site_plugin),
        "plain": mkdocs_build(plain_config, site_plain),
    }
    runs: dict[str, list[Run]] = {"plugin": [], "plain": []}
    for index in range(repeats):
        order = ("plugin", "plain") if index % 2 == 0 else ("plain", "plugin")
        for which in order:
            log(f"[{lessons}] build {index + 1}/{repeats}: {which}")
            runs[which].append(measured(builds[which], project.root))
            log(f"    {runs[which][-1].wall:.2f} s, {runs[which][-1].maxrss_mib:.0f} MiB")
    log(f"[{lessons}] servefirst check")
    check_cmd = [sys.executable, "-m", "generator", "check", "--config", str(config)]
    checks = [measured(check_cmd, project.root) for _ in range(repeats)]
    summary = (
        subprocess.run(
            check_cmd, cwd=project.root, env=ENV, capture_output=True, text=True, check=False
        )
        .stderr.strip()
        .splitlines()
    )
    lesson_html, quiz_html = first_pages(site_plugin)
    files, size = tree_bytes(site_plugin)
    built = (html_pages(site_plugin), html_pages(site_plain))
    if built != (pages, pages):
        log(f"warning: pages built (plugin, plain) = {built}; exported {pages}")
    return SizeResult(
        lessons=lessons,
        pages=pages,
        yaml_files=2 * lessons + 1,
        stats=project.stats,
        repeats=repeats,
        plain=runs["plain"],
        plugin=runs["plugin"],
        export=export,
        check=checks,
        check_summary=summary[-1] if summary else "",
        lesson_page=weigh(site_plugin, "lesson page", lesson_html),
        quiz_page=weigh(site_plugin, "quiz page", quiz_html),
        material_load=loaded_by_material(site_plugin, lesson_html),
        shipped=own_assets(site_plugin),
        site_files=files,
        site_bytes=size,
        features=theme_features(config),
        built=built,
        plain_site_bytes=tree_bytes(site_plain)[1],
    )


@dataclass
class LayoutResult:
    layout: str
    lessons: int
    pages: int
    run: Run
    lesson_html: int
    site_bytes: int


def run_layout(layout: str, lessons: int, work: Path, seed: int, log: Any) -> LayoutResult:
    modules, prune = LAYOUTS[layout]
    folder = work / f"layout-{layout}-{lessons}"
    project = make_project(folder / "project", lessons, modules=modules, seed=seed)
    site = folder / "site"
    log(f"[{lessons}] layout {layout}: plugin build")
    run = measured(mkdocs_build(project.configs[prune], site), project.root)
    log(f"    {run.wall:.2f} s, {run.maxrss_mib:.0f} MiB")
    lesson_html, _ = first_pages(site)
    _, size = tree_bytes(site)
    return LayoutResult(
        layout, lessons, html_pages(site), run, (site / lesson_html).stat().st_size, size
    )


# --------------------------------------------------------------------------- profile


@dataclass
class ProfileRow:
    name: str
    calls: str
    own: float
    cumulative: float


def _profiled(key: tuple[str, int, str]) -> str | None:
    """A readable name for the functions the profile summary shows, else None."""
    filename, _, function = key
    path = filename.replace("\\", "/")
    if function in ("<genexpr>", "<listcomp>", "<dictcomp>", "<lambda>"):
        return None
    if "/generator/" in path and "/site-packages/" not in path:
        return f"generator/{path.rsplit('/generator/', 1)[1]}:{function}"
    if path.endswith("mkdocs/commands/build.py"):
        return f"mkdocs build.py:{function}"
    renderers = ("cmarkgfm", "pyromark", "nh3")
    if any(f"/{name}/" in path for name in renderers) and not function.startswith("<"):
        return f"{path.split('/site-packages/')[-1]}:{function}"
    if filename == "~" and any(word in function for word in (*renderers, "Cleaner", "Markdown")):
        return function.strip("<>{}")
    return None


def run_profile(lessons: int, work: Path, log: Any) -> tuple[float, list[ProfileRow]]:
    """cProfile of one plugin build at `lessons`; the generator's and MkDocs' main entries."""
    import pstats

    folder = work / f"lessons-{lessons}"
    config = folder / "project" / "mkdocs.yml"
    output = folder / "plugin-build.prof"
    log(f"[{lessons}] profiling a plugin build (cProfile)")
    measured(
        [
            sys.executable,
            "-m",
            "cProfile",
            "-o",
            str(output),
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(config),
            "-d",
            str(folder / "site-profiled"),
        ],
        folder / "project",
    )
    stats = pstats.Stats(str(output))
    total = max(entry[3] for entry in stats.stats.values())  # type: ignore[attr-defined]
    rows = []
    for key, (primitive, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        name = _profiled(key)
        if name is None or cumulative < 0.02 * total:
            continue
        shown = str(calls) if calls == primitive else f"{calls}/{primitive}"
        rows.append(ProfileRow(name, shown, own, cumulative))
    rows.sort(key=lambda row: -row.cumulative)
    return total, rows[:24]


# --------------------------------------------------------------------------- report


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def distributions() -> list[str]:
    """MkDocs, Material and every runtime dependency named in pyproject.toml, in order."""
    import tomllib

    names = ["mkdocs", "mkdocs-material"]
    with _ignore():
        project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        for requirement in project["project"]["dependencies"]:
            name = re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0]
            if name.lower() not in (n.lower() for n in names):
                names.append(name)
    return names


def machine() -> list[tuple[str, str]]:
    cpu, mem, os_name = "unknown", "unknown", platform.platform()
    with _ignore():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with _ignore():
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    with _ignore():
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = f"{line.split('=', 1)[1].strip(chr(34))} (kernel {platform.release()})"
    commit = "unknown"
    with _ignore():
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    rows = [
        ("CPU", f"{cpu}, {os.cpu_count()} logical cores"),
        ("RAM", mem),
        ("OS", os_name),
        ("Python", platform.python_version()),
    ]
    for dist in distributions():
        rows.append((dist, _version(dist)))
    rows.append(("servefirst commit", f"{commit} (plus any uncommitted changes at run time)"))
    return rows


class _ignore:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return True


def kb(n: float) -> str:
    return f"{n / 1000:.1f} KB"


def fmt_s(x: float) -> str:
    return f"{x:.2f}" if x >= 1 else f"{x:.3f}"


def table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def report(
    results: list[SizeResult],
    layouts: list[LayoutResult],
    args: argparse.Namespace,
    started: dt.datetime,
    elapsed: float,
    loads: tuple[str, str],
    profile: tuple[float, list[ProfileRow]] | None = None,
) -> str:
    by = {r.lessons: r for r in results}
    assets = results[0].shipped
    assets_gz = sum(a.gzip for a in assets)
    assets_raw = sum(a.raw for a in assets)
    largest = results[-1]
    ratio_large = largest.med(largest.plugin, "wall") / largest.med(largest.plain, "wall")
    lines = [
        "# Benchmark results",
        "",
        "Build cost and page weight of Serve First on synthetic courses, written by "
        "`benchmarks/run.py` (see its docstring for the method). Each lesson has about "
        f"{results[0].stats.words_per_lesson:.0f} words in 3-4 sections and a 6-scenario "
        f"quiz of 3 choices; lessons are grouped into modules of {PER_MODULE}.",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M} UTC; the run took {elapsed / 60:.1f} min; "
        f"load average {loads[0]} at the start, {loads[1]} at the end.",
        f"- Command: `{args.command_line}`",
        "- Theme features (from the real `mkdocs.yml`): "
        + ", ".join(f"`{f}`" for f in largest.features),
        "",
        "## Machine and versions",
        "",
        *table(["", ""], [[k, v] for k, v in machine()]),
        "",
        "## Targets",
        "",
    ]
    target_rows = [
        [
            f"Generator overhead (plugin build / plain build) at {largest.lessons:,} lessons",
            "at most 1.10",
            f"{ratio_large:.2f}",
            verdict(ratio_large <= TARGET_RATIO),
        ],
        [
            "Serve First's own JS + CSS, gzip, all files",
            "at most 10 KB",
            f"{assets_gz:,} B",
            verdict(assets_gz <= TARGET_GZIP),
        ],
    ]
    if 100 in by and LARGE in by:
        for kind in ("plain", "plugin"):
            a, b = by[100], by[LARGE]
            small = a.med(getattr(a, kind), "wall") / a.pages
            large = b.med(getattr(b, kind), "wall") / b.pages
            target_rows.append(
                [
                    f"Seconds per page, {LARGE:,} vs 100 lessons ({kind} build)",
                    "no worse (ratio at most 1.00)",
                    f"{fmt_s(large)} vs {fmt_s(small)} s ({large / small:.2f})",
                    verdict(large <= small),
                ]
            )
    lines += table(["Target", "Goal", "Measured", "Result"], target_rows)
    lines += [
        "",
        "## Build time: plugin versus plain MkDocs",
        "",
        "*plain* builds the output of `servefirst export --mkdocs-config` (the same pages, "
        "the same inherited config, no plugin); *plugin* is `mkdocs build` on the YAML "
        "course. Medians of the runs shown; builds run `mkdocs build -q --strict` in a fresh "
        "process. Pages = Markdown pages in the site (2 per lesson, plus home, progress, "
        "review and field reference).",
        "",
    ]
    rows = []
    for r in results:
        pw, pl = r.med(r.plain, "wall"), r.med(r.plugin, "wall")
        pc, lc = r.med(r.plain, "cpu"), r.med(r.plugin, "cpu")
        rows.append(
            [
                f"{r.lessons:,}",
                f"{r.pages:,}",
                str(r.repeats),
                fmt_s(pw),
                fmt_s(pl),
                f"**{pl / pw:.2f}**",
                f"{lc / pc:.2f}",
                fmt_s(pw / r.pages),
                fmt_s(pl / r.pages),
                fmt_s(pl / r.lessons),
                f"{r.med(r.plain, 'maxrss_mib'):.0f}",
                f"{r.med(r.plugin, 'maxrss_mib'):.0f}",
            ]
        )
    lines += table(
        [
            "lessons",
            "pages",
            "runs",
            "plain s",
            "plugin s",
            "ratio (wall)",
            "ratio (CPU)",
            "plain s/page",
            "plugin s/page",
            "plugin s/lesson",
            "plain peak MiB",
            "plugin peak MiB",
        ],
        rows,
    )
    lines += ["", "All runs (wall seconds, in the order they ran within each pair):", ""]
    for r in results:
        plain = ", ".join(fmt_s(x.wall) for x in r.plain)
        plugin = ", ".join(fmt_s(x.wall) for x in r.plugin)
        lines.append(
            f"- {r.lessons:,} lessons: plain {plain}; plugin {plugin}. Pages built: plugin "
            f"{r.built[0]:,}, plain {r.built[1]:,}; site size: plugin "
            f"{r.site_bytes / 1e6:.1f} MB, plain {r.plain_site_bytes / 1e6:.1f} MB."
        )
    if len(results) > 1:
        lines += [
            "",
            "## Growth",
            "",
            "Seconds per page at each size, and the marginal cost of each extra page between "
            "consecutive sizes ((t2 - t1) / (pages2 - pages1)), which leaves out the fixed "
            "start-up cost that flatters per-page figures at small sizes.",
            "",
        ]
        rows = []
        for prev, r in itertools.pairwise(results):
            for kind in ("plain", "plugin"):
                t1, t2 = prev.med(getattr(prev, kind), "wall"), r.med(getattr(r, kind), "wall")
                rows.append(
                    [
                        f"{prev.lessons:,} → {r.lessons:,}",
                        kind,
                        f"{fmt_s(t1 / prev.pages)} → {fmt_s(t2 / r.pages)}",
                        f"{(t2 / r.pages) / (t1 / prev.pages):.2f}",
                        fmt_s((t2 - t1) / (r.pages - prev.pages)),
                        f"{kb(prev.lesson_page.html_raw)} → {kb(r.lesson_page.html_raw)}",
                    ]
                )
        lines += table(
            [
                "lessons",
                "build",
                "s/page",
                "growth of s/page",
                "marginal s/page",
                "lesson page HTML",
            ],
            rows,
        )
    if layouts:
        lines += [
            "",
            "## What the project controls: navigation layout",
            "",
            "Plugin builds (one run each) of the same course laid out four ways: lessons in "
            f"modules of {PER_MODULE} or one flat list, with and without Material's "
            "`navigation.prune`. Every page embeds the navigation, so its size decides how "
            "the build grows.",
            "",
        ]
        rows = []
        for lay in layouts:
            rows.append(
                [
                    lay.layout,
                    f"{lay.lessons:,}",
                    fmt_s(lay.run.wall),
                    fmt_s(lay.run.wall / lay.pages),
                    f"{lay.run.maxrss_mib:.0f}",
                    kb(lay.lesson_html),
                    f"{lay.site_bytes / 1e6:.0f} MB",
                ]
            )
        for r in results:
            if any(lay.lessons == r.lessons for lay in layouts):
                rows.insert(
                    0,
                    [
                        "modules-prune (the benchmark's layout, median above)",
                        f"{r.lessons:,}",
                        fmt_s(r.med(r.plugin, "wall")),
                        fmt_s(r.med(r.plugin, "wall") / r.pages),
                        f"{r.med(r.plugin, 'maxrss_mib'):.0f}",
                        kb(r.lesson_page.html_raw),
                        f"{r.site_bytes / 1e6:.0f} MB",
                    ],
                )
        lines += table(
            ["layout", "lessons", "build s", "s/page", "peak MiB", "lesson page HTML", "site"],
            rows,
        )
    if profile is not None:
        total, rows_p = profile
        lines += [
            "",
            f"## Where the plugin build's time goes ({largest.lessons:,} lessons)",
            "",
            f"One plugin build under cProfile ({total:.1f} s with the profiler's overhead, "
            "so read shares, not seconds): Serve First's functions, MkDocs' build steps, "
            "the Markdown renderer and nh3 with at least 2% of the total, by cumulative time.",
            "",
        ]
        lines += table(
            ["function", "calls", "own s", "cumulative s", "share"],
            [
                [
                    f"`{r.name}`",
                    r.calls,
                    f"{r.own:.2f}",
                    f"{r.cumulative:.2f}",
                    f"{100 * r.cumulative / total:.0f}%",
                ]
                for r in rows_p
            ],
        )
    lines += [
        "",
        "## `servefirst check`",
        "",
        "Wall time of `python -m generator check` (the `servefirst check` command: load, "
        "validate, cross-check, render and lint every file), median of the runs; per file = "
        "total / YAML files, so it includes the start-up; marginal = extra time per extra "
        "file from the previous size.",
        "",
    ]
    rows = []
    for i, r in enumerate(results):
        total = r.med(r.check, "wall")
        marginal = "-"
        if i:
            prev = results[i - 1]
            extra = total - prev.med(prev.check, "wall")
            marginal = f"{1000 * extra / (r.yaml_files - prev.yaml_files):.1f}"
        rows.append(
            [
                f"{r.lessons:,}",
                f"{r.yaml_files:,}",
                fmt_s(total),
                f"{1000 * total / r.yaml_files:.1f}",
                marginal,
                f"{r.med(r.check, 'maxrss_mib'):.0f}",
                fmt_s(r.export.wall),
                r.check_summary,
            ]
        )
    lines += table(
        [
            "lessons",
            "YAML files",
            "check s",
            "ms/file",
            "marginal ms/file",
            "peak MiB",
            "export s",
            "check output",
        ],
        rows,
    )
    lines += [
        "",
        "## Bytes Serve First adds",
        "",
        "Every file the plugin ships from `generator/browser/` (quiz, "
        "progress, storage, print and accessibility styles), minified by the plugin with "
        "rjsmin and rcssmin, gzip level 9. The plugin links them on every page as one "
        "stylesheet and one script module, which imports the rest: separate files, fetched "
        "once and cached, nothing inlined into pages.",
        "",
    ]
    source_raw = 0
    rows = []
    for a in assets:
        source = (BROWSER / Path(a.path).name).stat().st_size
        source_raw += source
        rows.append([f"`{a.path}`", f"{source:,}", f"{a.raw:,}", f"{a.gzip:,}"])
    rows.append(["**total**", f"**{source_raw:,}**", f"**{assets_raw:,}**", f"**{assets_gz:,}**"])
    lines += table(["file", "source bytes", "shipped bytes", "shipped gzip bytes"], rows)
    lines += [
        "",
        f"Target: at most 10 KB gzip in all: {assets_gz:,} B, {verdict(assets_gz <= TARGET_GZIP)}."
        " For comparison, mkdocs-quiz 1.7.1 inlines 14 KB gzip of quiz code into every page.",
        "",
        "### Transfer of one page",
        "",
        "What a browser downloads for the first lesson and its quiz in the plugin build, "
        "gzip level 9 (images as they are): the HTML, every same-origin stylesheet and "
        "script the page references (module imports of servefirst.js followed), and what "
        "Material's bundle fetches on every page load (seen in Chromium): the sitemap "
        "(`navigation.instant`), the search index and worker, and the favicon, which grow "
        "or stay with the course, not with Serve First. On later pages of a visit only the "
        "HTML is new: everything else is cached.",
        "",
    ]
    rows = []
    for r in results:
        for page in (r.lesson_page, r.quiz_page):
            material, ours = page.total(False), page.total(True)
            loads = sum(a.gzip for a in r.material_load)
            rows.append(
                [
                    f"{r.lessons:,}",
                    page.name,
                    f"{page.html_raw:,}",
                    f"{page.html_gzip:,}",
                    f"{material:,}",
                    f"{ours:,}",
                    f"**{page.html_gzip + material + ours:,}**",
                    f"{loads:,}",
                    f"{page.html_gzip + material + ours + loads:,}",
                ]
            )
    lines += table(
        [
            "lessons",
            "page",
            "HTML raw",
            "HTML gzip",
            "Material CSS+JS",
            "Serve First CSS+JS",
            "page total",
            "Material's load-time fetches",
            "first visit in all",
        ],
        rows,
    )
    sample = results[-1]
    extra = sample.quiz_page.html_gzip - sample.lesson_page.html_gzip
    lines += [
        "",
        f"At {sample.lessons:,} lessons a quiz page costs {extra:+,} B gzip more than a lesson "
        "page (its HTML only: both load the same files). The files, at that size:",
        "",
    ]
    rows = [
        [f"`{a.path}`", "Serve First" if a.ours else "Material", f"{a.raw:,}", f"{a.gzip:,}"]
        for a in sample.lesson_page.assets + sample.material_load
    ]
    lines += table(["file", "from", "raw bytes", "transfer bytes"], rows)
    foreign = sorted({u for r in results for p in (r.lesson_page, r.quiz_page) for u in p.foreign})
    lines += [
        "",
        "Third-party stylesheets or scripts: " + (", ".join(foreign) if foreign else "none") + ".",
        "",
        "## Course sizes",
        "",
    ]
    rows = [
        [
            f"{r.lessons:,}",
            str(r.stats.modules),
            f"{r.stats.scenarios:,}",
            f"{r.stats.words_per_lesson:.0f}",
            f"{r.stats.yaml_bytes / 1e6:.1f} MB",
            f"{r.site_files:,}",
            f"{r.site_bytes / 1e6:.1f} MB",
        ]
        for r in results
    ]
    lines += table(
        ["lessons", "modules", "scenarios", "words/lesson", "YAML", "site files", "site size"],
        rows,
    )
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- main


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[10, 100, 1000],
        help="numbers of lessons (each with a quiz)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="build pairs per size")
    parser.add_argument(
        "--repeat-large", type=int, default=2, help=f"build pairs at {LARGE:,} lessons or more"
    )
    parser.add_argument(
        "--layouts",
        nargs="*",
        default=[],
        choices=[k for k in LAYOUTS if k != "modules-prune"],
        help="extra navigation layouts to build at the largest size",
    )
    parser.add_argument(
        "--profile", action="store_true", help="also profile one plugin build at the largest size"
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", default=str(HERE / "RESULTS.md"), help="the report to write")
    parser.add_argument("--work", help="scratch folder (default: a temporary one, removed)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)
    if min(args.sizes) < 1 or args.repeat < 1 or args.repeat_large < 1:
        parser.error("sizes and repeats must be at least 1")
    # The command as recorded in the report, without the options that only say where files go.
    given, shown = list(sys.argv[1:] if argv is None else argv), []
    while given:
        word = given.pop(0)
        if word in ("--out", "--work"):
            given = given[1:]
        elif not word.startswith(("--out=", "--work=", "--keep")):
            shown.append(word)
    args.command_line = shlex.join(["python", "benchmarks/run.py", *shown])
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    import tempfile

    started = dt.datetime.now(dt.UTC)
    clock = time.perf_counter()
    load_start = " ".join(f"{x:.2f}" for x in os.getloadavg())
    temporary = args.work is None
    work = Path(args.work or tempfile.mkdtemp(prefix="servefirst-bench-")).resolve()
    work.mkdir(parents=True, exist_ok=True)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        results = []
        for size in sorted(set(args.sizes)):
            repeats = min(args.repeat, args.repeat_large) if size >= LARGE else args.repeat
            results.append(run_size(size, repeats, work, args.seed, log))
        layouts = [
            run_layout(layout, results[-1].lessons, work, args.seed, log) for layout in args.layouts
        ]
        profile = run_profile(results[-1].lessons, work, log) if args.profile else None
        load_end = " ".join(f"{x:.2f}" for x in os.getloadavg())
        text = report(
            results,
            layouts,
            args,
            started,
            time.perf_counter() - clock,
            (load_start, load_end),
            profile,
        )
    finally:
        if temporary and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    log(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

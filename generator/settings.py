"""Where a course lives and how to publish it: the one place both adapters read options.

Consumes `mkdocs.yml` (the plugin's options, `docs_dir`, `use_directory_urls`,
`theme.language`) or the options MkDocs already parsed, and produces `Settings` with
every folder resolved against the configuration file's folder, never the working
directory. The plugin passes what MkDocs parsed; the command line reads the file itself
with `read_config`, a safe YAML loader that understands the tags MkDocs sites use
(`!ENV`, `!relative`, Material's `!!python/name:`) and `INHERIT`, so `servefirst check`
starts without importing MkDocs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Settings:
    """Where the course lives and how to publish it (the plugin's options, resolved)."""

    content_dir: Path
    quizzes_dir: Path
    allow_html: bool = False
    use_directory_urls: bool = True
    include_drafts: bool = False
    field_reference: str | None = None
    project_dir: Path | None = None
    language: str = "en"
    trainer_dir: str | None = "trainers"  # left out of a published build; None: shown
    strings: Mapping[str, Any] = field(default_factory=dict)


def settings_from(
    plugin_config: dict[str, Any], config_dir: Path, docs_dir: Path, **extra: Any
) -> Settings:
    """Plugin options as `Settings`, with folders resolved against `mkdocs.yml`'s folder;
    `extra` (what the adapter knows: URL style, drafts, language) wins."""
    content = plugin_config.get("content_dir")
    published = bool(plugin_config.get("publish_trainer_pages", False))
    values: dict[str, Any] = {
        "content_dir": (config_dir / content) if content else docs_dir,
        "quizzes_dir": config_dir / plugin_config.get("quizzes_dir", "quizzes"),
        "allow_html": bool(plugin_config.get("allow_html", False)),
        "field_reference": plugin_config.get("field_reference"),
        "strings": dict(plugin_config.get("strings") or {}),
        "trainer_dir": None if published else plugin_config.get("trainer_dir", "trainers"),
        "project_dir": config_dir,
    }
    return Settings(**(values | extra))


class ConfigError(Exception):
    """`mkdocs.yml` cannot be read or is not a MkDocs configuration."""


class _ConfigLoader(yaml.SafeLoader):
    """YAML as MkDocs reads it, minus running code: tags become plain values."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node, deep=True)  # type: ignore[arg-type]
        names, default = [str(v) for v in values[:-1]], values[-1] if len(values) > 1 else None
        if len(values) == 1:
            names = [str(values[0])]
    for name in names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return default


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", _plain)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)


def _merged(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    out = dict(parent)
    for key, value in child.items():
        old = out.get(key)
        out[key] = (
            _merged(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
        )
    return out


def read_config(path: Path, depth: int = 0) -> dict[str, Any]:
    """`mkdocs.yml` as a dict, with `INHERIT` applied (raises `ConfigError`)."""
    try:
        config = yaml.load(path.read_bytes(), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"cannot read {path}: {error}") from None
    if not isinstance(config, dict):
        raise ConfigError(f"{path} is not a MkDocs configuration")
    parent = config.pop("INHERIT", None)
    if isinstance(parent, str):
        if depth > 8:
            raise ConfigError(f"{path}: INHERIT goes too deep")
        config = _merged(read_config(path.parent / parent, depth + 1), config)
    return dict(config)


def plugin_options(config: Mapping[str, Any]) -> dict[str, Any]:
    """The `servefirst` entry's options from a configuration's `plugins`."""
    plugins = config.get("plugins") or []
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else ((next(iter(p.items())) if isinstance(p, dict) else (p, {})) for p in plugins)
    )
    for name, options in entries:
        if name == "servefirst":
            return dict(options or {})
    return {}


def theme_language(config: Mapping[str, Any]) -> str:
    """`theme.language`, or English."""
    theme = config.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    return language if isinstance(language, str) else "en"

"""All or nothing: a build is written beside the site and swapped in only if it succeeded.

MkDocs empties `site_dir` right after `on_pre_build` and writes the new site into it, so
any failure after that point (a file MkDocs cannot read, a warning under `--strict`, a
plugin's error) would leave a broken or empty site where the last good one was. The
plugin therefore points MkDocs at a staging folder beside the site (same parent, so the
same file system and the swap is two renames), counts the warnings logged while it
builds, and at the end either swaps the staged build in or throws it away.

Hidden entries of the old site (`site/.git` of a deploy checkout) are moved into the new
one, as MkDocs' own cleaning keeps them.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path


def staging_for(site: Path) -> Path:
    """The folder a build of `site` is written to first."""
    return site.parent / f".{site.name}.servefirst-staging"


def prepare_staging(site: Path, staging: Path, dirty: bool) -> None:
    """Start from an empty staging folder (or a copy of the site, for `--dirty`)."""
    discard(staging)
    if dirty and site.is_dir():
        shutil.copytree(site, staging, symlinks=True)


def promote(staging: Path, site: Path) -> None:
    """Put the staged build where the site is; the old site is removed."""
    staging.mkdir(parents=True, exist_ok=True)
    if not site.is_dir():
        staging.rename(site)
        return
    for entry in site.iterdir():
        if entry.name.startswith(".") and not (staging / entry.name).exists():
            entry.rename(staging / entry.name)
    old = site.parent / f".{site.name}.servefirst-old"
    discard(old)
    site.rename(old)
    staging.rename(site)
    discard(old)


def discard(folder: Path) -> None:
    """Remove a staging (or replaced) folder, if it is there."""
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder)


class WarningCounter(logging.Handler):
    """Counts warnings and errors, as MkDocs counts them to fail a `--strict` build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class StagedBuild:
    """One build of `site` written to `staging` first; `logger` is watched for warnings."""

    def __init__(self, site: Path, logger: logging.Logger) -> None:
        self.site = site
        self.staging = staging_for(site)
        self.logger = logger
        self.warnings = WarningCounter()
        logger.addHandler(self.warnings)

    def prepare(self, dirty: bool) -> None:
        prepare_staging(self.site, self.staging, dirty)

    def finish(self, strict: bool) -> bool:
        """Swap the build in, unless `strict` and a warning was logged; True if swapped."""
        swapped = not (strict and self.warnings.count)
        if swapped:
            promote(self.staging, self.site)
        self.abandon()
        return swapped

    def abandon(self) -> None:
        """Throw the staged build away (if still there) and stop counting."""
        discard(self.staging)
        self.logger.removeHandler(self.warnings)

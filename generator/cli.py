"""The command-line adapter: `servefirst check | export | scorm | blind-read | blind-score |
schema | init | new`.

Folders and options come from the `servefirst` plugin entry in `mkdocs.yml` (read by
`generator.settings`, without importing MkDocs), resolved against that file's folder;
`--content` and `--quizzes` override them.

Exit codes: 0 all good; 1 the course has problems; 2 usage or configuration error;
3 a bug in Serve First (reported in one line, never a traceback for content problems).
"""

from __future__ import annotations

import argparse
import sys

from generator.authoring import cmd_init, cmd_new, cmd_schema
from generator.exporting import cmd_blind_read, cmd_blind_score, cmd_export, cmd_scorm
from generator.invocation import UsageError, load_settings
from generator.pipeline import run_pipeline


def cmd_check(args: argparse.Namespace) -> int:
    settings, _, _ = load_settings(args, include_drafts=True)
    site, problems = run_pipeline(settings)
    found = sorted(problems + site.warnings, key=lambda p: p.sort_key())
    for problem in found:
        print(problem.format(args.format))
    errors = sum(p.severity == "error" for p in found)
    warnings = len(found) - errors
    if args.format == "text":
        files = len(site.sources.yaml_files())
        print(
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
            f"in {files} file{'s' * (files != 1)}.",
            file=sys.stderr,
        )
    return 1 if errors or (args.strict and warnings) else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="servefirst", description="Check and export a Serve First course."
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml")
    common.add_argument("--content", help="the lessons folder (default: from mkdocs.yml)")
    common.add_argument("--quizzes", help="the quizzes folder (default: from mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser(
        "check", parents=[common], help="report every problem in the course"
    )
    check.add_argument("--format", choices=("text", "github"), default="text")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.set_defaults(run=cmd_check)

    export = commands.add_parser(
        "export", parents=[common], help="write the pages as a docs folder"
    )
    export.add_argument("--out", required=True, help="the folder to write (made by export only)")
    export.add_argument(
        "--mkdocs-config", help="also write a config that builds the folder with plain MkDocs"
    )
    export.add_argument(
        "--format",
        choices=("markdown", "gift"),
        default="markdown",
        help="markdown: the pages as a docs folder; gift: the quizzes as a Moodle question "
        "bank (--out is then the .gift file)",
    )
    export.set_defaults(run=cmd_export)

    scorm = commands.add_parser(
        "scorm", help="write the course as a SCORM 1.2 package for a learning system (LMS)"
    )
    scorm.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml")
    scorm.add_argument("--out", required=True, help="the .zip file to write")
    scorm.add_argument(
        "--assessment",
        metavar="QUIZ_ID",
        help="the quiz whose result the LMS records as passed or failed, and the score "
        "(default: the first quiz without a lesson); 'none': completed once every lesson is read",
    )
    scorm.set_defaults(run=cmd_scorm, content=None, quizzes=None)

    blind = commands.add_parser(
        "blind-read",
        parents=[common],
        help="write the quizzes as a sheet for a reader who has not taken the course, and its key",
    )
    blind.add_argument(
        "--out", required=True, help="the .md sheet to write (the key goes beside it)"
    )
    blind.add_argument(
        "--quiz",
        action="append",
        default=[],
        metavar="QUIZ_ID",
        help="only this quiz (repeat for more; default: every quiz)",
    )
    blind.set_defaults(run=cmd_blind_read)

    blind_score = commands.add_parser(
        "blind-score", help="score a blind reader's answers against the key, quiz by quiz"
    )
    blind_score.add_argument("answers", help="the reader's answers: one line per scenario, '7: B'")
    blind_score.add_argument("--key", required=True, help="the key written by blind-read")
    blind_score.set_defaults(run=cmd_blind_score)

    schema = commands.add_parser("schema", parents=[common], help="write the JSON Schemas")
    schema.add_argument("--out", help="the folder (default: schemas/ beside mkdocs.yml)")
    schema.set_defaults(run=cmd_schema)

    init = commands.add_parser("init", help="start a new course repository in a folder")
    init.add_argument("dir", help="the folder to create (it must be empty or new)")
    init.add_argument("--title", help="the course's title (default: from the folder name)")
    init.add_argument(
        "--force", action="store_true", help="add to a non-empty folder (never replaces a file)"
    )
    init.set_defaults(run=cmd_init)

    new = commands.add_parser("new", parents=[common], help="start a lesson or quiz file")
    new.add_argument("kind", choices=("lesson", "quiz"))
    new.add_argument("id", help="the new id (a slug such as 'late-report')")
    new.add_argument("--path", help="the file to write (default: by kind and id)")
    new.add_argument("--no-quiz", action="store_true", help="a lesson without starting its quiz")
    new.set_defaults(run=cmd_new)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        result: int = args.run(args)
        return result
    except UsageError as error:
        print(f"servefirst: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        print(
            f"servefirst: internal error: {type(error).__name__}: {error} "
            "(this is a bug in Serve First; please report it)",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())

"""The `studyapp` command: with no subcommand it opens the app; subcommands work without Qt.

Each subcommand lives in its own module under studyapp.commands, imported only when it runs, so
that `studyapp validate` never pays for Qt and `studyapp --help` stays instant. A module offers
`add_arguments(parser)` and `run(args) -> int`.
"""

from __future__ import annotations

import argparse
import difflib
import errno
import importlib
import importlib.util
import keyword
import os
import sys
from collections.abc import Sequence

from studyapp import __version__
from studyapp.display import EXIT_NO_DISPLAY, missing_display

# name -> one line of help. The module studyapp.commands.<name> (with "-" as "_") owns the rest.
COMMANDS: dict[str, str] = {
    "validate": "check bank files and report every problem as file:line:col",
    "schema": "print the JSON Schema of the bank format",
    "progress": "show or export a learner's progress",
    "sync": "keep this device in step with others through a synced folder",
    "xapi": "share answers with a learning record store (xAPI)",
    "export": "export a bank to GIFT, Moodle XML, Aiken, Anki or CSV",
    "import": "turn a GIFT or Moodle XML file into a bank",
    "draft": "draft a bank from a news article",
    "new": "write a commented template for a new bank",
    "preview": "open one bank (or one question) without recording progress",
    "grade": "grade expected student answers against a bank's answer key",
}

EXIT_USAGE = 2


def _module_name(command: str) -> str:
    name = command.replace("-", "_")
    # `import` is a Python keyword and cannot name a module; it lives in `import_`.
    return "studyapp.commands." + (name + "_" if keyword.iskeyword(name) else name)


def available_commands() -> dict[str, str]:
    return {
        name: text
        for name, text in COMMANDS.items()
        if importlib.util.find_spec(_module_name(name)) is not None
    }


DATA_DIR_HELP = (
    "folder for progress data (default: $STUDYAPP_DATA_DIR or the user data folder); "
    "theme, window and profile settings stay in the config folder "
    "($STUDYAPP_CONFIG_DIR moves it)"
)

# The options every command understands, with how many values each takes. They may come before
# the command's name (`studyapp --data-dir D preview X`) as well as after it.
GLOBAL_OPTIONS: dict[str, int] = {"--data-dir": 1, "--profile": 1, "--verbose": 0}


def add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", metavar="DIR", help=DATA_DIR_HELP)
    parser.add_argument("--profile", metavar="NAME", help="learner profile to use")
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="log debug details, and echo the log to stderr",
    )


def _gui_parser(commands: dict[str, str]) -> argparse.ArgumentParser:
    epilog = (
        "commands (run `studyapp COMMAND --help` for details):\n"
        + "\n".join(f"  {name:<10} {text}" for name, text in commands.items())
        + "\n\n--data-dir, --profile and --verbose may come before or after COMMAND."
    )
    parser = argparse.ArgumentParser(
        prog="studyapp",
        description="Study question banks built from news articles. "
        "With no command, opens the app on the bundled banks and any PATHs given.",
        usage="studyapp [options] [PATH ...]\n       studyapp COMMAND [options] ...",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"studyapp {__version__}")
    add_common_options(parser)
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add StudyApp to your desktop's application menu (icon and file types included)",
    )
    desktop.add_argument(
        "--uninstall-desktop-entry",
        action="store_true",
        help="remove what --install-desktop-entry added",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="extra bank files or folders")
    return parser


def no_display() -> str | None:
    """Why no window can open here (one line for stderr), or None."""
    return missing_display(os.environ, sys.platform)


def _start_logging(args: argparse.Namespace) -> None:
    # logging's set-up is for the window only: commands start without it
    from studyapp import logs, paths

    folders = paths.resolve(getattr(args, "data_dir", None))
    logs.configure(folders.logs, verbose=bool(getattr(args, "verbose", False)))


# What writing to a full disk, a closed pipe or a broken device raises, with no file named:
# the standard output is the only file the commands write without naming it in the error.
_OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EFBIG, errno.EDQUOT})


def _output_failed(exc: OSError) -> bool:
    return exc.filename is None and exc.errno in _OUTPUT_ERRORS


def _output_lost(name: str, exc: OSError) -> int:
    """Say on stderr that the output was cut short, and keep the interpreter's own flush at
    exit from failing again with a traceback of its own."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    if exc.errno != errno.EPIPE:  # a reader that stopped reading wants no message
        print(f"studyapp {name}: the output could not be written: {exc.strerror}", file=sys.stderr)
    return 1


def find_command(args_list: Sequence[str], commands: Sequence[str]) -> int | None:
    """Where the command's name sits, when only global options come before it; else None."""
    at = 0
    while at < len(args_list):
        word = args_list[at]
        if word in commands:
            return at
        option = word.split("=", 1)[0]
        if option not in GLOBAL_OPTIONS:
            return None
        at += 1 if "=" in word else 1 + GLOBAL_OPTIONS[option]
    return None


def _unknown_command(words: Sequence[str], commands: Sequence[str]) -> str | None:
    """A first PATH that is no file or folder and looks like a word, not a path, is a mistyped
    command: `studyapp valdate bank.yaml` said "no display" over ssh, or opened the app with a
    "not found" in its library, instead of naming the mistake."""
    if not words:
        return None
    word = words[0]
    if os.path.exists(word) or os.sep in word or "/" in word or "." in word:
        return None
    close = difflib.get_close_matches(word, commands, n=1, cutoff=0.6)
    hint = f"; did you mean `{close[0]}`?" if close else " (`studyapp --help` lists the commands)"
    return f"studyapp: error: `{word}` is neither a command nor a bank file or folder{hint}"


def _command_parser(name: str, text: str) -> argparse.ArgumentParser:
    module = importlib.import_module(_module_name(name))
    parser = argparse.ArgumentParser(prog=f"studyapp {name}", description=text)
    module.add_arguments(parser)
    if not _takes(parser, "--verbose"):  # logging is set up for every command alike
        parser.add_argument("--verbose", action="store_true", help="log debug details to stderr")
    return parser


def _takes(parser: argparse.ArgumentParser, option: str) -> bool:
    return any(option in action.option_strings for action in parser._actions)


def _run_command(args_list: list[str], at: int, commands: dict[str, str]) -> int:
    name = args_list[at]
    parser = _command_parser(name, commands[name])
    before = argparse.ArgumentParser(prog=f"studyapp … {name}", add_help=False)
    add_common_options(before)
    leading = before.parse_args(args_list[:at])
    for option in GLOBAL_OPTIONS:
        dest = option[2:].replace("-", "_")
        value = getattr(leading, dest)
        if value in (None, False):
            continue
        if not _takes(parser, option):
            parser.error(f"{option} does not apply to `studyapp {name}`")
        parser.set_defaults(**{dest: value})  # what follows the command's name still wins
    args = parser.parse_args(args_list[at + 1 :])
    _start_logging(args)
    try:
        code: int = importlib.import_module(_module_name(name)).run(args)
        sys.stdout.flush()
    except OSError as exc:
        if not _output_failed(exc):
            raise
        return _output_lost(name, exc)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    commands = available_commands()
    at = find_command(args_list, list(commands))
    if at is not None:
        return _run_command(args_list, at, commands)
    args = _gui_parser(commands).parse_args(args_list)
    if args.install_desktop_entry or args.uninstall_desktop_entry:
        # only for --install-desktop-entry: every start would pay for it
        from studyapp import desktop

        return desktop.run("install" if args.install_desktop_entry else "uninstall")
    if (mistyped := _unknown_command(args.paths, list(commands))) is not None:
        print(mistyped, file=sys.stderr)
        return EXIT_USAGE
    _start_logging(args)
    if (problem := no_display()) is not None:
        print(problem, file=sys.stderr)
        return EXIT_NO_DISPLAY
    from studyapp.ui.app import run_app  # Qt is imported only on this path

    exit_code: int = run_app(args)
    return exit_code

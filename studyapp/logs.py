"""The app's log: a rotating file in the user log folder, echoed to stderr with --verbose.

A log that cannot be written must never stop the app: when the folder cannot be made, records go
to stderr instead, after one warning. Everything logs through the "studyapp" logger (modules use
`logging.getLogger(__name__)`), so other libraries' chatter stays out of the file.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import threading
import types
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from studyapp import __version__

LOGGER = "studyapp"
LOG_FILE = "studyapp.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"
# Marks the handlers configure() adds, so that calling it again replaces them.
_OURS = "_studyapp_handler"


@dataclass(frozen=True, slots=True)
class LogSetup:
    file: Path | None  # None when the log folder could not be used
    level: int


def _remove_our_handlers(logger: logging.Logger) -> None:
    for handler in list(logger.handlers):
        if getattr(handler, _OURS, False):
            logger.removeHandler(handler)
            handler.close()


def _mark(handler: logging.Handler) -> logging.Handler:
    setattr(handler, _OURS, True)
    handler.setFormatter(logging.Formatter(_FORMAT))
    return handler


def configure(log_dir: Path, verbose: bool = False, stream: TextIO | None = None) -> LogSetup:
    """Send the "studyapp" logger to `log_dir`/studyapp.log (1 MB, 3 old files kept).

    With `verbose`, debug records are kept and also echoed to `stream` (stderr by default).
    Calling it again replaces what an earlier call set up.
    """
    err = sys.stderr if stream is None else stream
    logger = logging.getLogger(LOGGER)
    _remove_our_handlers(logger)
    level = logging.DEBUG if verbose else logging.INFO
    logger.setLevel(level)

    file: Path | None = log_dir / LOG_FILE
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_dir / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
        logger.addHandler(_mark(handler))
    except OSError as exc:
        file = None
        reason = exc.strerror or str(exc)
        print(
            f"studyapp: warning: cannot write the log in {log_dir} ({reason}); "
            "logging to stderr instead",
            file=err,
        )
    if verbose or file is None:
        echo = logging.StreamHandler(err)
        echo.setLevel(level if verbose else logging.WARNING)
        logger.addHandler(_mark(echo))
    logger.info("studyapp %s started", __version__)
    if logger.isEnabledFor(logging.DEBUG):  # platform.platform() reads files: only if kept
        logger.debug(
            "Python %s on %s; arguments %s; log file %s",
            platform.python_version(),
            platform.platform(),
            sys.argv[1:],
            file,
        )
    return LogSetup(file=file, level=level)


def shutdown() -> None:
    """Close what configure() opened (tests and embedders; the interpreter does it at exit)."""
    _remove_our_handlers(logging.getLogger(LOGGER))


def install_excepthook() -> Callable[[], None]:
    """Log every uncaught exception (main thread, other threads, Qt slots) before the usual report.

    PySide reports an exception raised in a slot through sys.excepthook, so the GUI calls this
    once at start-up. Returns a function that puts the previous hooks back.
    """
    logger = logging.getLogger(LOGGER)
    previous = sys.excepthook
    previous_thread = threading.excepthook

    def hook(
        kind: type[BaseException],
        value: BaseException,
        tb: types.TracebackType | None,
    ) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            logger.critical("uncaught exception", exc_info=(kind, value, tb))
        previous(kind, value, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            name = args.thread.name if args.thread is not None else "?"
            logger.critical(
                "uncaught exception in thread %s",
                name,
                exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
            )
        previous_thread(args)

    sys.excepthook = hook
    threading.excepthook = thread_hook

    def restore() -> None:
        sys.excepthook = previous
        threading.excepthook = previous_thread

    return restore

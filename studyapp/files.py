"""Writing a file whole or not at all: banks, exports and desktop entries all go through here."""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path


class OutputRefused(OSError):
    """The named output is something this program will not write over (a folder, a disk)."""


def write_atomically(
    path: Path, data: bytes, *, make_folder: bool = True, mode: int | None = None
) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename it into
    place: a crash or a full disk leaves the old file (or none), never a truncated one.

    `make_folder` creates missing parent folders (else a missing one is an error, as for an
    export named into a folder that is not there). The new file gets `mode` when given, else
    the mode of the file it replaces, else what the user's umask makes of 0666, as an editor
    would do.
    """
    folder = path.parent
    if make_folder:
        folder.mkdir(parents=True, exist_ok=True)
    if mode is None:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except OSError:
            mode = None
    # Created with 0666 so that the kernel applies the umask (mkstemp's 0600 would not).
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        tmp = folder / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, flags, 0o666)
            break
        except FileExistsError:
            continue
    else:
        raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_output(path: Path, data: bytes, *, make_folder: bool = False) -> None:
    """Write an export or import result to what `path` names.

    A regular file (or none) is written atomically. A symbolic link is followed, so the file it
    points to is replaced and the link stays. A character device or a FIFO (/dev/stdout, a
    pipe) is written to as it is, never replaced by a regular file; a FIFO nobody reads from
    is an error rather than a hang. Anything else (a folder, a disk, a socket) is refused.
    """
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        info = os.stat(target)
    except FileNotFoundError:
        write_atomically(target, data, make_folder=make_folder)
        return
    if stat.S_ISREG(info.st_mode):
        write_atomically(target, data, make_folder=make_folder)
    elif stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
        _write_in_place(target, data)
    else:
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise OutputRefused(errno.EINVAL, f"{kind}; not written over", str(path))


def _write_in_place(target: Path, data: bytes) -> None:
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OSError(exc.errno, "a pipe that nothing reads from", str(target)) from None
        raise
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (through links and different spellings)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)

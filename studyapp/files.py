"""Writing a file whole or not at all: banks, exports and desktop entries all go through here."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(
    path: Path, data: bytes, *, make_folder: bool = True, mode: int | None = None
) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename it into
    place: a crash or a full disk leaves the old file (or none), never a truncated one.

    `make_folder` creates missing parent folders (else a missing one is an error, as for an
    export named into a folder that is not there); `mode` sets the permissions, where the
    temporary file's private 0600 would not do.
    """
    folder = path.parent
    if make_folder:
        folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

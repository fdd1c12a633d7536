"""A worker process that lists bank files for a background ListingJob.

Started as `python -m studyapp.bank.worker CACHE_DIR` by the job (not through multiprocessing,
which would run the parent's main script again in the child: the app's, a test runner's or a
benchmark's). It reads (place, path) pairs from stdin and answers each with (place, Listed),
both pickled: the two ends are the same program, started by the parent itself.
"""

from __future__ import annotations

import os
import pickle
import sys

from studyapp.bank.catalogue import list_file


def main(argv: list[str]) -> int:
    if hasattr(os, "nice"):
        # Below the window's priority: on a busy machine the workers take the cores only when
        # the window does not need them, so that it still answers a key at once.
        os.nice(10)
    cache = argv[0] if argv and argv[0] else None
    given, answer = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            place, path = pickle.load(given)  # noqa: S301 (written by the parent job)
        except EOFError:
            return 0
        pickle.dump((place, list_file(path, cache)), answer, pickle.HIGHEST_PROTOCOL)
        answer.flush()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""`studyapp sync`: join a synced folder, sync once, show the devices, or stop syncing."""

from __future__ import annotations

import argparse
import random
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path

from studyapp import paths
from studyapp.cli import add_common_options
from studyapp.printable import shown
from studyapp.progress import Store, StoreError
from studyapp.progress.sync import new_device_id
from studyapp.wording import counted


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_common_options(parser)
    what = parser.add_mutually_exclusive_group()
    what.add_argument(
        "--folder",
        metavar="DIR",
        help="keep this device in step through DIR, a folder a sync engine already syncs",
    )
    what.add_argument("--off", action="store_true", help="stop syncing on this device")
    parser.add_argument(
        "--name", metavar="NAME", help="with --folder: how other devices name this one"
    )


def _report(store: Store) -> None:
    me = store.sync_identity
    assert me is not None
    print(f"This device: {shown(me.name)} ({me.device}), folder {me.folder}")
    for peer in store.sync_peers():
        wrote = (
            f"last wrote {peer.last_stamp:%Y-%m-%d %H:%M} UTC"
            if peer.last_stamp
            else "no record yet"
        )
        name = shown(peer.name or peer.file)
        print(f"  {name}: {counted(peer.answers, 'answer')}, {wrote}")
        if peer.problem:
            print(f"    cannot read all of {peer.file}: {shown(peer.problem)}")


def run(args: argparse.Namespace) -> int:
    db_path = paths.resolve(args.data_dir).progress_db
    try:
        store = Store.open(db_path, lambda: datetime.now(UTC))
    except StoreError as error:
        print(f"studyapp sync: {error}", file=sys.stderr)
        return 1
    with store:
        if store.notice:
            print(store.notice, file=sys.stderr)
        if args.off:
            if store.sync_identity is not None:
                store.leave_sync()
            print("Sync is off on this device; its answers stay in its progress file.")
            return 0
        if args.folder:
            folder = Path(args.folder).expanduser().resolve()
            if not folder.is_dir():
                print(f"studyapp sync: {folder}: not a folder", file=sys.stderr)
                return 1
            me = store.sync_identity
            # The device id is drawn once, from the system's randomness, and kept for good.
            device = me.device if me else new_device_id(random.SystemRandom())
            store.join_sync(folder, device, args.name or (me.name if me else socket.gethostname()))
        me = store.sync_identity
        if me is None or me.folder is None:
            print("Sync is off. Start it with: studyapp sync --folder DIR", file=sys.stderr)
            return 1
        merged = store.sync()
        print(
            f"Synced: {counted(merged.answers, 'answer')}, {counted(merged.undos, 'undo')} and "
            f"{counted(merged.settings, 'setting')} came in."
        )
        _report(store)
        for problem in merged.problems:
            print(f"warning: {problem}", file=sys.stderr)
    return 0

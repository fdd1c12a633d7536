"""`studyapp xapi`: share answers with a learning record store (xAPI): set it up, test the
connection, send what waits, show what is shared, or stop sharing."""

from __future__ import annotations

import argparse
import os
import random
import sys
from datetime import UTC, datetime

from studyapp import paths
from studyapp.cli import add_common_options
from studyapp.lrs import secret as secrets
from studyapp.lrs.client import Lrs, LrsError, statements_url
from studyapp.lrs.deliver import deliver
from studyapp.progress import Store, StoreError
from studyapp.progress.sync import new_device_id
from studyapp.wording import counted

SHARED = (
    "Each answer is sent as one xAPI statement: your profile name (as the learner's account),\n"
    "the bank and question ids, your response, right or not, the score, the time you took, the\n"
    "mode, and this app's version. Nothing else leaves this device."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_common_options(parser)
    parser.add_argument(
        "--endpoint", metavar="URL", help="the LRS's xAPI address; turns sharing on"
    )
    parser.add_argument("--username", metavar="KEY", help="with --endpoint: the LRS user or key")
    parser.add_argument(
        "--home-page",
        metavar="URL",
        help="with --endpoint: the site that knows learners by profile name (default: the LRS)",
    )
    parser.add_argument(
        "--secret-stdin",
        action="store_true",
        help="read the LRS secret from standard input and keep it in the system keyring",
    )
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--test", action="store_true", help="check the address and credentials")
    what.add_argument("--send", action="store_true", help="send every statement waiting")
    what.add_argument("--show", action="store_true", help="print the statements waiting")
    what.add_argument("--off", action="store_true", help="stop sharing (nothing more is queued)")
    what.add_argument("--on", action="store_true", help="share again")


def _status(store: Store) -> None:
    share = store.sharing
    assert share is not None
    box = store.xapi_outbox()
    state = "on" if share.enabled else "off"
    print(f"Sharing is {state}: {share.endpoint} as {share.username}")
    last = f", last at {box.last_sent:%Y-%m-%d %H:%M} UTC" if box.last_sent else ""
    print(f"{counted(box.waiting, 'statement')} waiting, {box.sent} sent{last}")
    if box.last_error:
        print(f"The last try failed: {box.last_error}")
    print(SHARED)


def run(args: argparse.Namespace) -> int:
    def fail(message: str) -> int:
        print(f"studyapp xapi: {message}", file=sys.stderr)
        return 1

    db_path = paths.resolve(args.data_dir).progress_db
    try:
        store = Store.open(db_path, lambda: datetime.now(UTC))
    except StoreError as error:
        return fail(str(error))
    with store:
        keyring = secrets.system_keyring()
        if args.endpoint:
            try:
                statements_url(args.endpoint)
            except LrsError as error:
                return fail(str(error))
            if not args.username:
                return fail("--endpoint needs --username")
            home = args.home_page or args.endpoint.split("/xAPI")[0].rstrip("/")
            store.share_with(
                args.endpoint, args.username, home, new_device_id(random.SystemRandom())
            )
        share = store.sharing
        if share is None:
            return fail("no LRS set up yet: studyapp xapi --endpoint URL --username KEY")
        if args.secret_stdin:
            given = sys.stdin.readline().rstrip("\n")
            if not secrets.save(share.endpoint, share.username, given, keyring):
                print(
                    f"There is no system keyring here: the secret was not kept. Give it in "
                    f"{secrets.ENV} when sending.",
                    file=sys.stderr,
                )
        if args.off or args.on:
            store.set_sharing(bool(args.on))
        if args.show:
            for _seq, body in store.xapi_pending(1000):
                print(body)
            return 0
        if args.test or args.send:
            found = secrets.load(share.endpoint, share.username, os.environ, keyring)
            if found is None:
                return fail(f"no secret for {share.username}: use --secret-stdin or {secrets.ENV}")
            lrs = Lrs(share.endpoint, share.username, found)
            if args.test:
                try:
                    print(lrs.check())
                except LrsError as error:
                    return fail(str(error))
                return 0
            done = deliver(store, lrs)
            print(f"Sent {counted(done.sent, 'statement')}; {done.waiting} waiting.")
            if done.error:
                return fail(done.error)
            return 0
        _status(store)
    return 0

"""One device answering, as a process the sync reliability test can kill at any moment.

    python sync_device.py DATA_DIR FOLDER DEVICE_ID COUNT SEED

Opens (and if need be joins) the store, then COUNT times: answers a random question, runs a
sync pass (read the others, write its own file), and prints `answered <id>` once both are
done. A kill can land anywhere: inside the answer's transaction, between the commit and the
file write, in the middle of appending a line.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime
from pathlib import Path

from studyapp.progress import Store
from studyapp.scheduler import Rating, review


def main() -> None:
    data, folder, device, count, seed = sys.argv[1:6]
    rng = random.Random(int(seed))
    with Store.open(Path(data) / "progress.sqlite3", lambda: datetime.now(UTC)) as store:
        if store.sync_identity is None:
            store.join_sync(Path(folder), device, device)
        store.sync()
        for _ in range(int(count)):
            question = f"q{rng.randrange(40)}"
            rating = rng.choice((1, 3, 3, 4))
            card = store.card("ana", "news", question)
            now = datetime.now(UTC)
            rid = store.record(
                profile="ana",
                bank="news",
                question=question,
                content_hash="h",
                response={"picked": rating},
                verdict="right" if rating > 1 else "wrong",
                score=1.0 if rating > 1 else 0.0,
                duration_ms=900,
                mode="review",
                rating=rating,
                state=review(card.state if card else None, Rating(rating), now),
                at=now,
            )
            gid = store.answer_gid(rid)
            print(f"committed {gid}", flush=True)
            store.sync()
            print(f"answered {gid}", flush=True)


if __name__ == "__main__":
    main()

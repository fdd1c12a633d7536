"""Run the shared scheduler simulation against this checkout's studyapp.

Run: python tests/benchmarks/scheduler_sim_app.py [the simulation's own options]

The simulation (../shared/bench/scheduler-sim/scheduler_sim.py, shared between projects and
not ours to edit) imports two paths that the package layout no longer has: `studyapp.session`
(now `studyapp.study.session`) and `exam_plan` from `studyapp.progress` (now in
`studyapp.study.plan`). This wrapper points those old names at the modules that hold the same
code today and then runs the simulation unchanged, every option passed on. Nothing of the
app is imitated: the simulation still drives the real Store, Session, review() and plan.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIM = ROOT.parent / "shared" / "bench" / "scheduler-sim"
# Import this checkout's studyapp, not an installed copy.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def map_old_paths() -> None:
    """Make the simulation's imports find today's modules under their old names."""
    import studyapp
    import studyapp.progress
    from studyapp.study import config, plan, session

    old = types.ModuleType("studyapp.session", "The study session, by its old path.")
    old.Session = session.Session  # type: ignore[attr-defined]
    old.SessionConfig = config.SessionConfig  # type: ignore[attr-defined]
    sys.modules["studyapp.session"] = old
    studyapp.session = old  # type: ignore[attr-defined]
    studyapp.progress.exam_plan = plan.exam_plan  # type: ignore[attr-defined]


def main(argv: list[str]) -> int:
    if not (SIM / "scheduler_sim.py").is_file():
        print(f"the shared simulation is not at {SIM}", file=sys.stderr)
        return 2
    map_old_paths()
    sys.path.insert(0, str(SIM))
    # Imported by its own name, so that the worker processes it forks find its functions.
    import scheduler_sim

    sys.argv = [str(SIM / "scheduler_sim.py"), *argv]
    scheduler_sim.main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

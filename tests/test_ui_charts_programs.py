"""The reliability chart of a long game shows the programs whose estimates moved last, not the first ones
ever developed: on a real late save (1970s), the charted set holds a program first developed after 1965."""

from __future__ import annotations

from pathlib import Path

from game.session.saves import open_save
from game.ui.scenes.charts import recently_changed

LATE = Path(__file__).parent / "data" / "saves" / "0.3.0" / "single-historical-late.save"


def first_turn(hist, p: int) -> int:
    return next(i for i, h in enumerate(hist) if p in h.estimates)


def last_change(hist, p: int) -> int:
    """The index in `hist` of the last snapshot where program p's estimate differs from the one before."""
    values = [h.estimates[p][0] for h in hist if p in h.estimates]
    return max(i for i in range(len(values)) if i == 0 or values[i] != values[i - 1]) + first_turn(hist, p)


def test_a_long_game_charts_the_programs_it_uses_now():
    session = open_save(LATE).session
    cal = session.scenario.calendar
    for side in (0, 1):
        hist = session.history[side]
        developed = {p for h in hist for p in h.estimates}
        chosen = recently_changed(hist, 8)
        assert len(developed) > 8 and len(chosen) == 8 and set(chosen) <= developed
        assert chosen != sorted(developed)[:8]
        assert any(cal.turn_month(hist[first_turn(hist, p)].turn) / 12 > 1965 for p in chosen)
        # each charted program's estimate moved no earlier than any left out
        changed = {p: last_change(hist, p) for p in developed}
        assert min(changed[p] for p in chosen) >= max(changed[p] for p in developed - set(chosen))


def test_a_short_history_charts_every_program():
    session = open_save(LATE).session
    hist = session.history[0][:3]
    assert recently_changed(hist, 8) == sorted({p for h in hist for p in h.estimates})

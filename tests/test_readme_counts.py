"""README.md's counts of the shipped scenarios' entries are the real ones: each "`id` (... N programs, N milestones,
...)" it writes is counted again from the scenario as the game loads it."""

from __future__ import annotations

import re
from pathlib import Path

import game.scenario as scenario

README = Path(__file__).resolve().parents[1] / "README.md"
KINDS = ("programs", "milestones", "missions", "events", "records", "operations")


def _claims() -> dict[str, dict[str, int]]:
    """Scenario id -> {kind: count} for every "`id` (... 45 programs, 30 milestones ...)" of the README (its line
    breaks joined)."""
    text = " ".join(README.read_text(encoding="utf-8").split())
    out: dict[str, dict[str, int]] = {}
    for m in re.finditer(r"`([a-z_]+)` \(([^()]*)\)", text):
        found = {kind: int(n) for n, kind in re.findall(r"(\d+) (" + "|".join(KINDS) + r")\b", m.group(2))}
        if found:
            out[m.group(1)] = found
    return out


def test_readme_counts_match_the_shipped_scenarios():
    claims = _claims()
    assert {"historical", "cold_war"} <= set(claims), f"README.md names no counts for {claims.keys()}"
    for sid, counts in claims.items():
        sc = scenario.load(sid)
        real = {kind: len(getattr(sc, kind)) for kind in counts}
        assert real == counts, f"README.md says {sid} has {counts}; it has {real}: update README.md"

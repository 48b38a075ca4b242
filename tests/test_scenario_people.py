"""The corps in the scenario format: people.toml's groups and people, a step's `skill` and the [crew]
numbers, as the validator checks them, as extensions layer them and as they compile into Rules."""

from __future__ import annotations

import tomllib

import numpy as np
import pytest

from game.rules.tables import SKILL_NAMES
from game.scenario import load, validate
from game.scenario.calendar import month_of
from game.scenario.schema import CREW
from game.session.scenario_diff import changes, scenario_digest
from tests.modding_kit import PEOPLE, extension, messages, write_scenario


def line_of(text: str, line: str) -> int:
    """1-based number of the first line of `text` that is exactly `line`."""
    return text.split("\n").index(line) + 1


@pytest.fixture
def mods(tmp_path, monkeypatch):
    """A folder of scenarios holding the tiny base with two people; the user's data folder stays in tmp_path."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    write_scenario(tmp_path / "mods" / "tiny", {"people.toml": PEOPLE})
    return tmp_path / "mods"


def test_people_compile_into_the_rules(mods):
    assert messages(validate(mods / "tiny")) == []
    r = load(mods / "tiny").rules
    assert r.group_ids == ("us_pilots", "su_pilots") and r.person_ids == ("ann", "boris")
    assert r.person_names == ("Ann", "Boris")
    assert r.group_side.tolist() == [0, 1] and r.person_side.tolist() == [0, 1] and r.person_group.tolist() == [0, 1]
    assert r.group_avail_turn.tolist() == [2, 0] and r.group_cost.tolist() == [2, 0]   # 1958-01: turn 2 of 1957-01
    assert r.person_skill0.dtype == np.float32 and r.person_skill0.shape == (2, 5)
    assert r.person_skill0[1, SKILL_NAMES.index("eva")] == np.float32(0.8)
    assert r.person_start_status.tolist() == [1, 4]
    assert r.person_retire_turn[0] == 6 and r.person_retire_turn[1] > r.n_turns
    assert r.step_skill.shape == (2, 1) and (r.step_skill == -1).all()
    assert r.crew_skill_bonus == CREW.fields["skill_bonus"].default and r.crew_rest_turns == 1


def test_a_scenario_without_people_has_empty_tables(tmp_path):
    r = load(write_scenario(tmp_path / "tiny")).rules
    assert r.person_ids == () and r.group_ids == () and r.person_skill0.shape == (0, 5)
    assert r.person_side.shape == (0,) and r.step_skill.shape == (2, 1)


def test_bad_people_are_reported_with_file_line_and_a_suggestion(mods):
    bad = PEOPLE.replace('group = "us_pilots"', 'group = "us_pilot"').replace("eva = 0.8", "eva = 1.5, luck = 1")
    bad = bad.replace("docking = 0.1, ", "") + '\n[[person]]\nid = "ann"\nname = "Ann again"\ngroup = "su_pilots"\n' \
        'skills = { piloting = 0.5, eva = 0.5, docking = 0.5, endurance = 0.5, command = 0.5 }\n'
    found = messages(validate(write_scenario(mods.parent / "bad" / "tiny", {"people.toml": bad})))
    group_line, first_line = line_of(bad, 'group = "us_pilot"'), line_of(bad, 'id = "ann"')
    dup_line = bad.split("\n").index('id = "ann"', first_line) + 1
    assert any(f"people.toml:{group_line}: error: person.ann.group: unknown group 'us_pilot' (did you mean "
               "'us_pilots'?)" in m for m in found), found
    assert any(f"people.toml:{dup_line}: error: person.ann: duplicate person id 'ann' (first defined at line "
               f"{first_line})" in m for m in found), found
    assert any("person.boris.skills.eva: 1.5 is out of range (0 to 1)" in m for m in found), found
    assert any("person.boris.skills.docking: missing required field" in m for m in found), found
    assert any("person.boris.skills.luck: unknown field 'luck'" in m for m in found), found
    assert [m for m in found if ": warning: " in m] == [m for m in found if "group.us_pilots.id: nobody belongs" in m]


def test_a_group_and_a_person_may_not_share_an_id(mods):
    clash = PEOPLE.replace('id = "ann"', 'id = "su_pilots"')
    found = messages(validate(write_scenario(mods.parent / "clash" / "tiny", {"people.toml": clash})))
    assert any("duplicate person id 'su_pilots' (as a group: the ids of [[group]], [[person]] must differ)" in m
               for m in found), found


def test_dead_content_is_warned_of(mods):
    lonely = PEOPLE + '\n[[group]]\nid = "late"\nname = "Late"\nside = "us"\navailable = "1965"\n'
    lonely = lonely.replace('retires = "1960-01"', 'retires = "1957-06"')
    missions = (mods / "tiny" / "missions.toml").read_text().replace('earns = ["satellite"] }',
                                                                       'earns = ["satellite"], skill = "eva" }', 1)
    folder = write_scenario(mods.parent / "dead" / "tiny", {"people.toml": lonely, "missions.toml": missions})
    found = messages(validate(folder), "warning")
    assert any("group.late.id: nobody belongs to this group" in m for m in found), found
    assert any("group.late.available: 1965 is after the scenario ends" in m for m in found), found
    assert any("person.ann.retires: 1957-06 is not after the group's date 1958-01" in m for m in found), found
    assert any("mission.us_satellite.steps[0].skill: does nothing: the mission carries no crew" in m
               for m in found), found
    assert len(found) == 4


def test_an_unknown_skill_on_a_step_suggests_the_right_one(mods):
    missions = (mods / "tiny" / "missions.toml").read_text().replace('earns = ["satellite"] }',
                                                                       'earns = ["satellite"], skill = "docing" }', 1)
    folder = write_scenario(mods.parent / "typo" / "tiny", {"people.toml": PEOPLE, "missions.toml": missions})
    found = messages(validate(folder))
    assert any("missions.toml:5: error: mission.us_satellite.steps[0].skill: must be one of" in m
               and "(did you mean 'docking'?)" in m for m in found), found


def test_a_crewed_mission_without_a_skilled_step_is_warned_of(mods):
    steps = ('[[patch]]\nid = "vostok_orbit"\nsteps = [\n  { name = "Launch", program = "r7_upper" },\n'
             '  { name = "Orbit", program = "vostok", earns = ["crewed_orbit", "crewed_flight"] },\n]\n')
    found = messages(validate(extension(mods / "plain", "historical", {"missions.toml": steps})), "warning")
    assert len(found) == 1 and "missions.toml:" in found[0] and "mission.vostok_orbit.crew: no step names a skill" \
        in found[0], found


def test_an_extension_adds_patches_replaces_and_removes_people(mods):
    child = extension(mods / "child", "tiny", {"people.toml": (
        'remove = ["boris"]\n\n[[patch]]\nid = "ann"\nskills = { eva = 0.7 }\n\n[[patch]]\nid = "us_pilots"\ncost = 5\n'
        '\n[[person]]\nid = "cleo"\nname = "Cleo"\ngroup = "su_pilots"\n'
        'skills = { piloting = 0.5, eva = 0.5, docking = 0.9, endurance = 0.5, command = 0.5 }\n')})
    assert messages(validate(child)) == []
    sc = load(child)
    assert [p["id"] for p in sc.persons] == ["ann", "cleo"] and sc.rules.person_side.tolist() == [0, 1]
    assert sc.persons[0]["skills"] == {"piloting": 0.9, "eva": 0.7, "docking": 0.3, "endurance": 0.4, "command": 0.5}
    assert sc.rules.group_cost.tolist() == [5, 0]
    typo = extension(mods / "typo", "tiny", {"people.toml": 'remove = ["bors"]\n\n[[patch]]\nid = "an"\nbio = "x"\n'})
    found = messages(validate(typo))
    assert any("people.toml:4: error: patch.an: no group or person 'an' to patch (did you mean 'ann'?)" in m
               for m in found), found
    assert any("people.toml:1: error: remove: no group or person 'bors' to remove (did you mean 'boris'?)" in m
               for m in found), found
    swap = extension(mods / "swap", "tiny", {"people.toml": '[[person]]\nid = "us_pilots"\nname = "X"\n'
                                                           'group = "su_pilots"\nskills = {}\n'})
    assert any("'us_pilots' is a group of the base scenario; a person cannot replace it" in m
               for m in messages(validate(swap))), messages(validate(swap))


def test_removing_a_group_its_people_use_is_reported_where_they_use_it(mods):
    child = extension(mods / "orphans", "tiny", {"people.toml": 'remove = ["su_pilots"]\n'})
    found = messages(validate(child))
    assert any("tiny/people.toml:" in m and "person.boris.group: unknown group 'su_pilots'" in m for m in found), found


def test_the_historical_corps():
    sc = load("historical")
    r = sc.rules
    joins = {g["id"]: month_of(g["available"]) for g in sc.groups}
    for side, name in ((0, "us"), (1, "ussr")):
        mine = [p for p, s in zip(sc.persons, r.person_side, strict=True) if s == side]
        assert len(mine) >= 30, name
        assert sum(joins[p["group"]] <= month_of("1963-12") for p in mine) >= 14, name
    assert {g["id"] for g in sc.groups} >= {"nasa_1", "nasa_2", "nasa_3", "nasa_4", "nasa_5", "vvs_1960",
                                             "women_1962", "vvs_1963"}
    assert len(set(r.person_names)) == len(r.person_names)
    # skills follow careers: the first spacewalker leads his side's EVA, the X-15 pilot the US piloting
    index = {ident: i for i, ident in enumerate(r.person_ids)}
    eva, piloting = SKILL_NAMES.index("eva"), SKILL_NAMES.index("piloting")
    soviet = r.person_side == 1
    assert r.person_skill0[index["leonov"], eva] == r.person_skill0[soviet, eva].max()
    assert r.person_skill0[index["armstrong"], piloting] == r.person_skill0[~soviet, piloting].max()
    # every crewed mission has a step its crew's skill helps; no uncrewed one has
    assert ((r.step_skill >= 0).any(axis=1) == (r.mis_crew > 0)).all()
    spacewalk = [s["name"] for s in sc.missions[r.mission_ids.index("voskhod_eva")]["steps"]].index("Spacewalk")
    assert r.step_skill[r.mission_ids.index("voskhod_eva"), spacewalk] == eva
    # the [crew] numbers the scenario writes are the ones compiled
    written = tomllib.loads((sc.folder / "scenario.toml").read_text(encoding="utf-8"))["crew"]
    assert set(written) == set(CREW.fields)
    assert all(getattr(r, f"crew_{k}") == v for k, v in written.items())


def test_a_save_digest_made_before_people_lists_them_in_one_line_each():
    now = scenario_digest(load("historical"))
    assert now["person"]["leonov"]["skills.eva"] == 0.9 and "bio" not in now["person"]["leonov"]
    before = {k: v for k, v in now.items() if k not in ("group", "person")}
    assert changes(before, now) == [f"group: {len(now['group'])} added", f"person: {len(now['person'])} added"]
    patched = {**now, "person": {**now["person"], "leonov": {**now["person"]["leonov"], "skills.eva": 0.5}}}
    assert changes(patched, now) == ["person leonov: skills.eva 0.5 -> 0.9"]


@pytest.mark.parametrize("ident", ["historical", "cold_war", "race_to_the_moon", "soviet_n1_works"])
def test_every_crewed_mission_finds_a_crew_twice_over_once_its_side_recruits(ident):
    """Each year from a crewed mission's opening (or its side's first group) to the end, the side has at
    least twice its crew in service by the groups' dates, `retires` and career_years (rest and training aside)."""
    sc = load(ident)
    career = sc.rules.crew_career_years * 12
    joins = {g["id"]: (month_of(g["available"]) if g["available"] else sc.calendar.start_month, g["side"])
             for g in sc.groups}
    for p in sc.persons:
        bio = p["bio"]
        assert bio and bio[0].isupper() and bio.endswith(".") and ". " not in bio, (ident, p["id"])
    for m in (m for m in sc.missions if m["crew"]):
        first = min(j for j, side in joins.values() if side == m["side"])
        opens = max(month_of(m["available"]) if m["available"] else 0, sc.calendar.start_month, first)
        for month in range(opens, sc.calendar.end_month + 1, 12):
            serving = [p["id"] for p in sc.persons if p["status"] == "active"
                       and joins[p["group"]][1] == m["side"] and joins[p["group"]][0] <= month < joins[p["group"]][0]
                       + career and (not p["retires"] or month_of(p["retires"]) > month)]
            assert len(serving) >= 2 * m["crew"], (ident, m["id"], month // 12, len(serving))

"""Scenario layering: a mod extends a base by id, adds, replaces, patches and removes entries,
and every diagnostic still points at the file and line that wrote the value."""

from __future__ import annotations

import pytest

from game.scenario import ScenarioError, load, validate
from tests.modding_kit import extension, messages, write_scenario

NEW_PROGRAM = """
[[program]]
id = "big_rocket"
name = "Big rocket"
side = "us"
kind = "launcher"
start_cost = 30
flight_cost = 5
research_cost = 10
reliability = 0.5
research_cap = 0.9
max_reliability = 0.95
"""


@pytest.fixture
def mods(tmp_path, monkeypatch):
    """A folder of scenarios holding the tiny base; the user's data folder is kept inside tmp_path."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    write_scenario(tmp_path / "mods" / "tiny")
    return tmp_path / "mods"


def test_an_extension_adds_replaces_patches_and_removes(mods):
    child = extension(mods / "child", "tiny", {
        "scenario.toml": "[side.us]\npads = 3\n",
        "programs.toml": ('remove = ["rocket_su"]\n' + NEW_PROGRAM
                          + '\n[[patch]]\nid = "rocket_us"\nreliability = 0.8\n'),
        "missions.toml": 'remove = ["su_satellite"]\n',
        "milestones.toml": '[[patch]]\nid = "satellite"\nprestige = { first = 20 }\n',
        "events.toml": '[[event]]\nid = "igy"\ntitle = "Replaced"\ntext = "New text."\nsource = "mod"\ndate = "1958"\n',
    })
    assert messages(validate(child)) == []
    sc = load(child)
    assert sc.chain == ("child", "tiny") and sc.version == "0.3" and sc.name == "child"
    assert [p["id"] for p in sc.programs] == ["rocket_us", "big_rocket"]
    assert sc.programs[0]["reliability"] == 0.8 and sc.programs[0]["start_cost"] == 10  # patched, rest kept
    assert sc.milestones[0]["prestige"] == {"first": 20, "second": 5, "repeat": 0, "failure": 0}  # merged key by key
    assert [e["title"] for e in sc.events] == ["Replaced"] and sc.events[0]["effects"]["research"] is None
    assert sc.meta["side"]["us"]["pads"] == 3 and sc.meta["side"]["us"]["start_cash"] == 50
    assert sc.content_hash != load(mods / "tiny").content_hash


def test_chains_of_extensions_work_and_cycles_are_reported(mods):
    extension(mods / "middle", "tiny", {"programs.toml": '[[patch]]\nid = "rocket_us"\nreliability = 0.7\n'})
    top = extension(mods / "top", "middle", {"programs.toml": '[[patch]]\nid = "rocket_us"\nflight_cost = 9\n'})
    sc = load(top)
    assert sc.chain == ("top", "middle", "tiny")
    assert (sc.programs[0]["reliability"], sc.programs[0]["flight_cost"]) == (0.7, 9)

    extension(mods / "a", "b")
    extension(mods / "b", "a")
    found = messages(validate(mods / "a"))
    assert any("extend each other in a cycle: a -> b -> a" in m for m in found), found


def test_an_unknown_base_gets_a_did_you_mean(mods):
    child = extension(mods / "child", "tinny")
    found = messages(validate(child))
    assert len(found) == 1, found
    assert found[0].endswith("child/scenario.toml:4: error: scenario.extends: no scenario 'tinny' to extend "
                             "(did you mean 'tiny'?)")


def test_diagnostics_point_at_the_file_that_wrote_the_value(mods):
    child = extension(mods / "child", "tiny", {
        "programs.toml": '[[patch]]\nid = "rocket_us"\nreliability = 3\n\n[[patch]]\nid = "rocket_ux"\nname = "x"\n',
        "missions.toml": 'remove = ["nothing_here"]\n',
    })
    # break the base where the child does not touch it: an unknown program in a base mission
    base_missions = mods / "tiny" / "missions.toml"
    base_missions.write_text(base_missions.read_text().replace('program = "rocket_su"', 'program = "rocket_sx"'))
    found = messages(validate(child))
    assert any("child/programs.toml:3: error: program.rocket_us.reliability: 3 is out of range" in m for m in found)
    assert any("child/programs.toml:6: error: patch.rocket_ux: no program 'rocket_ux' to patch (did you mean "
               "'rocket_us'?)" in m for m in found)
    assert any("child/missions.toml:1: error: remove: no mission 'nothing_here' to remove" in m for m in found)
    assert any("tiny/missions.toml:11: error: mission.su_satellite.steps[0].program: unknown program 'rocket_sx'"
               in m for m in found), found


def test_removing_what_others_use_is_reported_where_they_use_it(mods):
    child = extension(mods / "child", "tiny", {"programs.toml": 'remove = ["rocket_us"]\n'})
    found = messages(validate(child), "error")
    assert len(found) == 1 and "tiny/missions.toml:5:" in found[0] and "unknown program 'rocket_us'" in found[0]
    with pytest.raises(ScenarioError):
        load(child)


def test_patch_and_remove_need_a_base(mods):
    lonely = write_scenario(mods / "lonely", {"programs.toml": 'remove = ["rocket_us"]\n[[patch]]\nid = "x"\n'})
    found = messages(validate(lonely))
    assert any("remove deletes a base scenario's entries; this scenario extends nothing" in m for m in found)
    assert any("[[patch]] changes a base scenario's entry" in m for m in found)


def test_duplicate_ids_within_one_file_are_errors_but_a_child_may_reuse_an_id(mods):
    dup = write_scenario(mods / "dup", {"programs.toml": (mods / "tiny" / "programs.toml").read_text() * 2})
    found = messages(validate(dup))
    assert any("duplicate program id 'rocket_us' (first defined at line 2)" in m for m in found)


def test_scenarios_are_found_in_the_users_folder_and_by_path(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    user = tmp_path / "xdg" / "spacerace" / "scenarios"
    write_scenario(user / "tiny")
    extension(tmp_path / "elsewhere" / "mine", "historical")
    assert load("tiny").chain == ("tiny",)  # by id, from the user's folder
    assert load(tmp_path / "elsewhere" / "mine").chain == ("mine", "historical")  # by path, base shipped
    extension(user / "on_tiny", "tiny")
    assert load("on_tiny").chain == ("on_tiny", "tiny")

"""The modding commands: scenarios, schema and new-scenario (events-from-text: test_events_from_text.py)."""

from __future__ import annotations

import json

import pytest

from game.cli import main
from game.scenario import BUILTIN_DIR, load, validate
from tests.modding_kit import extension, messages, write_scenario


@pytest.fixture
def user(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "spacerace" / "scenarios"


def test_scenarios_lists_shipped_and_user_scenarios_with_their_status(user, capsys):
    write_scenario(user / "tiny")
    extension(user / "broken", "tiny", {"programs.toml": '[[patch]]\nid = "rocket_us"\nreliability = 7\n'})
    assert main(["scenarios"]) == 0
    out = capsys.readouterr().out
    for ident in ("historical", "race_to_the_moon", "soviet_n1_works", "tiny", "broken"):
        assert ident in out
    assert f"the shipped scenarios are in {BUILTIN_DIR}" in out and f"your scenarios go in {user}" in out
    assert main(["scenarios", "--json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["tiny"]["origin"] == "user" and rows["tiny"]["valid"] and rows["tiny"]["version"] == "2.0"
    assert not rows["broken"]["valid"] and rows["broken"]["errors"] == 1 and rows["broken"]["extends"] == "tiny"
    assert rows["race_to_the_moon"]["name"] and rows["race_to_the_moon"]["description"]


def test_schema_prints_a_json_object_or_writes_it(tmp_path, capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert set(schema["$defs"]) == {"scenario.toml", "programs.toml", "milestones.toml", "missions.toml",
                                    "events.toml", "records.toml", "operations.toml", "people.toml"}
    people = schema["$defs"]["people.toml"]["properties"]
    assert people["person"]["items"]["properties"]["skills"]["required"] == ["piloting", "eva", "docking",
                                                                               "endurance", "command"]
    assert people["group"]["items"]["required"] == ["id", "name", "side"]
    assert len(people["patch"]["items"]["anyOf"]) == 2
    event = schema["$defs"]["events.toml"]["properties"]["event"]["items"]
    assert "trigger" in event["properties"] and event["required"] == ["id", "title", "text", "source"]
    record = schema["$defs"]["records.toml"]["properties"]["record"]["items"]
    assert record["required"] == ["id", "name", "prestige"] and record["properties"]["min_gain"]["default"] == 0
    operation = schema["$defs"]["operations.toml"]["properties"]["operation"]["items"]
    assert operation["properties"]["turns"]["minimum"] == 1 and operation["properties"]["upkeep"]["minimum"] == 0
    assert operation["properties"]["kind"]["enum"] == ["station", "rover", "orbiter", "other"]
    mission = schema["$defs"]["missions.toml"]["properties"]["mission"]["items"]["properties"]
    assert mission["records"]["additionalProperties"]["exclusiveMinimum"] == 0
    assert mission["starts"]["anyOf"][1]["description"] == "id of an operation"
    settings = schema["$defs"]["scenario.toml"]["properties"]
    for table, key in (("economy", "overflow_cut"), ("victory", "prestige_fade")):
        prop = settings[table]["properties"][key]
        assert (prop["minimum"], prop["maximum"], prop["default"]) == (0, 1, 0) and prop["description"]
    assert main(["schema", "-o", str(tmp_path / "s.json")]) == 0
    assert json.loads((tmp_path / "s.json").read_text()) == schema


def test_new_scenario_writes_an_extension_stub_or_a_full_copy(user, capsys):
    assert main(["new-scenario", "my_mod", "--from", "historical"]) == 0
    out = capsys.readouterr().out
    assert str(user / "my_mod") in out
    assert messages(validate("my_mod")) == []
    assert load("my_mod").chain == ("my_mod", "historical")
    assert main(["new-scenario", "my_copy", "--from", "race_to_the_moon", "--copy"]) == 0
    copy = load("my_copy")
    assert copy.id == "my_copy" and copy.chain == ("my_copy", "historical")
    with pytest.raises(SystemExit, match="already exists"):
        main(["new-scenario", "my_mod", "--from", "historical"])
    with pytest.raises(SystemExit, match="not a valid scenario id"):
        main(["new-scenario", "My Mod", "--from", "historical"])

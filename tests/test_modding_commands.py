"""The modding commands: scenarios, schema, new-scenario and events-from-text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.scenario import BUILTIN_DIR, load, validate
from game.scenario.textevents import find_dates, find_statements, title_of
from tests.modding_kit import extension, messages, write_scenario

SOURCE = Path(__file__).resolve().parents[2] / "shared" / "sources" / "000_c6e8863fdb928cb4.txt"


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
                                    "events.toml"}
    event = schema["$defs"]["events.toml"]["properties"]["event"]["items"]
    assert "trigger" in event["properties"] and event["required"] == ["id", "title", "text", "source"]
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


def test_dates_are_read_as_precisely_as_the_text_gives_them():
    def dates(text):
        return [d for _, _, d in find_dates(text)]

    assert dates("Sputnik flew on October 4, 1957.") == ["1957-10-04"]
    assert dates("on 12 April 1961") == ["1961-04-12"]
    assert dates("achieved in July 1969, with the flight of Apollo 11") == ["1969-07"]
    assert dates("(July 1, 1957 to December 31, 1958)") == ["1957-07-01", "1958-12-31"]
    assert dates("from 1961 to 1970") == ["1961", "1970"]
    assert dates("the first human to space.[1][2] It had 20th-century roots, 1,000 km, two weeks, APAS-75") == []
    assert dates("Apollo 11 and 1500 km and the 1960s") == []


NOTES = """Notes on the space race, written for this test.

On August 2, 1955, Moscow said it would soon launch a satellite of its own, four days after Washington did.[1]
The first artificial satellite reached orbit on October 4, 1957, and the first cosmonaut flew on April 12, 1961.[2]
Apollo 11 landed in July 1969 after years of work by some 400,000 people.[3]
The two powers agreed in April 1972 to fly a joint mission.
"""


def test_events_from_text_drafts_our_own_notes(tmp_path, user):
    doc = tmp_path / "notes.txt"
    doc.write_text(NOTES, encoding="utf-8")
    out = tmp_path / "draft.toml"
    assert main(["events-from-text", str(doc), "-o", str(out)]) == 0
    events = __import__("tomllib").loads(out.read_text(encoding="utf-8"))["event"]
    assert [e["date"] for e in events] == ["1955-08-02", "1957-10-04", "1961-04-12", "1969-07", "1972-04"]
    assert [e["source"] for e in events] == ["notes.txt:3", "notes.txt:4", "notes.txt:4", "notes.txt:5", "notes.txt:6"]
    assert all("[" not in e["text"] and "400,000" not in e["title"] for e in events)
    mod = extension(tmp_path / "drafted", "historical", {"events.toml": out.read_text(encoding="utf-8")})
    assert not [d for d in validate(mod) if d.severity == "error"], messages(validate(mod))
    assert len(load(mod).events) == len(load("historical").events) + 5


@pytest.mark.skipif(not SOURCE.exists(), reason="the project's source document (../shared/sources) is not beside "
                                                "this checkout")
def test_events_from_text_drafts_one_event_per_dated_statement(tmp_path, user):
    statements = find_statements(SOURCE.read_text(encoding="utf-8"))
    assert [s.date for s in statements] == ["1955-08-02", "1957-10-04", "1961-04-12", "1969-07", "1972-04", "1991-12"]
    assert all("[" not in s.text for s in statements)
    assert title_of(statements[1].text).startswith("The Soviet Union achieved")

    out = tmp_path / "draft.toml"
    assert main(["events-from-text", str(SOURCE), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.count("\n[[event]]\n") == 6
    assert f'source = "{SOURCE.name}:6"' in text and 'date = "1957-10-04"' in text

    mod = extension(tmp_path / "drafted", "historical", {"events.toml": text})
    found = validate(mod)
    assert not [d for d in found if d.severity == "error"], messages(found)
    sc = load(mod)
    assert len(sc.events) == len(load("historical").events) + 6


def test_events_from_text_handles_awkward_documents(tmp_path):
    doc = tmp_path / "odd.txt"
    doc.write_bytes("No dates here.\n\nIn 1962 the \"crisis\" came; in March 1965 a man walked\\out.\n\xff\xfe".encode()
                    + b"\xff")
    out = tmp_path / "odd.toml"
    assert main(["events-from-text", str(doc), "-o", str(out)]) == 0
    events = __import__("tomllib").loads(out.read_text(encoding="utf-8"))["event"]
    assert [e["date"] for e in events] == ["1962", "1965-03"]
    assert events[0]["source"] == "odd.txt:3"

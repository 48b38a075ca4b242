"""records.toml, operations.toml, a mission's `records` and `starts`, [economy] overflow_cut and [victory]
prestige_fade: read from real folders, checked with file, line, field and did-you-mean, compiled into the
Rules tables, layered by extensions, covered by the content hash and listed by the scenario digest."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from game.scenario import load, validate
from game.session.scenario_diff import changes, scenario_digest
from tests.modding_kit import RECORDS, TINY, extension, messages, write_scenario

RECORDS_OPS = Path(__file__).parent / "data" / "scenarios" / "records_ops"   # extends the shipped historical


def has(found: list[str], *parts: str) -> bool:
    return any(all(p in m for p in parts) for m in found)


def test_records_and_operations_compile_into_the_rules_tables(tmp_path):
    folder = write_scenario(tmp_path / "tiny", RECORDS)
    assert messages(validate(folder)) == []
    sc = load(folder)
    r = sc.rules
    assert [x["id"] for x in sc.records] == ["longest_flight", "station_months"]
    assert sc.operations[1]["kind"] == "rover" and sc.records[1]["min_gain"] == 0   # defaults filled in
    assert r.record_ids == ("longest_flight", "station_months") and r.op_ids == ("us_station", "su_rover")
    assert r.record_prestige.dtype == np.float32 and r.record_prestige.tolist() == [3, 2]
    assert r.record_min_gain.tolist() == [0.5, 0]
    assert r.mis_record_value.dtype == np.float32 and r.mis_record_value.tolist() == [[2, 0], [3, 0]]
    assert r.op_side.tolist() == [0, 1] and r.op_prestige.tolist() == [1, 0.5] and r.op_upkeep.tolist() == [3, 1]
    assert r.op_turns.dtype == np.int64 and r.op_turns.tolist() == [2, 3]
    assert r.op_record.tolist() == [1, -1] and r.mis_starts_op.tolist() == [0, 1]
    assert (r.overflow_cut, r.prestige_fade) == (0, 0)


def test_a_scenario_without_the_files_has_no_records_or_operations(tmp_path):
    r = load(write_scenario(tmp_path / "tiny")).rules
    assert r.record_ids == () and r.op_ids == ()
    assert r.record_prestige.shape == (0,) and r.mis_record_value.shape == (2, 0) and r.op_turns.shape == (0,)
    assert r.mis_starts_op.tolist() == [-1, -1] and r.op_record.shape == (0,)
    settings = TINY["scenario.toml"] + "\n[economy]\noverflow_cut = 0.5\n\n[victory]\nprestige_fade = 0.04\n"
    r = load(write_scenario(tmp_path / "cut", {"scenario.toml": settings})).rules
    assert (r.overflow_cut, r.prestige_fade) == (0.5, 0.04)


def test_every_wrong_record_and_operation_is_reported_at_once(tmp_path):
    missions = (RECORDS["missions.toml"]
                .replace("longest_flight = 2 }", "longest_fligth = 2, station_months = 0 }")
                .replace('starts = "us_station"', 'starts = "su_rover"')
                .replace("longest_flight = 3 }", "longest_flight = -2 }")
                .replace('starts = "su_rover"\nsteps = [{ name = "Launch", program = "rocket_su"',
                         'starts = "su_rovr"\nsteps = [{ name = "Launch", program = "rocket_su"'))
    records = (RECORDS["records.toml"].replace("prestige = 3", 'prestige = "three"')
               + '\n[[record]]\nid = "longest_flight"\nname = "Again"\nprestige = 1\n')
    operations = (RECORDS["operations.toml"].replace("turns = 2", "turns = 0").replace("upkeep = 3", "upkeep = -1")
                  .replace('record = "station_months"', 'record = "station_month"')
                  + '\n[[operation]]\nid = "su_rover"\nname = "Again"\nside = "ussr"\nprestige = 1\nupkeep = 1\n'
                    'turns = 1\nkind = "lab"\n')
    found = messages(validate(write_scenario(tmp_path / "tiny", {"missions.toml": missions, "records.toml": records,
                                                                  "operations.toml": operations})))
    assert has(found, "missions.toml:5: error: mission.us_satellite.records.longest_fligth: unknown record "
                      "'longest_fligth' (did you mean 'longest_flight'?)")
    assert has(found, "missions.toml:5: error: mission.us_satellite.records.station_months: 0 is out of range "
                      "(more than 0 and at most 1e+06)")
    assert has(found, "missions.toml:6: error: mission.us_satellite.starts: starts 'su_rover', an operation of "
                      "the other side")
    assert has(found, "missions.toml:13: error: mission.su_satellite.records.longest_flight: -2 is out of range "
                      "(more than 0")
    assert has(found, "missions.toml:14: error: mission.su_satellite.starts: unknown operation 'su_rovr' "
                      "(did you mean 'su_rover'?)")
    assert has(found, "records.toml:5: error: record.longest_flight.prestige: must be a number, not a string")
    assert has(found, "records.toml:15: error: record.longest_flight: duplicate record id 'longest_flight' "
                      "(first defined at line 2)")
    assert has(found, "operations.toml:7: error: operation.us_station.upkeep: -1 is out of range (0 to 100000)")
    assert has(found, "operations.toml:8: error: operation.us_station.turns: 0 is out of range (1 to 1000)")
    assert has(found, "operations.toml:9: error: operation.us_station.record: unknown record 'station_month' "
                      "(did you mean 'station_months'?)")
    assert has(found, "operations.toml:21: error: operation.su_rover: duplicate operation id 'su_rover' "
                      "(first defined at line 12)")
    assert not has(found, "operation.su_rover.kind")   # the duplicate is skipped whole, as in the other files
    assert sum(": error: " in m for m in found) == 11, found
    # the one warning: us_satellite starts the other side's operation, so nothing starts us_station; the records
    # are not called dead while the missions' records that name them are in error
    assert [m.split(": warning: ")[1] for m in found if ": warning: " in m] == [
        "operation.us_station.id: can never run: no mission starts it (set a mission's starts)"]


def test_dead_records_and_operations_are_warnings(tmp_path):
    missions = RECORDS["missions.toml"].replace('records = { longest_flight = 3 }\nstarts = "su_rover"\n', "")
    missions = missions.replace('side = "us"\n', 'side = "us"\nlocked = true\n')
    found = messages(validate(write_scenario(tmp_path / "tiny", {**RECORDS, "missions.toml": missions})))
    assert has(found, "operations.toml:12: warning: operation.su_rover.id: can never run: no mission starts it "
                      "(set a mission's starts)")
    assert has(found, "operations.toml:2: warning: operation.us_station.id: can never run: only missions that "
                      "can never fly start it")
    assert has(found, "records.toml:2: warning: record.longest_flight.id: only missions that can never fly")
    assert has(found, "records.toml:9: warning: record.station_months.id: only missions that can never fly "
                      "(or operations that can never run) raise it")
    lone = RECORDS["records.toml"] + '\n[[record]]\nid = "deepest_dive"\nname = "D"\nprestige = 1\n'
    mixed = RECORDS["missions.toml"].replace("longest_flight = 3 }", "station_months = 3 }")
    found = messages(validate(write_scenario(tmp_path / "mixed" / "tiny", {**RECORDS, "missions.toml": mixed})))
    assert len(found) == 1 and "operations.toml:9: warning: operation.us_station.record: 'station_months' is also " \
        "set by missions' records: its value here is months of running time" in found[0]
    found = messages(validate(write_scenario(tmp_path / "lone" / "tiny", {**RECORDS, "records.toml": lone})))
    assert len(found) == 1 and found[0].endswith("records.toml:15: warning: record.deepest_dive.id: nothing can "
                                                 "raise it (name it in a mission's records or an operation's record)")
    assert load(tmp_path / "lone" / "tiny").rules.record_ids[-1] == "deepest_dive"   # warnings play


def test_an_extension_adds_patches_and_removes_records_and_operations(tmp_path):
    write_scenario(tmp_path / "base", RECORDS, base=TINY)
    child = extension(tmp_path / "child", "base", {
        "records.toml": 'remove = ["station_months"]\n\n[[record]]\nid = "highest_orbit"\nname = "Highest orbit"\n'
                        'unit = "km"\nprestige = 4\n\n[[patch]]\nid = "longest_flight"\nprestige = 5\n',
        "operations.toml": '[[patch]]\nid = "us_station"\nrecord = ""\nupkeep = 2\n',
        "missions.toml": '[[patch]]\nid = "us_satellite"\nrecords = { highest_orbit = 900 }\n',
    })
    assert messages(validate(child)) == []
    r = load(child).rules
    assert r.record_ids == ("longest_flight", "highest_orbit") and r.record_prestige.tolist() == [5, 4]
    assert r.mis_record_value.tolist() == [[2, 900], [3, 0]]        # the records table merges key by key
    assert r.op_upkeep.tolist() == [2, 1] and r.op_record.tolist() == [-1, -1]
    gone = extension(tmp_path / "gone", "base", {"operations.toml": 'remove = ["us_station", "su_rovr"]\n'})
    found = messages(validate(gone))
    assert has(found, "gone/operations.toml:1: error: remove: no operation 'su_rovr' to remove "
                      "(did you mean 'su_rover'?)")
    assert has(found, "base/missions.toml:6: error: mission.us_satellite.starts: unknown operation 'us_station'")
    assert has(found, "base/records.toml:9: warning: record.station_months.id: nothing can raise it")


def test_a_scenario_that_extends_nothing_needs_only_the_first_five_files(tmp_path):
    folder = write_scenario(tmp_path / "tiny", {"records.toml": None})
    assert messages(validate(folder)) == []
    (folder / "events.toml").unlink()
    assert has(messages(validate(folder)), "events.toml: error: missing file events.toml")


def test_the_content_hash_covers_records_and_operations(tmp_path):
    folder = write_scenario(tmp_path / "tiny", RECORDS)
    first = load(folder).content_hash
    (folder / "records.toml").write_text(RECORDS["records.toml"].replace("prestige = 3", "prestige = 4"))
    second = load(folder).content_hash
    (folder / "operations.toml").write_text(RECORDS["operations.toml"].replace("turns = 3", "turns = 4"))
    third = load(folder).content_hash
    assert len({first, second, third}) == 3
    copy = shutil.copytree(RECORDS_OPS, tmp_path / "records_ops")
    before = load(copy).content_hash
    assert before != load("historical").content_hash
    (copy / "operations.toml").write_text((copy / "operations.toml").read_text().replace("upkeep = 3", "upkeep = 2"))
    assert load(copy).content_hash != before


def test_the_digest_lists_changed_records_and_operations(tmp_path):
    old = scenario_digest(load(write_scenario(tmp_path / "old", RECORDS)))
    assert old["record"]["longest_flight"] == {"unit": "days", "prestige": 3, "min_gain": 0.5}
    new_files = {"records.toml": RECORDS["records.toml"].replace("prestige = 3", "prestige = 4")
                 + '\n[[record]]\nid = "highest_orbit"\nname = "H"\nprestige = 1\n',
                 "operations.toml": RECORDS["operations.toml"].replace("upkeep = 3", "upkeep = 5"),
                 "missions.toml": RECORDS["missions.toml"].replace("longest_flight = 3 }", "highest_orbit = 3 }")}
    new = scenario_digest(load(write_scenario(tmp_path / "new", {**RECORDS, **new_files})))
    assert changes(old, new) == ["mission su_satellite: records.longest_flight 3 -> none, "
                                 "records.highest_orbit none -> 3",
                                 "record longest_flight: prestige 3 -> 4", "record highest_orbit added",
                                 "operation us_station: upkeep 3 -> 5"]
    # a save made before records existed: its digest has neither kind nor the two settings
    plain = scenario_digest(load(write_scenario(tmp_path / "plain")))
    saved = {k: v for k, v in plain.items() if k not in ("record", "operation")}
    saved["settings"] = {k: v for k, v in plain["settings"].items()
                         if k not in ("economy.overflow_cut", "victory.prestige_fade")}
    assert changes(saved, plain) == []
    assert changes(saved, old)[-2:] == ["operation su_rover added", "operation us_station added"]


def test_the_records_ops_test_scenario_loads_over_historical():
    assert not [m for m in messages(validate(RECORDS_OPS)) if ": error: " in m]
    sc = load(RECORDS_OPS)
    r = sc.rules
    assert sc.chain == ("records_ops", "historical") and (r.overflow_cut, r.prestige_fade) == (0.5, 0.04)
    rec, op, mis = ({x: i for i, x in enumerate(ids)} for ids in (r.record_ids, r.op_ids, r.mission_ids))
    assert r.mis_record_value[mis["skylab_station"], rec["longest_stay"]] == 84
    assert r.op_side[op["salyut_crewed"]] == 1 and r.op_record[op["skylab_crewed"]] == rec["station_crewed_months"]
    assert r.mis_starts_op[mis["salyut_station"]] == op["salyut_crewed"]
    assert r.mis_starts_op[mis["skylab_station"]] == op["skylab_crewed"]
    assert r.mis_record_value[mis["vostok_long"], rec["longest_stay"]] == 1

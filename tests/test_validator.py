"""The scenario validator, as a modder meets it: the shipped scenarios are clean, and
each kind of mistake in a copy of the historical scenario is reported as
`FILE:LINE: error: MESSAGE` on the right file and line, with exit status 1 and
never a traceback.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from gamekit import HISTORICAL, REPO, copy_scenario

from game.scenario import ScenarioError, load, shipped_ids, validate


def spacerace(*args: str) -> subprocess.CompletedProcess:
    """The real command line, in a fresh interpreter."""
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120)


def line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def replace_in_entry(folder: Path, file: str, entry: str, old: str, new: str) -> int:
    """In `file`, replace the first `old` after the line `entry` (e.g. 'id = "r7"'); returns the edited line."""
    path = folder / file
    text = path.read_text(encoding="utf-8")
    at = text.index(old, text.index(entry + "\n"))
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return line_of(text, at)


def entry_block(file: str, entry: str) -> tuple[str, int]:
    """The text of the `[[...]]` block holding the line `entry` in the shipped file, and its header's line."""
    text = (HISTORICAL / file).read_text(encoding="utf-8")
    at = text.index(entry + "\n")
    start = text.rindex("[[", 0, at)
    end = text.find("\n[[", at)
    return text[start:end + 1], line_of(text, start)


def errors(folder: Path) -> list:
    return [d for d in validate(folder) if d.severity == "error"]


def assert_reported(folder: Path, file: str, lines: set[int], *words: str) -> None:
    """validate() and `spacerace validate` both report one error in `file` on one of `lines`, naming `words`."""
    found = errors(folder)
    assert found, "the broken scenario validates clean"
    hits = [d for d in found if Path(d.file).name == file and d.line in lines
            and all(w in d.format() for w in words)]
    assert hits, f"expected an error in {file} on line {sorted(lines)} naming {words}; got:\n" + \
                 "\n".join(d.format() for d in found)
    with pytest.raises(ScenarioError):
        load(folder)

    done = spacerace("validate", str(folder))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    shown = re.compile(rf"^(?:.*[/\\])?{re.escape(file)}:(\d+): error: (.+)$", re.MULTILINE)
    printed = [(int(m.group(1)), m.group(2)) for m in shown.finditer(done.stdout)]
    assert any(n in lines and all(w in msg for w in words) for n, msg in printed), done.stdout


# ---------------------------------------------------------------- the shipped scenarios


@pytest.mark.parametrize("scenario", shipped_ids())
def test_a_shipped_scenario_validates_clean(scenario):
    found = errors(scenario)
    assert not found, "\n".join(d.format() for d in found)
    assert load(scenario).rules.n_turns > 0


def test_spacerace_validate_historical_exits_0():
    done = spacerace("validate", "historical")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in done.stdout and "Traceback" not in done.stderr


def test_the_installed_console_script_validates_historical():
    script = Path(sys.executable).with_name("spacerace")
    if not script.exists():
        pytest.skip("no spacerace console script next to this interpreter")
    done = subprocess.run([str(script), "validate", "historical"], cwd=REPO, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


# ---------------------------------------------------------------- one mistake at a time


def test_a_toml_syntax_error(tmp_path):
    folder = copy_scenario(tmp_path)
    line = replace_in_entry(folder, "programs.toml", 'id = "r7"', "start_cost = 30", "start_cost = = 30")
    assert_reported(folder, "programs.toml", {line}, "TOML syntax")


def test_a_value_of_the_wrong_type(tmp_path):
    folder = copy_scenario(tmp_path)
    line = replace_in_entry(folder, "programs.toml", 'id = "r7"', "start_cost = 30", 'start_cost = "ten"')
    assert_reported(folder, "programs.toml", {line}, "r7", "start_cost", "must be a number")


def test_an_unknown_program_in_a_mission_step_suggests_the_right_one(tmp_path):
    folder = copy_scenario(tmp_path)
    step = replace_in_entry(folder, "missions.toml", 'id = "sputnik_satellite"', 'program = "sputnik"',
                            'program = "sputnk"')
    _, header = entry_block("missions.toml", 'id = "sputnik_satellite"')
    # inside the mission's entry, up to the step itself
    assert_reported(folder, "missions.toml", set(range(header, step + 1)),
                    "sputnik_satellite", "unknown program 'sputnk'", "did you mean 'sputnik'")


def test_an_unknown_program_in_a_mission_step_is_reported_on_the_steps_own_line(tmp_path):
    folder = copy_scenario(tmp_path)
    step = replace_in_entry(folder, "missions.toml", 'id = "sputnik_satellite"', 'program = "sputnik"',
                            'program = "sputnk"')
    found = [d for d in errors(folder) if "sputnk" in d.format()]
    assert [d.line for d in found] == [step]


def test_a_missing_required_field(tmp_path):
    folder = copy_scenario(tmp_path)
    replace_in_entry(folder, "programs.toml", 'id = "r7"', "flight_cost = 4\n", "")
    _, header = entry_block("programs.toml", 'id = "r7"')
    assert_reported(folder, "programs.toml", {header, header + 1}, "r7", "flight_cost", "missing required field")


def test_an_unknown_field_suggests_the_right_one(tmp_path):
    folder = copy_scenario(tmp_path)
    line = replace_in_entry(folder, "programs.toml", 'id = "r7"', "dev_turns = 2", "dev_turn = 2")
    assert_reported(folder, "programs.toml", {line}, "unknown field 'dev_turn'", "did you mean 'dev_turns'")


def test_a_duplicate_id(tmp_path):
    folder = copy_scenario(tmp_path)
    block, first_header = entry_block("programs.toml", 'id = "sputnik"')
    path = folder / "programs.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n" + block, encoding="utf-8")
    again = line_of(text + "\n" + block, len(text) + 1 + block.index('id = "sputnik"'))
    assert_reported(folder, "programs.toml", {again, again - 1}, "duplicate program id 'sputnik'",
                    f"line {first_header + 1}")


def test_a_duplicate_id_by_renaming_reports_no_phantom_cycle(tmp_path):
    folder = copy_scenario(tmp_path)
    line = replace_in_entry(folder, "programs.toml", "[[program]]", 'id = "sputnik"', 'id = "r7"')  # requires r7
    assert_reported(folder, "programs.toml", {line}, "duplicate program id 'r7'")
    assert not [d.format() for d in errors(folder) if "cycle" in d.format()]


def test_a_cycle_of_program_prerequisites(tmp_path):
    folder = copy_scenario(tmp_path)
    line = replace_in_entry(folder, "programs.toml", 'id = "r7"', "requires = []", 'requires = ["sputnik"]')
    text = (folder / "programs.toml").read_text(encoding="utf-8")
    other = line_of(text, text.index("requires = [", text.index('id = "sputnik"\n')))
    assert_reported(folder, "programs.toml", {line, other}, "cycle", "r7", "sputnik")


def test_a_cycle_of_milestone_prerequisites(tmp_path):
    folder = copy_scenario(tmp_path)
    line = replace_in_entry(folder, "milestones.toml", 'id = "satellite"', "requires = []",
                            'requires = ["lunar_far_side"]')
    text = (folder / "milestones.toml").read_text(encoding="utf-8")
    in_cycle = {line} | {line_of(text, text.index("requires = [", text.index(f'id = "{k}"\n')))
                         for k in ("lunar_probe", "lunar_far_side")}
    assert_reported(folder, "milestones.toml", in_cycle, "cycle", "satellite", "lunar_far_side")


def test_a_capsule_with_a_crew_of_the_wrong_type(tmp_path):
    folder = copy_scenario(tmp_path)
    line = replace_in_entry(folder, "programs.toml", 'id = "vostok"', "crew = 1", 'crew = "one"')
    assert_reported(folder, "programs.toml", {line}, "vostok", "crew")


# ---------------------------------------------------------------- files that cannot be read at all


def test_a_missing_file(tmp_path):
    folder = copy_scenario(tmp_path)
    (folder / "events.toml").unlink()
    found = errors(folder)
    assert any("events.toml" in d.format() and "missing" in d.format() for d in found), found
    done = spacerace("validate", str(folder))
    assert done.returncode == 1 and "Traceback" not in done.stderr


def test_a_file_that_is_not_text(tmp_path):
    folder = copy_scenario(tmp_path)
    (folder / "milestones.toml").write_bytes(b"[[milestone]]\nid = \"sat\xff\xfeellite\"\n")
    assert_reported(folder, "milestones.toml", {2}, "UTF-8")


def test_a_scenario_that_does_not_exist():
    done = spacerace("validate", "no_such_scenario_anywhere")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "no_such_scenario_anywhere" in done.stdout + done.stderr


# ---------------------------------------------------------------- clean means loadable


def test_an_event_without_effects_validates_and_loads(tmp_path):
    """`effects` is optional on events and options: a clean scenario must also load."""
    folder = copy_scenario(tmp_path)
    path = folder / "events.toml"
    path.write_text(path.read_text(encoding="utf-8") + """
[[event]]
id = "quiet_news"
title = "Nothing happens"
text = "A quiet season."
source = "test"
who = "us"
date = "1960-01"

[[event.option]]
text = "Shrug"
""", encoding="utf-8")
    assert not errors(folder)
    rules = load(folder).rules
    assert "quiet_news" in rules.event_ids

"""A tiny scenario for modding tests: small enough to read, valid as it stands.

    folder = write_scenario(tmp_path / "tiny")                      # the base
    folder = write_scenario(tmp_path / "tiny", {"events.toml": "..."})  # a file replaced
"""

from __future__ import annotations

from pathlib import Path

TINY = {
    "scenario.toml": """\
[scenario]
id = "tiny"
name = "Tiny"
description = "Two rockets and a satellite."
version = "2.0"
start = "1957-01"
end = "1960-12"

[side.us]
name = "United States"
start_cash = 50
budget = [[1957, 40], [1960, 60]]

[side.ussr]
name = "Soviet Union"
start_cash = 50
budget = [[1957, 40], [1960, 60]]
""",
    "programs.toml": """\
[[program]]
id = "rocket_us"
name = "US rocket"
side = "us"
kind = "launcher"
start_cost = 10
flight_cost = 2
research_cost = 5
reliability = 0.6
research_cap = 0.9
max_reliability = 0.95

[[program]]
id = "rocket_su"
name = "Soviet rocket"
side = "ussr"
kind = "launcher"
start_cost = 10
flight_cost = 2
research_cost = 5
reliability = 0.6
research_cap = 0.9
max_reliability = 0.95
""",
    "milestones.toml": """\
[[milestone]]
id = "satellite"
name = "First satellite"
prestige = { first = 10, second = 5 }
""",
    "missions.toml": """\
[[mission]]
id = "us_satellite"
name = "US satellite"
side = "us"
steps = [{ name = "Launch", program = "rocket_us", earns = ["satellite"] }]

[[mission]]
id = "su_satellite"
name = "Soviet satellite"
side = "ussr"
steps = [{ name = "Launch", program = "rocket_su", earns = ["satellite"] }]
""",
    "events.toml": """\
[[event]]
id = "igy"
title = "Geophysical Year"
text = "Scientists everywhere look up."
source = "test"
date = "1957-07"
effects = { research = 0.1, set_flags = ["igy"] }
""",
}

# TINY with two records and an operation of each side, started and raised by its missions
RECORDS = {
    **TINY,
    "records.toml": """\
[[record]]
id = "longest_flight"
name = "Longest flight"
unit = "days"
prestige = 3
min_gain = 0.5

[[record]]
id = "station_months"
name = "Longest crewed station"
unit = "months"
prestige = 2
""",
    "operations.toml": """\
[[operation]]
id = "us_station"
name = "US station"
side = "us"
kind = "station"
prestige = 1
upkeep = 3
turns = 2
record = "station_months"

[[operation]]
id = "su_rover"
name = "Soviet rover"
side = "ussr"
kind = "rover"
prestige = 0.5
upkeep = 1
turns = 3
""",
    "missions.toml": TINY["missions.toml"].replace('side = "us"\n', 'side = "us"\nrecords = { longest_flight = 2 }\n'
                                                   'starts = "us_station"\n')
                                          .replace('side = "ussr"\n', 'side = "ussr"\nrecords = { longest_flight = 3 }'
                                                   '\nstarts = "su_rover"\n'),
}

# TINY with a small corps: a group of each side (the US one paid for and joining later), two people
PEOPLE = """\
[[group]]
id = "us_pilots"
name = "US pilots"
side = "us"
available = "1958-01"
cost = 2

[[group]]
id = "su_pilots"
name = "Soviet pilots"
side = "ussr"

[[person]]
id = "ann"
name = "Ann"
group = "us_pilots"
skills = { piloting = 0.9, eva = 0.2, docking = 0.3, endurance = 0.4, command = 0.5 }
retires = "1960-01"
bio = "A test pilot."

[[person]]
id = "boris"
name = "Boris"
group = "su_pilots"
skills = { piloting = 0.6, eva = 0.8, docking = 0.1, endurance = 0.7, command = 0.3 }
status = "retired"
"""


def write_scenario(folder: Path, files: dict[str, str | None] | None = None, base: dict | None = None) -> Path:
    """Write a scenario folder: `base` (TINY by default) with `files` replacing (or, when None, deleting) files."""
    contents = dict(TINY if base is None else base)
    contents.update(files or {})
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in contents.items():
        if text is not None:
            (folder / name).write_text(text, encoding="utf-8")
    return folder


def extension(folder: Path, extends: str, files: dict[str, str] | None = None, ident: str | None = None) -> Path:
    """Write a scenario that extends `extends`, with only the files given (and its scenario.toml)."""
    ident = ident or folder.name
    head = f'[scenario]\nid = "{ident}"\nname = "{ident}"\nextends = "{extends}"\nversion = "0.3"\n'
    files = dict(files or {})
    files["scenario.toml"] = head + files.get("scenario.toml", "")
    return write_scenario(folder, files, base={})


def messages(diags, severity: str | None = None) -> list[str]:
    return [d.format() for d in diags if severity is None or d.severity == severity]

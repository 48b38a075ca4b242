"""Fuzzing the scenario loader: thousands of broken scenarios, and every one either loads or
explains itself with diagnostics. No other exception may escape, and `spacerace validate`
never prints a traceback."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario import INTERNAL, ScenarioError, load, validate
from tests.modding_kit import PEOPLE, RECORDS, write_scenario

TINY = {**RECORDS, "people.toml": PEOPLE}   # the tiny scenario with records, operations and people: every entry
#                                            file is fuzzed

FILES = list(TINY)
PARSED = {name: tomllib.loads(text) for name, text in TINY.items()}
FUZZ = settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
WORK = Path(tempfile.mkdtemp(prefix="spacerace-fuzz-"))


def toml_value(v) -> str:
    """One value as inline TOML (strings through JSON escapes, which TOML accepts)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf") if math.isinf(v) else repr(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{json.dumps(str(k))} = {toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(type(v))


def toml_file(data: dict) -> str:
    lines = []
    for k, v in data.items():
        if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            for item in v:
                lines.append(f"[[{k}]]")
                lines += [f"{json.dumps(str(a))} = {toml_value(b)}" for a, b in item.items()]
        elif isinstance(v, dict):
            lines.append(f"[{json.dumps(str(k))}]")
            lines += [f"{json.dumps(str(a))} = {toml_value(b)}" for a, b in v.items()]
        else:
            lines.insert(0, f"{json.dumps(str(k))} = {toml_value(v)}")
    return "\n".join(lines) + "\n"


scalars = st.one_of(
    st.integers(min_value=-(10 ** 30), max_value=10 ** 30), st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(), st.text(max_size=12), st.sampled_from(["", "us", "ussr", "both", "1957-13", "1957-02-30",
                                                           "rocket_us", "satellite", "igy", "no_such_id", "us_pilots",
                                                           "ann", "eva"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=12)


def deep(depth: int):
    v: object = 1
    for i in range(depth):
        v = [v] if i % 2 else {"a": v}
    return v


@st.composite
def mutated(draw) -> dict[str, str | None]:
    """TINY with a few structural mutations: values replaced, keys deleted or added, entries dropped or doubled."""
    data = json.loads(json.dumps(PARSED))  # a deep copy
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(FILES))
        node = data[name]
        path = []
        while isinstance(node, (dict, list)) and node and draw(st.booleans()):
            key = draw(st.sampled_from(list(node) if isinstance(node, dict) else range(len(node))))
            path.append((node, key))
            node = node[key]
        if not path:
            continue
        parent, key = path[-1]
        action = draw(st.sampled_from(["replace", "delete", "add", "double", "deep", "huge"]))
        if action == "replace":
            parent[key] = draw(values)
        elif action == "delete":
            del parent[key]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=10))] = draw(values)
        elif action == "double" and isinstance(parent, list):
            parent.append(json.loads(json.dumps(parent[key])))
        elif action == "deep":
            parent[key] = deep(draw(st.integers(10, 300)))
        elif action == "huge":
            parent[key] = draw(st.sampled_from([10 ** 300, -(10 ** 300), 1e308, -1e308, 2 ** 63, "x" * 5000]))
    files = {name: toml_file(d) for name, d in data.items()}
    if draw(st.integers(0, 9)) == 0:
        files[draw(st.sampled_from(FILES))] = None
    return files


@st.composite
def corrupted(draw) -> dict[str, bytes]:
    """TINY with one file's bytes damaged: edited, truncated, re-encoded or replaced by noise."""
    name = draw(st.sampled_from(FILES))
    raw = TINY[name].encode()
    how = draw(st.sampled_from(["edit", "truncate", "noise", "utf16", "latin1", "bom", "nul"]))
    if how == "edit":
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(raw)))
            raw = raw[:at] + draw(st.binary(max_size=4)) + raw[at + draw(st.integers(0, 4)):]
    elif how == "truncate":
        raw = raw[:draw(st.integers(0, len(raw)))]
    elif how == "noise":
        raw = draw(st.binary(max_size=300))
    elif how == "utf16":
        raw = (TINY[name] + "# café").encode("utf-16")
    elif how == "latin1":
        raw = (TINY[name] + "# café").encode("latin-1")
    elif how == "bom":
        raw = b"\xef\xbb\xbf" + raw
    else:
        raw = raw.replace(b"\n", b"\n\0", 1)
    return {name: raw}


def outcome(folder: Path) -> str:
    """'loaded' or 'rejected'; any other exception fails the test."""
    diags = validate(folder)
    assert all(INTERNAL not in d.message for d in diags)
    assert all(d.severity in ("error", "warning") and isinstance(d.line, int) and d.line >= 0 for d in diags)
    try:
        load(folder)
    except ScenarioError as exc:
        assert exc.diagnostics, "a rejected scenario must say why"
        assert all(INTERNAL not in d.message for d in exc.diagnostics), exc.diagnostics
        assert any(d.severity == "error" for d in diags)
        return "rejected"
    assert not any(d.severity == "error" for d in diags)
    return "loaded"


@FUZZ
@given(mutated())
def test_structurally_mutated_scenarios_load_or_explain_themselves(files):
    folder = write_scenario(WORK / "mutated", files, base=TINY)
    for name, text in files.items():
        if text is None:
            (folder / name).unlink(missing_ok=True)
    outcome(folder)


@settings(FUZZ, max_examples=800)
@given(corrupted())
def test_damaged_bytes_load_or_explain_themselves(files):
    folder = WORK / "corrupted"
    if not folder.exists():
        write_scenario(folder, base=TINY)
    for name, raw in files.items():
        (folder / name).write_bytes(raw)
    try:
        outcome(folder)
    finally:
        for name in files:
            (folder / name).write_text(TINY[name], encoding="utf-8")


@st.composite
def mutated_extension(draw) -> dict[str, str]:
    """An extension of `tiny` whose entry files add, patch and remove with random ids and values."""
    ids = ["rocket_us", "rocket_su", "satellite", "us_satellite", "su_satellite", "igy", "ghost", "tiny",
           "longest_flight", "station_months", "us_station", "su_rover"]
    files = {}
    for name, array in (("programs.toml", "program"), ("milestones.toml", "milestone"),
                        ("missions.toml", "mission"), ("events.toml", "event"), ("records.toml", "record"),
                        ("operations.toml", "operation")):
        data: dict = {}
        if draw(st.booleans()):
            data["remove"] = draw(st.lists(st.sampled_from(ids), max_size=3))
        if draw(st.booleans()):
            data["patch"] = [{"id": draw(st.sampled_from(ids)), draw(st.sampled_from(
                ["reliability", "prestige", "steps", "trigger", "effects", "side", "name", "option", "junk",
                 "records", "starts", "record", "turns", "upkeep", "min_gain"])):
                draw(values)} for _ in range(draw(st.integers(1, 3)))]
        if draw(st.booleans()):
            entry = dict(PARSED[name][array][0])
            entry["id"] = draw(st.sampled_from(ids))
            data[array] = [entry]
        files[name] = toml_file(data)
    extends = draw(st.sampled_from(["base", "base", "base", "child", "nowhere", "Bad Id"]))
    files["scenario.toml"] = f'[scenario]\nid = "child"\nname = "Child"\nextends = {json.dumps(extends)}\n'
    return files


@settings(FUZZ, max_examples=400)
@given(mutated_extension())
def test_mutated_extensions_load_or_explain_themselves(files):
    if not (WORK / "ext" / "base").exists():
        write_scenario(WORK / "ext" / "base", base=TINY)
    child = write_scenario(WORK / "ext" / "child", files, base={})
    outcome(child)


def test_validate_never_prints_a_traceback(tmp_path):
    cases = {
        "garbage": {"programs.toml": "\x00\x01[[[ not toml"},
        "utf16": {"events.toml": None},
        "deep": {"missions.toml": "[[mission]]\nid = " + "[" * 2000 + "]" * 2000 + "\n"},
        "huge": {"milestones.toml": TINY["milestones.toml"].replace("first = 10", "first = " + "9" * 5000)},
        "loop": {"scenario.toml": TINY["scenario.toml"].replace('version = "2.0"', 'extends = "loop"')},
    }
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")}
    for name, files in cases.items():
        folder = write_scenario(tmp_path / name, files)
        if name == "utf16":
            (folder / "events.toml").write_bytes(TINY["events.toml"].encode("utf-16"))
        if name == "loop":
            (folder.parent / "loop").mkdir(exist_ok=True)
            for f in folder.iterdir():
                (folder.parent / "loop" / f.name).write_bytes(f.read_bytes())
            folder = folder.parent / "loop"
        run = subprocess.run([sys.executable, "-m", "game", "validate", str(folder)], capture_output=True,
                             text=True, env=env, timeout=60)
        text = run.stdout + run.stderr
        assert run.returncode == 1, (name, text)
        assert "Traceback" not in text, (name, text)
        assert ": error: " in text, (name, text)

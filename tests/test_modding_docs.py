"""MODDING.md stays in step with the code: every field of the schema is documented, every
field the document shows exists, and its example mod validates."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from game.scenario import load, validate
from game.scenario.schema import EFFECTS, FILES, SCENARIO_FILE, TRIGGER, Checker, ListOf, MapOf, OrEmpty, Table

DOC = (Path(__file__).resolve().parents[1] / "MODDING.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```toml\n(.*?)```", DOC, re.DOTALL)


def fields_of(spec, seen=None) -> set[str]:
    """Every field name declared anywhere inside a spec."""
    seen = set() if seen is None else seen
    if isinstance(spec, Table):
        for name, f in spec.fields.items():
            seen.add(name)
            fields_of(f.spec, seen)
    elif isinstance(spec, (ListOf,)):
        fields_of(spec.item, seen)
    elif isinstance(spec, MapOf):
        fields_of(spec.value, seen)
    elif isinstance(spec, OrEmpty):
        fields_of(spec.spec, seen)
    return seen


ALL_FIELDS = set().union(*(fields_of(spec) for tables in FILES.values() for _, spec in tables))


def documented(name: str) -> bool:
    return re.search(rf"(`{name}`|(^|[{{,\s]){name}\s*=|\[(side\.)?{name}\])", DOC, re.MULTILINE) is not None


def test_every_schema_field_is_documented():
    missing = sorted(name for name in ALL_FIELDS if not documented(name))
    assert not missing, f"fields missing from MODDING.md: {missing}"


def unknown_fields(data: dict) -> list[str]:
    """Fields of a documented TOML fragment that the schema does not know."""
    arrays = {array: spec for tables in FILES.values() for array, spec in tables if array}
    found = []
    for key, value in data.items():
        if key == "remove":
            continue
        if key in arrays or key == "patch":
            specs = [arrays[key]] if key in arrays else list(arrays.values())
            for item in value:
                verdicts = []
                for spec in specs:
                    chk = Checker()
                    spec.partial().check(item, (), chk)
                    verdicts.append([m for _, m, _ in chk.problems if m.startswith("unknown field")])
                found += min(verdicts, key=len)
        else:
            chk = Checker()
            SCENARIO_FILE.partial().check({key: value}, (), chk)
            found += [f"{p}: {m}" for p, m, _ in chk.problems if m.startswith("unknown field")]
    return found


def test_every_documented_field_exists():
    assert len(BLOCKS) >= 8
    for block in BLOCKS:
        data = tomllib.loads(block)  # every example is valid TOML
        assert not unknown_fields(data), (unknown_fields(data), block[:200])


@pytest.mark.parametrize("section,spec", [("### Triggers", TRIGGER), ("### Effects", EFFECTS)])
def test_trigger_and_effect_tables_match_the_schema(section, spec):
    text = DOC.split(section, 1)[1].split("\n#", 1)[0]
    keys = set()
    for row in re.findall(r"^\| (.+?) \|", text, re.MULTILINE):
        keys.update(re.findall(r"`([a-z_]+)`", row))
    assert keys == set(spec.fields), (sorted(keys ^ set(spec.fields)))


def test_the_modding_commands_are_documented():
    for command in ("validate", "scenarios", "schema", "new-scenario", "events-from-text"):
        assert f"spacerace {command}" in DOC


def test_the_example_mod_validates(tmp_path):
    files = re.findall(r"```toml\n# file: ([\w/]+\.toml)\n(.*?)```", DOC, re.DOTALL)
    assert {Path(name).name for name, _ in files} >= {"scenario.toml", "programs.toml", "events.toml"}
    for name, text in files:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    folder = tmp_path / Path(files[0][0]).parent
    assert [d.format() for d in validate(folder)] == []
    sc = load(folder)
    assert sc.chain == ("faster_vostok", "historical")
    assert {p["id"]: p for p in sc.programs}["vostok"]["reliability"] == 0.7

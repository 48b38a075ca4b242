"""The scenario format, declared once. The loader checks files against it, the
validator reads its references, and `spacerace schema` turns it into JSON Schema.

A spec is a small object with `check(value, path, out) -> value | INVALID`,
where `out` collects problems and references; see `Checker`.
"""

from __future__ import annotations

import copy
import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from game.rules.tables import SKILL_NAMES
from game.scenario.diagnostics import did_you_mean

INVALID = object()
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Checker:
    """Collects problems and references found while checking one entry.

    problems: list of (path tuple, message, severity); refs: list of (kind, id, path).
    """

    def __init__(self):
        self.problems: list[tuple[tuple, str, str]] = []
        self.refs: list[tuple[str, str, tuple]] = []

    def error(self, path: tuple, message: str, severity: str = "error") -> object:
        self.problems.append((path, message, severity))
        return INVALID


def field_name(path: tuple) -> str:
    """"steps[1].program" style name of a path of keys and list indexes."""
    return ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in path).replace(".[", "[") or "value"


def _show(v: Any) -> str:
    """repr of a value, cut short for messages."""
    text = repr(v)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(value: Any) -> str:
    return {bool: "true/false", int: "an integer", float: "a number", str: "a string", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)


@dataclass(frozen=True)
class Str:
    doc: str = ""

    def check(self, v, path, out):
        return v if isinstance(v, str) else out.error(path, f"must be a string, not {_type_name(v)}")

    def json(self):
        return {"type": "string"}


@dataclass(frozen=True)
class Num:
    lo: float | None = None
    hi: float | None = None
    integer: bool = False
    above_lo: bool = False   # True: lo itself is out of range (the value must be more than lo)

    def check(self, v, path, out):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or (self.integer and not isinstance(v, int)):
            kind = "a whole number" if self.integer else "a number"
            return out.error(path, f"must be {kind}, not {_type_name(v)}")
        if v != v or v in (float("inf"), float("-inf")):
            return out.error(path, "must be a finite number")
        low = self.lo is not None and (v <= self.lo if self.above_lo else v < self.lo)
        if low or self.hi is not None and v > self.hi:
            lo, hi = (f"{x:g}" if x is not None else None for x in (self.lo, self.hi))
            if self.above_lo:
                span = f"more than {lo}" + (f" and at most {hi}" if hi else "")
            else:
                span = f"{lo} to {hi}" if lo and hi else f"at least {lo}" if lo else f"at most {hi}"
            return out.error(path, f"{_show(v)} is out of range ({span})")
        return v

    def json(self):
        out = {"type": "integer" if self.integer else "number"}
        if self.lo is not None:
            out["exclusiveMinimum" if self.above_lo else "minimum"] = self.lo
        if self.hi is not None:
            out["maximum"] = self.hi
        return out


@dataclass(frozen=True)
class Bool:
    def check(self, v, path, out):
        return v if isinstance(v, bool) else out.error(path, f"must be true or false, "
                                                             f"not {_type_name(v)}")

    def json(self):
        return {"type": "boolean"}


def is_date(v) -> bool:
    """True for a real calendar date written "YYYY-MM-DD", "YYYY-MM" or "YYYY"."""
    m = DATE_RE.match(v) if isinstance(v, str) else None
    if not m:
        return False
    try:
        datetime.date(int(m.group(1)) or 1, int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Date:
    def check(self, v, path, out):
        if not is_date(v):
            return out.error(path, f"must be a date \"YYYY-MM-DD\", \"YYYY-MM\" or \"YYYY\", "
                                   f"not {_show(v)}")
        return v

    def json(self):
        return {"type": "string", "pattern": DATE_RE.pattern}


@dataclass(frozen=True)
class OrEmpty:
    """Either an empty string (meaning "none") or a value of `spec`."""

    spec: Any

    def check(self, v, path, out):
        return v if v == "" else self.spec.check(v, path, out)

    def json(self):
        return {"anyOf": [{"const": ""}, self.spec.json()]}


@dataclass(frozen=True)
class Enum:
    choices: tuple

    def check(self, v, path, out):
        if v not in self.choices:
            return out.error(path, f"must be one of {', '.join(map(repr, self.choices))}, "
                                   f"not {_show(v)}{did_you_mean(v, self.choices)}")
        return v

    def json(self):
        return {"enum": list(self.choices)}


@dataclass(frozen=True)
class Id:
    def check(self, v, path, out):
        if not isinstance(v, str) or not ID_RE.match(v):
            return out.error(path, f"must be a lower-case id like \"saturn_v\", not {_show(v)}")
        return v

    def json(self):
        return {"type": "string", "pattern": ID_RE.pattern}


@dataclass(frozen=True)
class Ref:
    """An id of another thing: kind is program | mission | milestone | event | record | operation | group |
    person | flag | target (target: a program or a mission)."""

    kind: str

    def check(self, v, path, out):
        if Id().check(v, path, out) is INVALID:
            return INVALID
        out.refs.append((self.kind, v, path))
        return v

    def json(self):
        article = "an" if self.kind[0] in "aeiou" else "a"
        return {"type": "string", "pattern": ID_RE.pattern, "description": f"id of {article} {self.kind}"}


@dataclass(frozen=True)
class ListOf:
    item: Any

    def check(self, v, path, out):
        if not isinstance(v, list):
            return out.error(path, f"must be a list, not {_type_name(v)}")
        items = [self.item.check(x, path + (i,), out) for i, x in enumerate(v)]
        return INVALID if any(x is INVALID for x in items) else items

    def json(self):
        return {"type": "array", "items": self.item.json()}


@dataclass(frozen=True)
class MapOf:
    """A table whose keys are ids of `key` kind and whose values match `value`."""

    key: Ref
    value: Any

    def check(self, v, path, out):
        if not isinstance(v, dict):
            return out.error(path, f"must be a table like {{ some_id = 1 }}, not {_type_name(v)}")
        result = {}
        for k, x in v.items():
            if self.key.check(k, path + (k,), out) is INVALID:
                continue
            x = self.value.check(x, path + (k,), out)
            if x is not INVALID:
                result[k] = x
        return result if len(result) == len(v) else INVALID

    def json(self):
        return {"type": "object", "additionalProperties": self.value.json()}


@dataclass(frozen=True)
class Points:
    """Budget baseline: a list of [year, money] pairs with increasing years."""

    def check(self, v, path, out):
        ok = (isinstance(v, list) and v and all(isinstance(p, list) and len(p) == 2
                                                  and all(isinstance(x, (int, float)) and not isinstance(x, bool)
                                                          for x in p) for p in v))
        if not ok:
            return out.error(path, "must be a list of [year, money] pairs "
                                   "like [[1955, 30], [1965, 90]]")
        years = [p[0] for p in v]
        if years != sorted(set(years)):
            return out.error(path, "years must increase")
        if any(p[1] < 0 or p[1] > 1e6 for p in v):
            return out.error(path, "money must be between 0 and 1000000")
        return [(float(a), float(b)) for a, b in v]

    def json(self):
        return {"type": "array", "items": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}}


@dataclass(frozen=True)
class Field:
    spec: Any
    required: bool = False
    default: Any = None
    doc: str = ""


@dataclass(frozen=True)
class Table:
    fields: dict[str, Field] = field(default_factory=dict)
    doc: str = ""

    def check(self, v, path, out):
        if not isinstance(v, dict):
            return out.error(path, f"must be a table, not {_type_name(v)}")
        result = {}
        for k in v:
            if k not in self.fields:
                out.error(path + (k,), f"unknown field {_show(k)}{did_you_mean(k, self.fields)}")
        for name, f in self.fields.items():
            if name in v:
                x = f.spec.check(v[name], path + (name,), out)
                result[name] = x
            elif f.required:
                out.error(path + (name,), "missing required field")
                result[name] = INVALID
            elif isinstance(f.spec, Table):
                result[name] = f.spec.check(copy.deepcopy(f.default or {}), path + (name,), out)
            else:
                result[name] = copy.deepcopy(f.default)
        return result

    def partial(self) -> Table:
        """The same table with every field optional except `id`: the shape of a [[patch]]."""
        return Table({n: Field(f.spec, n == "id", None, f.doc) for n, f in self.fields.items()}, self.doc)

    def json(self):
        props = {}
        for name, f in self.fields.items():
            p = dict(f.spec.json())
            if f.doc:
                p["description"] = f.doc
            if f.default is not None and not isinstance(f.default, (list, dict)):
                p["default"] = f.default
            props[name] = p
        out = {"type": "object", "properties": props, "additionalProperties": False}
        req = [n for n, f in self.fields.items() if f.required]
        if req:
            out["required"] = req
        if self.doc:
            out["description"] = self.doc
        return out


def F(spec, doc: str = "", default=None, required: bool = False) -> Field:
    return Field(spec, required, default, doc)


def R(spec, doc: str = "") -> Field:
    return Field(spec, True, None, doc)


SIDE = Enum(("us", "ussr"))
SKILLS = SKILL_NAMES   # a person's disciplines: piloting, eva, docking, endurance, command (Rules' column order)
MONEY = Num(0, 1e6)
SHARE = Num(0, 1)
KINDS = ("launcher", "capsule", "satellite", "probe", "lander", "rover", "eva", "docking", "station")
SHAPES = ("", "spaceplane")    # a program's picture: "" drawn from its kind; "spaceplane" a winged orbiter

SCENARIO = Table({
    "id": R(Id(), "must match the folder name"),
    "name": R(Str(), "shown in menus"),
    "description": F(Str(), "a sentence or two for the scenario list", ""),
    "version": F(Str(), "the scenario's own version", "1.0"),
    "extends": F(Id(), "id of a scenario this one builds on (modding)", ""),
    "start": R(Date(), "the first turn holds this month"),
    "end": R(Date(), "the last turn is the one that holds this month"),
    "turns_per_year": F(Enum((1, 2, 3, 4, 6, 12)), "turns in a year", 2),
})
VICTORY = Table({
    "rule": F(Enum(("prestige",)), "most prestige at the end wins", "prestige"),
    "decisive_milestone": F(OrEmpty(Ref("milestone")), "milestone id whose first achiever wins at once (empty: none)",
                            ""),
    "decisive_deadline": F(OrEmpty(Date()), "date before which the decisive milestone must come (empty: any time)",
                           ""),
    "prestige_fade": F(SHARE, "share of each side's prestige that fades at every new budget year", 0),
})
SIDE_TABLE = Table({
    "name": R(Str()),
    "start_cash": F(MONEY, "money on the first turn", 0),
    "pads": F(Num(1, 6, integer=True), "launches per turn", 2),
    "budget": R(Points(), "yearly budget baseline, [year, money] points"),
    "secret_failures": F(Bool(), "the rival never learns of this side's failed uncrewed launches", False),
})
ECONOMY = Table({
    "prestige_budget_factor": F(Num(0, 1), "budget change per prestige point of yearly lead", 0.01),
    "budget_swing": F(Num(0, 1), "the prestige term is clipped to +/- this share", 0.5),
    "noise_sd": F(Num(0, 1), "yearly budget noise (log scale)", 0.05),
    "noise_persistence": F(SHARE, "share of the noise kept next year", 0.6),
    "carryover_cap": F(Num(0, 100), "unspent money is capped at this many years of budget (0: no cap)", 1.0),
    "overflow_cut": F(SHARE, "share of the money lost over the cap that is also cut from the next budget year's "
                             "budget (0: the excess is only lost)", 0),
    "review_threshold": F(Num(-1000, 1000), "a year's prestige gain below this is a strike", -5),
    "review_strikes": F(Num(1, 100, integer=True), "strikes in a row that fire the leadership", 2),
})
RULES = Table({
    "skip_penalty": F(SHARE, "success chance lost per step for each missing prerequisite milestone", 0.1),
    "rush_penalty": F(SHARE, "success chance lost per step of a rushed launch", 0.08),
    "crew_loss_prestige": F(Num(-1000, 0), "prestige lost when a crew dies", -15),
    "grounding_turns": F(Num(0, 40, integer=True), "turns a program is grounded after a crew loss", 2),
    "learn_success": F(Num(0, 0.99), "share of the reliability gap closed by a step flown well", 0.05),
    "learn_failure": F(Num(0, 0.99), "the same for the step that failed", 0.15),
    "estimate_noise": F(Num(0, 1), "spread of a new program's reliability estimate", 0.15),
    "estimate_memory": F(Num(0, 0.99), "share of an estimate's error kept at each test or flight", 0.7),
    "estimate_renewal": F(Num(0, 1), "spread of the fresh error each test or flight brings", 0.714),
    "intel_noise": F(Num(0, 1), "spread of a side's estimate of the rival's budget, a share of it", 0.15),
    "min_step_chance": F(Num(0, 1), "no step's success chance is lower, whatever the penalties", 0.01),
    "research_luck": F(Num(0, 1), "research's random factor lies between 1 - this and 1 + this", 0.5),
    "rush_window": F(Num(0.01, 1), "a rushed launch flies in this first share of the turn", 0.5),
    "min_reliability": F(Num(0.01, 1), "no effect takes a program's reliability lower", 0.01),
    "min_research_speed": F(Num(0, 10), "no effect takes a side's research speed lower", 0.1),
    "min_cost_multiplier": F(Num(0, 10), "no effect takes a program's flight cost multiplier lower", 0.1),
})
AI = Table({
    "launch_threshold": F(SHARE, "the scripted plan launches when its estimated success reaches this", 0.55),
    "crewed_launch_threshold": F(SHARE, "the same for missions that carry a crew", 0.7),
    "focus": F(Num(1, 20, integer=True), "goals the scripted plan works on at once", 3),
    "research_share": F(SHARE, "share of spare money the scripted plan puts into research", 0.8),
})
CREW = Table({
    "skill_bonus": F(Num(0, 1), "a step's chance rises by skill_bonus * (crew skill - 0.5): a crew weaker than 0.5 "
                                "lowers it", 0.08),
    "flight_experience": F(Num(0, 1), "skill gained in a flown step's discipline per flight (capped at 1)", 0.05),
    "training_gain": F(Num(0, 1), "skill gained in the trained discipline per turn of training", 0.04),
    "training_cost": F(MONEY, "money per person per turn of training", 0.5),
    "rest_turns": F(Num(0, 40, integer=True), "turns a person cannot fly after a flight", 1),
    "max_flights": F(Num(1, 100, integer=True), "a person retires after this many flights", 6),
    "career_years": F(Num(1, 60, integer=True), "a person retires this many years after the group was recruited "
                                                "(or at `retires`, when sooner)", 12),
    "morale_loss": F(SHARE, "every living member's morale falls by this when the side loses a crew", 0.2),
    "morale_wait": F(SHARE, "morale a person loses each turn without a flight, after wait_turns", 0.03),
    "wait_turns": F(Num(0, 100, integer=True), "turns without a flight before morale starts to fall", 6),
    "morale_flight": F(SHARE, "morale regained by flying", 0.15),
    "quit_morale": F(SHARE, "a person whose morale falls below this resigns", 0.2),
})
SCENARIO_FILE = Table({
    "scenario": R(SCENARIO), "victory": F(VICTORY, default={}),
    "side": R(Table({"us": R(SIDE_TABLE), "ussr": R(SIDE_TABLE)})),
    "economy": F(ECONOMY, default={}), "rules": F(RULES, default={}), "ai": F(AI, default={}),
    "crew": F(CREW, default={}),
})

PROGRAM = Table({
    "id": R(Id()), "name": R(Str()), "side": R(SIDE), "kind": R(Enum(KINDS)),
    "requires": F(ListOf(Ref("program")), "programs developed before this one can start", []),
    "available": F(OrEmpty(Date()), "earliest date development may start", ""),
    "locked": F(Bool(), "only an event's unlock makes it available", False),
    "start_cost": R(Num(0.1, 1e5), "money to develop it"),
    "dev_turns": F(Num(1, 40, integer=True), "development takes at least this many turns", 2),
    "flight_cost": R(Num(0, 1e5), "money per flight"),
    "research_cost": R(Num(0.1, 1e5), "money a turn that buys fast research"),
    "reliability": R(Num(0.01, 1), "true reliability once developed"),
    "research_cap": R(Num(0.01, 1), "research alone stops here"),
    "max_reliability": R(Num(0.01, 1), "flying can raise it up to here"),
    "crew": F(Num(0, 12, integer=True), "seats", 0),
    "description": F(Str(), "", ""),
    "source": F(Str(), "", ""),
    "image": F(Str(), "a PNG or JPEG picture of it: a path inside the scenario folder, like \"images/r7.png\" "
                      "(empty: the game draws one from the program's fields)", ""),
    "shape": F(Enum(SHAPES), "its picture: \"spaceplane\" draws a winged orbiter, which rides on the side of its "
                             "mission's launcher (empty: drawn from its kind)", ""),
    "boosters": F(OrEmpty(Num(0, 8, integer=True)), "a launcher's strap-on boosters, as its picture shows them "
                                                   "(empty: the game picks from its side and era)", ""),
})
MILESTONE = Table({
    "id": R(Id()), "name": R(Str()),
    "requires": F(ListOf(Ref("milestone")), "milestones a side should hold first", []),
    "prestige": R(Table({"first": R(Num(-1000, 1000)), "second": R(Num(-1000, 1000)),
                         "repeat": F(Num(-1000, 1000), default=0), "failure": F(Num(-1000, 1000), default=0)})),
    "historical": F(OrEmpty(Date()), "when it first happened, shown on the timeline", ""),
    "description": F(Str(), "", ""),
})
STEP = Table({
    "name": R(Str()), "program": R(Ref("program")),
    "lethality": F(SHARE, "chance a failure here kills the crew", 0.0),
    "earns": F(ListOf(Ref("milestone")), "milestones earned when this step succeeds", []),
    "skill": F(OrEmpty(Enum(SKILLS)), "the discipline whose crew skill helps this step (empty: none)", ""),
})
MISSION = Table({
    "id": R(Id()), "name": R(Str()), "side": R(SIDE),
    "available": F(OrEmpty(Date()), "earliest date it may fly", ""),
    "locked": F(Bool(), "only an event's unlock makes it available", False),
    "crew": F(Num(0, 12, integer=True), "", 0),
    "cost": F(MONEY, "money a flight beyond its programs' costs", 0),
    "steps": R(ListOf(STEP)),
    "description": F(Str(), "", ""),
    "ai_priority": F(Num(-1e6, 1e6), "the scripted plan prefers lower numbers", 100),
    "records": F(MapOf(Ref("record"), Num(0, 1e6, above_lo=True)),
                 "record id = the value (more than 0) a flight that succeeds at every step sets", {}),
    "starts": F(OrEmpty(Ref("operation")), "an operation of the mission's side that a full success starts or renews "
                                           "(empty: none)", ""),
})
TRIGGER = Table({
    "after": F(Date()), "before": F(Date()),
    "has": F(ListOf(Ref("milestone")), default=[]), "lacks": F(ListOf(Ref("milestone")), default=[]),
    "rival_has": F(ListOf(Ref("milestone")), default=[]), "any_has": F(ListOf(Ref("milestone")), default=[]),
    "flags": F(ListOf(Ref("flag")), default=[]), "not_flags": F(ListOf(Ref("flag")), default=[]),
    "min_prestige": F(Num(-1e6, 1e6)), "max_prestige": F(Num(-1e6, 1e6)), "min_lead": F(Num(-1e6, 1e6)),
    "min_budget": F(Num(-1e6, 1e6)), "max_budget": F(Num(-1e6, 1e6)),
    "reliability": F(MapOf(Ref("program"), SHARE), default={}),
})
EFFECTS = Table({
    "budget": F(Num(-1e5, 1e5), "yearly budget change, for good"),
    "cash": F(Num(-1e5, 1e5), "money now"),
    "prestige": F(Num(-1e4, 1e4), "prestige now"),
    "research": F(Num(-10, 10), "research speed change, for good"),
    "reliability": F(MapOf(Ref("program"), Num(-1, 1)), default={}),
    "cost": F(MapOf(Ref("program"), Num(-10, 10)), default={}),
    "unlock": F(ListOf(Ref("target")), default=[]),
    "cancel": F(ListOf(Ref("target")), default=[]),
    "ground": F(MapOf(Ref("program"), Num(1, 100, integer=True)), default={}),
    "set_flags": F(ListOf(Id()), default=[]),
    "clear_flags": F(ListOf(Ref("flag")), default=[]),
    "fire": F(MapOf(Ref("event"), Num(1, 100, integer=True)), "event id = delay in turns", {}),
})
OPTION = Table({
    "text": R(Str()), "ai_weight": F(Num(0, 1e6), "how likely the computer picks it", 1),
    "effects": F(EFFECTS, default={}),
})
EVENT = Table({
    "id": R(Id()), "title": R(Str()), "text": R(Str()),
    "source": R(Str(), "where in the source document or history it comes from"),
    "who": F(Enum(("us", "ussr", "both")), "who receives it and whose numbers its effects change", "both"),
    "public": F(Bool(), "the rival hears of it too", True),
    "once": F(Bool(), "", True),
    "cooldown": F(Num(1, 1000, integer=True), "turns before a repeatable event may fire again", 1),
    "date": F(Date(), "fires on the first turn at or after this date when the trigger holds"),
    "mtth": F(Num(0.1, 1e4), "mean time to happen, in turns, while the trigger holds"),
    "trigger": F(TRIGGER, default={}),
    "effects": F(EFFECTS, default={}),
    "option": F(ListOf(OPTION), "choices offered to the receiver", []),
})

RECORD = Table({
    "id": R(Id()), "name": R(Str()),
    "unit": F(Str(), "what the value counts, a label like \"days\"", ""),
    "prestige": R(Num(0, 1000), "prestige paid to a side each time it raises the record"),
    "min_gain": F(Num(0, 1e6), "a new value must beat the old one by more than this", 0),
    "description": F(Str(), "", ""),
})
OPERATION_KINDS = ("station", "rover", "orbiter", "other")
OPERATION = Table({
    "id": R(Id()), "name": R(Str()), "side": R(SIDE),
    "kind": F(Enum(OPERATION_KINDS), "a label for pictures and screens", "other"),
    "prestige": R(Num(0, 1000), "prestige each turn it runs"),
    "upkeep": R(Num(0, 1e5), "money each turn it runs"),
    "turns": R(Num(1, 1000, integer=True), "turns one start keeps it running (a later start renews it to at least "
                                           "this)"),
    "record": F(OrEmpty(Ref("record")), "a record whose value is its running time without a break, in months "
                                        "(empty: none)", ""),
    "description": F(Str(), "", ""),
})

GROUP = Table({
    "id": R(Id()), "name": R(Str()), "side": R(SIDE),
    "available": F(OrEmpty(Date()), "the group may be recruited from this date (empty: from the start)", ""),
    "cost": F(MONEY, "money to recruit the whole group (0: it joins by itself on its date)", 0),
    "description": F(Str(), "", ""),
})
PERSON = Table({
    "id": R(Id()), "name": R(Str()),
    "group": R(Ref("group"), "the recruitment group; the person's side is the group's"),
    "skills": R(Table({k: R(SHARE) for k in SKILLS}), "each discipline from 0 to 1: " + ", ".join(SKILLS)),
    "status": F(Enum(("active", "retired")), "how the person starts", "active"),
    "retires": F(OrEmpty(Date()), "the person leaves the corps at this date (empty: by the [crew] rules only)", ""),
    "bio": F(Str(), "one line about the person", ""),
})

FILES = {  # file name -> ((array table name or None, spec), ...): the tables each file holds
    "scenario.toml": ((None, SCENARIO_FILE),),
    "programs.toml": (("program", PROGRAM),),
    "milestones.toml": (("milestone", MILESTONE),),
    "missions.toml": (("mission", MISSION),),
    "events.toml": (("event", EVENT),),
    "records.toml": (("record", RECORD),),
    "operations.toml": (("operation", OPERATION),),
    "people.toml": (("group", GROUP), ("person", PERSON)),
}
ENTRY_SPECS = {array: spec for tables in FILES.values() for array, spec in tables if array}   # array -> spec
# a scenario that extends nothing may leave these out (no records, operations or people)
OPTIONAL_FILES = ("records.toml", "operations.toml", "people.toml")


def entry_file_json(tables: tuple) -> dict:
    """JSON Schema of one entry file: its [[array]] entries (of each of its tables), [[patch]] entries and a
    `remove` list."""
    props = {"remove": {"type": "array", "items": Id().json(), "description": "ids of the base's entries to delete"}}
    for array, spec in tables:
        props[array] = {"type": "array", "items": spec.json(), "description": "entries: a new id adds, a known id "
                                                                              "replaces"}
    patches = [spec.partial().json() for _, spec in tables]
    props["patch"] = {"type": "array", "items": patches[0] if len(patches) == 1 else {"anyOf": patches},
                      "description": "fields merged into the base's entry of the same id"}
    return {"type": "object", "additionalProperties": False, "properties": props}


def json_schema() -> dict:
    """A JSON Schema (draft 2020-12) of the scenario format: one definition per file under `$defs`
    (`#/$defs/programs.toml`...); the document itself accepts any one of them."""
    defs = {}
    for name, tables in FILES.items():
        array, spec = tables[0]
        if array is None:
            schema = spec.json()
            schema["required"] = ["scenario"]  # an extension may give only [scenario] id, name and extends
            schema["properties"]["scenario"]["required"] = ["id"]
        else:
            schema = entry_file_json(tables)
        schema["title"] = name
        defs[name] = schema
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://spacerace.invalid/scenario.schema.json",
            "title": "Space Race scenario",
            "description": "The files of a scenario folder; each file's schema is under $defs by file name.",
            "$defs": defs, "anyOf": [{"$ref": f"#/$defs/{name}"} for name in FILES]}

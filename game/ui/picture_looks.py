"""The looks of a scenario's programs: what each program's picture is drawn from, computed from the
scenario's data alone (no drawing here).

A program's kind picks its shape; a launcher's size (its costs against the scenario's other launchers)
makes it taller and wider, its era (its `available` date against the scenario's first and last dates)
adds stages, and an early Soviet family gets strap-on boosters (a launcher's `boosters` field sets how many).
Capsules follow their seats, side and size; a program whose `shape` is "spaceplane" is a winged orbiter.
A craft's destinations come from the milestones its missions can earn (their ids and names mention the Moon,
Venus, Mars or the outer planets), and a stable number from a hash of the program's id varies the small
details (dish, panels, antennas), so two programs of one kind never look quite alike.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from functools import lru_cache

from game.scenario.schema import KINDS


@dataclass(frozen=True)
class Look:
    """What a program's picture is drawn from: every field is plain data, so a Look is a cache key."""

    kind: str
    side: int            # 0 US, 1 USSR
    size: float = 0.5    # 0 smallest .. 1 largest of its kind in the scenario
    era: float = 0.5     # 0 earliest .. 1 latest in the scenario
    crew: int = 0
    stages: int = 1      # a launcher's stages, 1 to 3
    image: str = ""      # path of the program's own image ("" none)
    dests: tuple = ()    # worlds its missions go to, in DESTINATIONS order
    variant: int = 0     # 0..255, a stable hash of the program's id: small details
    lands: bool = False  # its missions can earn a landing milestone
    winged: bool = False  # a winged orbiter (`shape = "spaceplane"`): it rides on its launcher's side
    boosters: int = 0    # a launcher's strap-on boosters

    @property
    def strap_ons(self) -> bool:
        """Whether the launcher's picture has strap-on boosters at all."""
        return self.boosters > 0


DESTINATIONS = {"moon": ("moon", "lunar", "luna"), "venus": ("venus", "venera"), "mars": ("mars",),
                "outer": ("jupiter", "saturn_flyby", "outer", "grand_tour", "neptune", "uranus")}



# --- reading the scenario -------------------------------------------------------------------------------------
def _year(date) -> float | None:
    """Year with fraction of a "YYYY[-MM[-DD]]" date; None when empty."""
    if not isinstance(date, str) or not date:
        return None
    parts = date.split("-")
    return int(parts[0]) + (int(parts[1]) - 1) / 12 if len(parts) > 1 else float(parts[0])


def _spread(values: dict, key) -> float:
    """key's value placed on 0..1 between the smallest and largest of `values` (0.5 when all are equal)."""
    lo, hi = min(values.values()), max(values.values())
    return 0.5 if hi - lo < 1e-9 else (values[key] - lo) / (hi - lo)


def _weight(prog: dict) -> float:
    """How big a program is, from its costs (log scale: a Saturn costs ten Redstones, it is not ten times taller)."""
    return math.log(max(0.1, float(prog["flight_cost"])) * 3 + float(prog["start_cost"]) + float(prog["research_cost"]))


_last: list = [None, (), {}]  # the scenario asked about last, its looks and program index by id (asked every frame)


def scenario_looks(scenario) -> tuple[Look, ...]:
    """The Look of every program of `scenario`, in the scenario's program order."""
    if _last[0] is not scenario:
        _last[:] = [scenario, _looks(tuple(_program_key(p) for p in scenario.programs),
                                     tuple(str(x) for x in _image_paths(scenario)), _destinations(scenario)),
                    {prog["id"]: i for i, prog in enumerate(scenario.programs)}]
    return _last[1]


def program_index(scenario) -> dict[str, int]:
    """Index of each program of `scenario` by its id (cached with its looks)."""
    scenario_looks(scenario)
    return _last[2]


def _program_key(prog: dict) -> tuple:
    boosters = prog.get("boosters", "")
    return (prog["id"], prog["side"], prog["kind"], prog.get("available") or "", float(prog["start_cost"]),
            float(prog["flight_cost"]), float(prog["research_cost"]), int(prog.get("crew") or 0),
            tuple(prog.get("requires") or ()), prog.get("shape") or "", -1 if boosters in ("", None) else int(boosters))


def _destinations(scenario) -> tuple:
    """Each program's (destinations, lands): the worlds named by the milestones (id or name) its missions can earn,
    and whether one of them is a landing."""
    words = {}
    for ms in getattr(scenario, "milestones", None) or ():
        text = f"{ms.get('id', '')} {ms.get('name', '')}".lower()
        words[ms.get("id")] = {d for d, keys in DESTINATIONS.items() if any(k in text for k in keys)}
        if "landing" in text or "lander" in text:
            words[ms.get("id")].add("landing")
    found: dict[str, set] = {}
    for m in getattr(scenario, "missions", None) or ():
        earned = set().union(*(words.get(e, set()) for st in m["steps"] for e in st.get("earns") or ()))
        for st in m["steps"]:
            found.setdefault(st["program"], set()).update(earned)
    return tuple((tuple(d for d in DESTINATIONS if d in found.get(p["id"], ())), "landing" in found.get(p["id"], ()))
                 for p in scenario.programs)


def _variant(ident: str) -> int:
    """A stable number 0..255 from a program's id (the same on every run and machine)."""
    return hashlib.sha1(ident.encode()).digest()[0]


def _image_paths(scenario) -> list:
    """Resolved image path of each program ("" none); the scenario carries them in `images` (id -> Path)."""
    images = getattr(scenario, "images", None) or {}
    return [images.get(p["id"], "") for p in scenario.programs]


@lru_cache(maxsize=16)
def _looks(progs: tuple, images: tuple, dests: tuple = ()) -> tuple[Look, ...]:
    """The looks of programs given as _program_key tuples (every field a look reads, so the cache key)."""
    fields = ("id", "side", "kind", "available", "start_cost", "flight_cost", "research_cost", "crew", "requires",
              "shape", "boosters")
    rows = [dict(zip(fields, p, strict=True)) for p in progs]
    years = {i: y for i, r in enumerate(rows) if (y := _year(r["available"])) is not None}
    mean_year = sum(years.values()) / len(years) if years else 0.0
    for i in range(len(rows)):
        years.setdefault(i, mean_year)
    weights: dict[str, dict[int, float]] = {}
    for i, r in enumerate(rows):
        weights.setdefault(r["kind"], {})[i] = _weight(r)
    by_id = {r["id"]: i for i, r in enumerate(rows)}
    looks: list[Look] = []
    for i, r in enumerate(rows):
        side = 0 if r["side"] == "us" else 1
        size, era = _spread(weights[r["kind"]], i), _spread(years, i)
        looks.append(Look(r["kind"] if r["kind"] in KINDS else "satellite", side, round(size, 2), round(era, 2),
                          r["crew"], image=images[i], dests=dests[i][0] if dests else (),
                          variant=_variant(r["id"]), lands=bool(dests and dests[i][1]),
                          winged=r["shape"] == "spaceplane"))
    # A launcher's stages: 1 to 3 with its size or era. One that builds on another launcher (`requires` it) is
    # that rocket grown: at least its size, one stage more. Strap-ons: a Soviet launcher of the first half of
    # the scenario's years that builds on no other launcher, and every launcher built on one of those, four of
    # them; a launcher's `boosters` (-1 here when not given) overrides that.
    parents = {i: [by_id[x] for x in r["requires"] if x in by_id and rows[by_id[x]]["kind"] == "launcher"]
               for i, r in enumerate(rows) if r["kind"] == "launcher"}
    done: dict[int, Look] = {}
    for _ in range(len(rows)):  # parents first (a loop of requires is left as it is: the validator reports it)
        for i, ps in parents.items():
            if i in done or any(j not in done for j in ps if j != i):
                continue
            lk = looks[i]
            stages = 1 + min(2, round(2 * max(lk.size, lk.era * 0.8)))
            up = [done[j] for j in ps if j != i]
            size = max([lk.size] + [u.size for u in up])
            stages = min(3, max([stages] + [u.stages + 1 for u in up]))
            strap = (lk.side == 1 and not up and lk.era < 0.5) or any(u.strap_ons for u in up)
            boosters = rows[i]["boosters"] if rows[i]["boosters"] >= 0 else 4 * strap
            done[i] = Look(lk.kind, lk.side, size, lk.era, lk.crew, stages=stages,
                           image=lk.image, dests=lk.dests, variant=lk.variant, lands=lk.lands, winged=lk.winged,
                           boosters=boosters)
    return tuple(done.get(i, lk) for i, lk in enumerate(looks))


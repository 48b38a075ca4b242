"""`spacerace new-scenario NAME --from ID`: a starting point for a mod, in the user's scenario folder."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

STUB = '''# {name}: an extension of "{base}". Only what you change needs to be here;
# see MODDING.md ("Extending a scenario") for the rules, and check it with
#   spacerace validate {name}

[scenario]
id = "{name}"
name = "{title}"
description = "A variant of {base_name}."
version = "0.1"
extends = "{base}"

# Change any value of the base's scenario.toml by writing it here, e.g.
# [side.ussr]
# pads = 3
'''

ENTRY_STUB = '''# Entries here are layered over "{base}"'s {file}:
#   {tables} with a new id adds one, with an existing id replaces it;
#   [[patch]] with an existing id changes only the fields it gives;
#   remove = ["some_id"] (at the top of the file) deletes entries.
#
# [[patch]]
# id = "{example}"
# {field} = {value}
'''

EXAMPLES = {"programs.toml": ("program", "reliability", "0.7"), "milestones.toml": ("milestone", "description", '""'),
            "missions.toml": ("mission", "ai_priority", "10"), "events.toml": ("event", "mtth", "4"),
            "records.toml": ("record", "prestige", "3"), "operations.toml": ("operation", "upkeep", "2"),
            "people.toml": ("person", "skills", "{ eva = 0.9 }")}


def add_parser(sub) -> None:
    s = sub.add_parser("new-scenario", help="start a new scenario in your scenario folder from an existing one")
    s.add_argument("name", help="id of the new scenario (lower-case, like my_mod)")
    s.add_argument("--from", dest="base", default="historical", help="scenario id or folder to start from")
    s.add_argument("--copy", action="store_true", help="copy every file instead of writing an extension stub")
    s.add_argument("--dir", help="create it in this folder instead of your scenario folder")
    s.set_defaults(func=run)


def run(args) -> int:
    from game.scenario import describe, resolve, user_dir
    from game.scenario.loader import load_raw
    from game.scenario.schema import FILES, ID_RE

    if not ID_RE.match(args.name):
        raise SystemExit(f"spacerace: '{args.name}' is not a valid scenario id: use lower-case letters, digits and _,"
                         " starting with a letter (like my_mod)")
    base = resolve(args.base)
    if not (base / "scenario.toml").is_file():
        raise SystemExit(f"spacerace: no scenario '{args.base}' to start from (see `spacerace scenarios`)")
    raw = load_raw(base)
    meta = raw.meta.get("scenario") if isinstance(raw.meta.get("scenario"), dict) else {}
    base_id = meta.get("id") if isinstance(meta.get("id"), str) else base.name
    target = Path(args.dir) / args.name if args.dir else user_dir() / args.name
    if target.exists():
        raise SystemExit(f"spacerace: {target} already exists; choose another name or remove it")
    try:
        if args.copy:
            shutil.copytree(base, target, ignore=shutil.ignore_patterns("*~", ".*", "__pycache__"))
            _rename(target / "scenario.toml", args.name)
        else:
            target.mkdir(parents=True)
            names = {"name": args.name, "base": base_id, "title": args.name.replace("_", " ").capitalize(),
                     "base_name": meta.get("name") if isinstance(meta.get("name"), str) else base_id}
            (target / "scenario.toml").write_text(STUB.format(**names), encoding="utf-8")
            for file, (array, fld, value) in EXAMPLES.items():
                ids = [e.data["id"] for e in raw.entries.get(array, []) if isinstance(e.data.get("id"), str)]
                tables = " or ".join(f"[[{a}]]" for a, _ in FILES[file])
                text = ENTRY_STUB.format(base=base_id, file=file, tables=tables, example=ids[0] if ids else "some_id",
                                         field=fld, value=value)
                (target / file).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise SystemExit(f"spacerace: cannot create {target}: {exc.strerror or exc}") from None
    if args.copy:
        what = f"a full copy of '{base_id}'"
    else:
        what = f"an extension of '{base_id}' (scenario.toml, and entry files holding only commented examples)"
    print(f"created {what} in {target}")
    if args.dir and not (target.parent / base_id).exists() and not args.copy:
        print(f"note: '{base_id}' is found by id from the game's and your scenario folders")
    print(f"check it with: spacerace validate {target}")
    status = describe(target)["status"]
    print(f"status now: {status}")
    return 0


def _rename(path: Path, ident: str) -> None:
    """Give a copied scenario.toml its new id (the first `id = ...` line of [scenario])."""
    text = path.read_text(encoding="utf-8")
    head = re.search(r"^\s*\[scenario\]\s*$", text, re.MULTILINE)
    start = head.end() if head else 0
    m = re.compile(r"^(\s*id\s*=\s*)\"[^\"\n]*\"", re.MULTILINE).search(text, start)
    if m:
        text = text[:m.start()] + f'{m.group(1)}"{ident}"' + text[m.end():]
    path.write_text(text, encoding="utf-8")

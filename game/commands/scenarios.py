"""`spacerace scenarios`: every scenario found (shipped and the user's), with its validation status."""

from __future__ import annotations

import json


def add_parser(sub) -> None:
    s = sub.add_parser("scenarios", help="list every scenario found (shipped and yours) and whether it is valid")
    s.add_argument("--json", action="store_true", help="print one JSON list")
    s.set_defaults(func=run)


def run(args) -> int:
    from game.scenario import BUILTIN_DIR, describe, discover, user_dir

    rows = []
    for ident, origin, folder in discover():
        info = describe(folder)
        info.update(origin=origin, folder=str(folder))
        if origin == "user" and any(r["id"] == ident and r["origin"] == "shipped" for r in rows):
            info["status"] += "; hidden by the shipped scenario of the same id"
        rows.append(info)
    if args.json:
        print(json.dumps(rows))
        return 0
    if not rows:
        print(f"no scenarios found (user folder: {user_dir()})")
        return 0
    width = max(len(r["id"]) for r in rows)
    for r in rows:
        ext = f", extends {r['extends']}" if r["extends"] else ""
        print(f"{r['id']:{width}}  v{r['version']:6} {r['origin']:7} {r['status']}{ext}")
        print(f"{'':{width}}  {r['name']}" + (f": {r['description']}" if r["description"] else ""))
    print(f"\nthe shipped scenarios are in {BUILTIN_DIR}")
    print("(to change one, start your own from it: spacerace new-scenario NAME --from ID)")
    print(f"your scenarios go in {user_dir()}")
    return 0

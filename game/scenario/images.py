"""A program's `image`: a PNG or JPEG file of the scenario, shown instead of the picture the game draws.

The path is relative to the folder of the scenario file that wrote it (a scenario that extends another
may point at its own files). It must name a file inside that folder, of at most MAX_IMAGE_BYTES, that
starts like a PNG or a JPEG. Only the first bytes are read here (the core imports no image library);
the UI decodes the file.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from game.scenario.diagnostics import ERROR, Diagnostic
from game.scenario.loader import Entry, RawScenario

MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAGIC = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}
FIELD = ("image",)


def image_problem(e: Entry) -> tuple[Path | None, str]:
    """(resolved path, "") for a program whose image is fine, (None, what is wrong and how to fix it)
    otherwise; (None, "") when it has no image."""
    text = e.data.get("image")
    if not isinstance(text, str) or not text:
        return None, ""
    folder = e.source(FIELD).folder
    if folder is None:
        return None, "cannot tell which scenario folder this image belongs to"
    if "\\" in text:
        return None, f"write the path {text!r} with forward slashes, like \"images/rocket.png\""
    rel = PurePosixPath(text)
    if rel.is_absolute() or (rel.parts and rel.parts[0].endswith(":")):
        return None, f"{text!r} must be a path inside the scenario folder, like \"images/rocket.png\", not absolute"
    try:
        root = folder.resolve()
        path = (root / Path(*rel.parts)).resolve()
        if not path.is_relative_to(root):
            return None, (f"{text!r} leads out of the scenario folder; put the picture inside {folder.name}/ "
                          "and point there")
        if not path.is_file():
            where = "a folder" if path.is_dir() else "no such file"
            return None, f"{text!r}: {where} in {folder.name}/; give the path of a PNG or JPEG file, relative to it"
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(8)
    except (OSError, ValueError, RuntimeError) as exc:  # a name the system refuses, a link that loops
        return None, f"cannot read {text[:60]!r}: {getattr(exc, 'strerror', None) or exc}; give a plain relative path"
    if size > MAX_IMAGE_BYTES:
        return None, f"{text!r} is {size} bytes; pictures may be at most {MAX_IMAGE_BYTES} bytes (make it smaller)"
    if not any(head.startswith(m) for m in MAGIC):
        return None, f"{text!r} is not a PNG or JPEG picture; save it as .png or .jpg"
    return path, ""


def check_images(raw: RawScenario) -> list[Diagnostic]:
    """An error, with the file and line of the `image` field, for each program whose image cannot be shown."""
    out = []
    for e in raw.entries.get("program", []):
        _, problem = image_problem(e)
        if problem:
            out.append(Diagnostic(*e.at(FIELD), ERROR, problem, e.field(FIELD)))
    return out


def image_paths(raw: RawScenario) -> dict[str, Path]:
    """Program id -> the file of its image, for every program whose image passed the checks."""
    out = {}
    for e in raw.entries.get("program", []):
        path, _ = image_problem(e)
        if path is not None and isinstance(e.data.get("id"), str):
            out[e.data["id"]] = path
    return out

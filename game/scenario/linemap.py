"""Line numbers for TOML values. tomllib gives none, so we find them in the text.

A LineMap knows where each table header and each `key =` line is. It answers
"on which line is field F of the N-th [[program]]?" well enough for error
messages, falling back to the entry's header line, then to line 0.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\" ]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"]+)\s*=")


class LineMap:
    """Where things are in one TOML file's text."""

    def __init__(self, text: str):
        self.text_lines = text.splitlines()
        self.blocks: list[tuple[str, int, dict[str, int]]] = []  # (header name, line, {key: line})
        current = ("", 0, {})
        self.blocks.append(current)
        for number, line in enumerate(text.splitlines(), start=1):
            header = _HEADER.match(line)
            if header and not line.lstrip().startswith("#"):
                current = (header.group(2).replace('"', "").strip(), number, {})
                self.blocks.append(current)
                continue
            key = _KEY.match(line)
            if key:
                current[2].setdefault(key.group(1).strip('"'), number)

    def element_line(self, table: str, index: int, key: str, element: int) -> int:
        """Line where item `element` of the array `key = [...]` starts, in the
        index-th block `table`; the key's own line when it cannot be told."""
        start = self.key_line(table, index, key)
        if not start:
            return 0
        depth, count, quote, expecting = 0, -1, "", False
        for number in range(start, len(self.text_lines) + 1):
            line = self.text_lines[number - 1]
            col = line.find("=") + 1 if number == start else 0
            while col < len(line):
                ch = line[col]
                if quote:
                    if ch == "\\" and quote == '"':
                        col += 1
                    elif ch == quote:
                        quote = ""
                elif ch in "\"'":
                    quote = ch
                    if depth == 1 and expecting:
                        count, expecting = count + 1, False
                        if count == element:
                            return number
                elif ch == "#":
                    break
                elif ch in "[{":
                    if depth == 1 and expecting:
                        count, expecting = count + 1, False
                        if count == element:
                            return number
                    depth += 1
                    expecting = depth == 1
                elif ch in "]}":
                    depth -= 1
                    if depth <= 0:
                        return start
                elif ch == "," and depth == 1:
                    expecting = True
                elif not ch.isspace() and depth == 1 and expecting:
                    count, expecting = count + 1, False
                    if count == element:
                        return number
                col += 1
        return start

    def entry_line(self, table: str, index: int = 0) -> int:
        """Line of the index-th header named `table` (0 if absent)."""
        found = [b for b in self.blocks if b[0] == table]
        return found[index][1] if index < len(found) else 0

    def key_line(self, table: str, index: int, key: str) -> int:
        """Line of `key` in the index-th block named `table` or in the sub-tables
        that follow it (`[[event.option]]`); else the header's line."""
        seen = -1
        for pos, (name, line, keys) in enumerate(self.blocks):
            if name != table:
                continue
            seen += 1
            if seen != index:
                continue
            if key in keys:
                return keys[key]
            for name2, _, keys2 in self.blocks[pos + 1:]:
                if name2 == table or not name2.startswith(table + "."):
                    break
                if key in keys2:
                    return keys2[key]
            return line
        return 0

    def sub_entry_line(self, table: str, index: int, sub: str, sub_index: int, key: str | None = None) -> int:
        """Line of the sub_index-th `[[table.sub]]` after the index-th `[[table]]` (or of its `key`)."""
        seen = -1
        for pos, (name, line, _keys) in enumerate(self.blocks):
            if name != table:
                continue
            seen += 1
            if seen != index:
                continue
            n = -1
            for name2, line2, keys2 in self.blocks[pos + 1:]:
                if name2 == table:
                    break
                if name2 == f"{table}.{sub}":
                    n += 1
                    if n == sub_index:
                        return keys2.get(key, line2) if key else line2
            return line
        return 0

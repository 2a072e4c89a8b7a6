"""``python -m nec_analysis read FILE``: each table line beside how the reader read it.

Run it on a new clipping before building: it shows, line by line, the name (and the
registered candidate id, or NEW for a person the registry does not know), the figure,
unit, slate label, elected marker and every other part, and each line it cannot read
with file:line and what it expected. Nothing is built or written. It imports no pandas,
so it answers in a fraction of a second.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from ..paths import project_root, raw_dir
from .clippings import ClippingError, Problem, read_clipping
from .names import Anchors
from .table import read_rows

WIDTH = 46  # characters of the printed line shown


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _parts(row: dict[str, object]) -> str:
    """Everything read besides name, figure and id, in words."""
    out = []
    for key, words in (("unit", "unit"), ("label", "slate"), ("marker", "marker"), ("rank", "rank"),
                       ("prev_rank", "previous rank"), ("earlier", "earlier"), ("change", "change"),
                       ("description", "described as"), ("share", "share"), ("figure_note", "figure not known"),
                       ("notes", "")):
        value = row.get(key)
        if value is not None and value != "":
            if key == "rank" and row.get("rank_tie"):
                value = f"{value}="
            if key == "earlier":
                value = ", ".join(v or "–" for v in str(value).split("|"))
            out.append(f"{words} {value}".strip() if words else str(value))
    if row.get("elected") is not None and row.get("marker") is None:
        out.append("elected" if row["elected"] else "not elected")
    return "; ".join(out)


def preview(path: Path, out: TextIO, root: Path | None = None) -> int:
    """Print how each line of ``path`` is read; return 0 if every line reads, else 1."""
    root = root or project_root()
    try:
        clip = read_clipping(path.resolve(), root)
    except ClippingError as err:
        print(err, file=out)
        return 1
    raw = clip.path.parent.parent if (clip.path.parent.parent / "candidates.csv").exists() else raw_dir(root)
    anchors = Anchors.load(raw)
    rows, problems, kind = read_rows(clip, anchors)
    h = clip.header
    read = {int(r["line"]) for r in rows}  # type: ignore[call-overload]
    several = f", {len(rows)} rows" if len(rows) > len(read) else ""  # a line naming several people
    print(f"{clip.file}: {h.get('holds')} of the {h.get('year')} {h.get('section')} election, "
          f"read as {kind.replace('_', '-')} ({len(read)} lines read{several}, {len(problems)} not)", file=out)
    items: list[tuple[int, object]] = [(int(r["line"]), r) for r in rows]  # type: ignore[call-overload]
    items += [(p.line, p) for p in problems if p.line not in {n for n, _ in items}]
    new = 0
    for n, item in sorted(items, key=lambda x: x[0]):
        if isinstance(item, Problem):
            print(f"{n:>5}  {_cut(item.text, WIDTH):<{WIDTH}}  ✗ {item.expected}", file=out)
            continue
        row: dict[str, object] = item  # type: ignore[assignment]
        text = _cut(str(row["text"]), WIDTH)
        kind_ = row["row_kind"]
        if kind_ == "candidate":
            cid = anchors.person(str(row["name"]))
            new += cid is None
            figure = "" if row["figure"] is None else f"{row['figure']:,}"
            shown = f"{row['name']} → {cid or 'NEW'}"
            print(f"{n:>5}  {text:<{WIDTH}}  {shown:<40} {figure:>8}  {_parts(row)}".rstrip(), file=out)
        elif kind_ == "body":
            print(f"{n:>5}  {text:<{WIDTH}}  nominated {row['name']}: {row['body']}", file=out)
        elif kind_ == "total":
            print(f"{n:>5}  {text:<{WIDTH}}  total {row['name']} = {row['figure']}"
                  f"{' (approximate)' if row['label'] else ''}", file=out)
        else:
            print(f"{n:>5}  {text:<{WIDTH}}  {kind_}: {row.get('notes') or row.get('name') or ''}", file=out)
    if new:
        print(f"{new} NEW: people the registry does not know; check each is a person and not a misspelling "
              f"of a registered name before building", file=out)
    for p in sorted(problems, key=lambda p: p.line):
        print(p, file=out)
    return 1 if problems else 0

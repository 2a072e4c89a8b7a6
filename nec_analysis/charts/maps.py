"""Hex cartograms of which CLPs nominated whom (matplotlib, house style from ``charts``).

Each hexagon is one Westminster seat of the election's boundary set (see
``geography.boundary_set_for``), laid out by Open Innovations' HexJSON files: pointy-top,
``odd-r`` (odd rows shifted half a hex right), rows numbered upwards, so for unit radius the
centre is ``x = sqrt(3)*q + (sqrt(3)/2 if r % 2 else 0)``, ``y = 1.5*r`` with y up. Region
borders are drawn between neighbouring hexes of different regions.

Public API:

* ``hex_map_small_multiples(tables, election_id, by="candidate" | "slate_family")``
  → ``(fig, alt_text)``; ``fig`` is ``None`` (and ``alt_text`` the explanation) when the
  election has no CLP-by-CLP list.
* ``draw_hexes(ax, seats, colours)`` — the bare layer, for other charts.

In a notebook::

    fig, alt = maps.hex_map_small_multiples(tables, ELECTION, by="slate_family")
    charts.show(fig, alt=alt) if fig is not None else charts.no_data(alt)
"""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.patches import Patch

from .. import geography as geo
from ..words.format import date, join_names
from . import style as charts

SQRT3 = math.sqrt(3.0)
LAYOUT_CREDIT = "Hex layout: Open Innovations (MIT)"
OGL_CREDIT = "contains public sector information licensed under the Open Government Licence v3.0"

NOT_NOMINATING = "#e6e6e6"   # GB seat whose CLP is not in the list for this panel
NO_CLPS = "#ffffff"          # Northern Ireland: Labour has no CLPs
REGION_EDGE = "#7a7a7a"
PANEL_TITLE_IN = 0.55        # room above each panel for its two-line title
MAX_WIDTH_IN = charts.CHART_WIDTH_IN  # drawn for a phone's column (charts.style)


# ---------------------------------------------------------------------------------------
# Geometry
# ---------------------------------------------------------------------------------------

def hex_centres(q, r) -> tuple[np.ndarray, np.ndarray]:
    """Centres of odd-r pointy-top hexes of unit radius, y pointing up (north)."""
    q = np.asarray(q, dtype=float)
    r = np.asarray(r, dtype=int)
    x = SQRT3 * q + np.where(r % 2 == 1, SQRT3 / 2, 0.0)
    y = 1.5 * r.astype(float)
    return x, y


def hex_vertices(x: np.ndarray, y: np.ndarray, radius: float = 1.0) -> np.ndarray:
    """(n, 6, 2) vertices of pointy-top hexes (a vertex at the top)."""
    ang = np.radians(90 + 60 * np.arange(6))
    return np.stack([x[:, None] + radius * np.cos(ang), y[:, None] + radius * np.sin(ang)], axis=-1)


def _neighbours(q: int, r: int) -> list[tuple[int, int]]:
    """odd-r neighbours (odd rows are shifted right)."""
    dq = (0, 1) if r % 2 else (-1, 0)
    return [(q - 1, r), (q + 1, r)] + [(q + d, r + dr) for dr in (-1, 1) for d in dq]


def region_borders(seats: pd.DataFrame) -> np.ndarray:
    """Segments (n, 2, 2) on the shared edge of neighbouring hexes in different regions."""
    where = {(int(q), int(r)): reg for q, r, reg in seats[["q", "r", "region"]].itertuples(index=False)}
    segs = []
    for (q, r), reg in where.items():
        for nq, nr in _neighbours(q, r):
            other = where.get((nq, nr))
            if other is None or other == reg or (nq, nr) < (q, r):
                continue
            (ax_, bx), (ay, by) = hex_centres([q, nq], [r, nr])
            mx, my = (ax_ + bx) / 2, (ay + by) / 2
            dx, dy = bx - ax_, by - ay
            norm = math.hypot(dx, dy)
            px, py = -dy / norm * 0.5, dx / norm * 0.5  # half an edge (edge length = radius = 1)
            segs.append([[mx - px, my - py], [mx + px, my + py]])
    return np.array(segs).reshape(-1, 2, 2)


def draw_hexes(ax, seats: pd.DataFrame, colours: pd.Series | None = None,
               default: str = NOT_NOMINATING, borders: bool = True) -> PolyCollection:
    """Draw every seat of ``seats`` on ``ax``; ``colours`` indexed by ``hex_id`` overrides the
    default; Northern Ireland (``has_clps`` False) is drawn as an outline only."""
    x, y = hex_centres(seats.q, seats.r)
    fill = seats.hex_id.map(colours if colours is not None else {}).fillna(default)
    fill = fill.where(seats.has_clps, NO_CLPS)
    coll = PolyCollection(hex_vertices(x, y, 0.98), facecolors=list(fill),
                          edgecolors=np.where(seats.has_clps, "none", "#c8c8c8"), linewidths=0.3)
    coll.set_rasterized(True)  # some 630 hexagons a map (and their borders): an image in the SVG; text stays text
    ax.add_collection(coll)
    if borders:
        ax.add_collection(LineCollection(region_borders(seats), colors=REGION_EDGE, linewidths=0.5,
                                         rasterized=True))
    ax.set_xlim(x.min() - 1.5, x.max() + 1.5)
    ax.set_ylim(y.min() - 1.5, y.max() + 1.5)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return coll


# ---------------------------------------------------------------------------------------
# Small multiples
# ---------------------------------------------------------------------------------------

def _sources_line(tables: dict[str, pd.DataFrame], located: pd.DataFrame) -> str:
    return geo.source_words(tables, located.source_id)


def _panels(tables, election_id, by, root):
    located = geo.locate_nominations(tables, election_id, root)
    df = geo._units(located, tables, election_id)
    conc = geo.concentration(tables, election_id, root)
    level = "candidate" if by == "candidate" else "slate_family"
    conc = conc[conc.level == level].sort_values(["clps", "unit_name"], ascending=[False, True])
    key = "candidate_id" if by == "candidate" else "slate_family"
    panels = []
    for row in conc.itertuples(index=False):
        sub = df[df[key] == row.unit_id]
        name = row.unit_name if by == "candidate" else charts.slate_label(row.unit_id)
        panels.append({"unit_id": row.unit_id, "name": name,
                       "family": row.slate_family, "hex_ids": set(sub.hex_id),
                       "clps": int(row.clps), "top_region": row.top_region,
                       "top_region_clps": int(row.top_region_clps), "n_regions": int(row.n_regions)})
    return located, panels


def hex_map_small_multiples(tables: dict[str, pd.DataFrame], election_id: str,
                            by: str = "candidate", units: list[str] | None = None,
                            min_clps: int = 1, ncols: int | None = None,
                            title: str | None = None, panel_width: float | None = None,
                            root: Path | None = None):
    """Small-multiple hex maps: one panel per candidate (``by="candidate"``) or slate family
    (``by="slate_family"``), the CLPs that nominated it filled in its slate family's colour.

    ``units`` restricts and orders the panels (candidate ids or family names); ``min_clps``
    drops panels with fewer CLPs. Returns ``(fig, alt_text)``; where the election has no
    CLP-by-CLP list, ``(None, explanation)``.
    """
    if by not in ("candidate", "slate_family"):
        raise ValueError("by must be 'candidate' or 'slate_family'")
    reason = geo.no_clp_data_reason(tables, election_id)
    if reason:
        return None, reason
    located, panels = _panels(tables, election_id, by, root)
    most = max((p["clps"] for p in panels), default=0)  # over all units, not just those shown
    lead = [p for p in panels if p["clps"] == most]
    leaders = [p["name"] for p in lead]
    if units is not None:
        order = {u: i for i, u in enumerate(units)}
        panels = sorted((p for p in panels if p["unit_id"] in order), key=lambda p: order[p["unit_id"]])
    panels = [p for p in panels if p["clps"] >= min_clps]
    if not panels:
        return None, f"{geo.election_words(election_id)}: no {by.replace('_', ' ')} has at least {min_clps} CLPs in the list."

    bset = geo.boundary_set_for(election_id)
    seats = geo.seats(bset, root)
    n_gb = int(seats.has_clps.sum())
    ncols = ncols or min(len(panels), 2)
    # The page shows a figure at most MAX_WIDTH_IN wide; a wider one is scaled down, and its
    # labels and source line with it, so the panels share that width.
    panel_width = panel_width or min(2.4, MAX_WIDTH_IN / ncols)
    nrows = math.ceil(len(panels) / ncols)
    x, y = hex_centres(seats.q, seats.r)
    aspect = (y.max() - y.min() + 3) / (x.max() - x.min() + 3)
    charts.apply_style()
    fig, axes = plt.subplots(nrows, ncols, squeeze=False,
                             figsize=(panel_width * ncols, (panel_width * aspect + PANEL_TITLE_IN) * nrows + 4.6))
    for ax in axes.flat[len(panels):]:
        ax.set_axis_off()
    for ax, p in zip(axes.flat, panels):
        colour = charts.slate_colour(p["family"] if pd.notna(p["family"]) else "unknown")
        draw_hexes(ax, seats, pd.Series(colour, index=sorted(p["hex_ids"])))
        ax.set_title(f"{charts.wrap_label(p['name'])}\n{p['clps']} CLP{'s' if p['clps'] != 1 else ''}", loc="left",
                     fontsize=charts.TEXT_PT, fontweight="normal")

    n_clps = located.loc[located.mapped, "body"].nunique()
    status = sorted(set(located.status.dropna()))
    as_of = join_names(date(d) for d in sorted(set(located.as_of.dropna())))
    when = (f"as of {as_of} (an interim list, before nominations closed)" if status == ["interim"]
            else (f"as of {as_of}" if as_of else "final list"))
    if title is None and by == "candidate":
        who = leaders[0] if len(leaders) == 1 else ", ".join(leaders[:-1]) + " and " + leaders[-1]
        each = " each" if len(leaders) > 1 else ""
        title = f"{geo.election_words(election_id)}: {who} had the most CLP nominations ({most}{each} of {n_clps} CLPs listed)"
    elif title is None:
        kinds = " or ".join("a candidate with no known slate" if p["unit_id"] == "unknown"
                            else f"a {charts.slate_label(p['unit_id'])} candidate" for p in lead)
        title = f"{geo.election_words(election_id)}: {most} of the {n_clps} CLPs listed nominated {kinds}, more than any other group"
    shown = {p["family"] if pd.notna(p["family"]) else "unknown" for p in panels}
    families = [f for f in charts.SLATE_ORDER if f in shown] + sorted(shown - set(charts.SLATE_ORDER))
    handles = [Patch(facecolor=charts.slate_colour(f), label=f"Nominated ({charts.slate_label(f)})") for f in families]
    handles += [Patch(facecolor=NOT_NOMINATING, label="Did not nominate / not in list"),
                Patch(facecolor=NO_CLPS, edgecolor="#c8c8c8", label="Northern Ireland (no CLPs)")]
    subtitle = (f"CLPs that had nominated each {'candidate' if by == 'candidate' else 'slate family'}, "
                f"{when} (N={n_clps:,} CLPs listed). One hexagon per Westminster seat "
                f"({geo.BOUNDARY_WORDS.get(bset, bset)}); grey lines mark regions.")
    source = (f"Source: {_sources_line(tables, located)}.\n{LAYOUT_CREDIT}; {OGL_CREDIT}.")
    _style(fig, title, subtitle, source, handles)

    alt = f"{_alt_text(election_id, by, panels, n_clps, n_gb, bset, when)} {LAYOUT_CREDIT}."
    return fig, alt


def _style(fig, title: str, subtitle: str, source: str, handles: list) -> None:
    """House title, subtitle and source line (``charts``), a legend under the title, layout."""
    charts.add_title(fig, title, subtitle)
    charts.add_source(fig, source)
    height = fig.get_figheight()
    title_in = getattr(fig, "_nec_title_in", 0.6)
    source_in = getattr(fig, "_nec_source_in", 0.4)
    ncol = 1
    legend_in = 0.3 * math.ceil(len(handles) / ncol) + 0.15  # a line of TEXT_PT text and its gap
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.01, 1 - title_in / height),
               ncol=ncol, frameon=False, fontsize=charts.TEXT_PT)
    # Laid out by hand: each row a map with its two-line title (PANEL_TITLE_IN) above it (tight_layout
    # packs maps of fixed aspect into overlapping rows)
    nrows = fig.axes[0].get_subplotspec().get_gridspec().nrows if fig.axes else 1
    row_in = (height - title_in - legend_in - source_in) / nrows
    fig.subplots_adjust(left=0.02, right=0.98, bottom=source_in / height,
                        top=1 - (title_in + legend_in + PANEL_TITLE_IN) / height, wspace=0.08,
                        hspace=PANEL_TITLE_IN / max(row_in - PANEL_TITLE_IN, 0.1))
    fig._nec_laid_out = True  # charts.to_png / show must not redo the layout


def _alt_text(election_id, by, panels, n_clps, n_gb, bset, when) -> str:
    what = "candidate" if by == "candidate" else "slate family"
    lines = [f"Hex maps of Great Britain, one per {what} ({len(panels)} maps), for the "
             f"{geo.election_words(election_id)} NEC election. Each hexagon is a Westminster "
             f"constituency ({geo.BOUNDARY_WORDS.get(bset, bset)}, {n_gb} in "
             f"Great Britain); a filled hexagon means that constituency's CLP had nominated "
             f"{'the candidate' if by == 'candidate' else 'at least one candidate of that slate family'} "
             f"{when}. {n_clps} CLPs appear in the list in all."]
    for p in panels:
        fam = charts.slate_label(p["family"]) if pd.notna(p["family"]) else "Unknown"
        tops = p["top_region"].split(" / ")
        if p["top_region_clps"] > 1 and len(tops) <= 2:
            each = " each" if len(tops) == 2 else ""
            regs = f"{p['n_regions']} region{'s' if p['n_regions'] != 1 else ''}"
            where = (f"{regs}, most from {' and '.join(tops)} "
                     f"({p['top_region_clps']}{each})")
        else:
            where = (f"{p['n_regions']} region{'s' if p['n_regions'] != 1 else ''}"
                     + (f": {', '.join(tops)}" if p["n_regions"] <= 3 else ", one CLP each at most"
                        if p["top_region_clps"] == 1 else ""))
        label = p["name"] if by == "candidate" else fam
        extra = f" ({fam})" if by == "candidate" else ""
        lines.append(f"{label}{extra}: {p['clps']} CLP{'s' if p['clps'] != 1 else ''}, {where}.")
    return " ".join(lines)

"""Concept maps of the glossary: a static inline SVG laid out with networkx, and the same links as a list.

:func:`whole_map` clusters terms by section (clusters placed by a spring layout of the section graph;
inside one, a spring layout snapped to rows, or alphabetical rows when large); :func:`neighbourhood_map`
puts a term in the centre, its related terms on a ring and, while few, the next step on an outer ring.
Sections are CSS classes (``irmap-s0``…``irmap-s11``; square nodes after the twelfth), so colour schemes
can recolour them. Same data, same bytes. No blank line inside, so a fragment is one raw HTML block.
"""

from __future__ import annotations

import functools
import itertools
import math
import textwrap
from collections import Counter, defaultdict
from html import escape
from typing import Callable

import networkx as nx

from .markup import sort_key
from .model import Project

Href = Callable[[str], str]
COLOURS = 12                 # colour classes in concept-map.css
FONT, LINE = 12, 14          # label size and line height in SVG units (1 unit = 1 px at the natural width)
CHARS = 19                   # characters in a line of a label (two lines at most)
CELL_W, CELL_H = 150, 54     # whole map: room for a node and its label
SPRING_MAX = 60              # larger sections: alphabetical rows, no spring layout
CROSS_MAX = 1000             # more links between sections than this: one line per pair of sections
NEAR_WRAP = (14, 3)          # a neighbourhood map's labels: narrower, up to three lines, so it fits the text column
BULGE = 70                   # how far the ring of related terms bows out from the centre
CAP = 16                     # a neighbourhood map shows at most this many terms (all related ones always)
SEED = 19

_cache: list = [None, None]   # [project, its graph]: neighbourhood maps of one build share the graph


def _graph(project: Project) -> nx.Graph:
    """Terms joined when either lists the other as related."""
    if _cache[0] is not project:
        g = nx.Graph()
        g.add_nodes_from(sorted(project.term_by_id))
        g.add_edges_from((t.id, o.id) for t in project.terms for o in map(project.resolve_term, t.related)
                         if o is not None and o.id != t.id)
        _cache[:] = [project, g]
    return _cache[1]


def _spring(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """networkx's spring layout, seeded, rounded so that float noise cannot change the drawing. The
    graph is copied in sorted order first: a subgraph view lists its nodes in set order, which
    changes from one Python process to the next."""
    h = nx.Graph()
    h.add_nodes_from(sorted(g))
    h.add_edges_from(sorted((min(a, b), max(a, b), d) for a, b, d in g.edges(data=True)))
    return {n: (round(float(x), 3), round(float(y), 3)) for n, (x, y) in nx.spring_layout(h, seed=SEED).items()}


def _n(v: float) -> str:
    return f"{v:.1f}".removesuffix(".0")


def _line(a: tuple[float, float], b: tuple[float, float]) -> str:
    return f"M{_n(a[0])} {_n(a[1])}L{_n(b[0])} {_n(b[1])}"


@functools.lru_cache(maxsize=None)
def _width(text: str, font: float = FONT) -> float:   # rough width of sans-serif text
    return font * sum(0.68 if c.isupper() or c in "mw" else 0.3 if c in "ilj.,'-() " else 0.55 for c in text)


@functools.lru_cache(maxsize=None)
def _lines(name: str, chars: int = CHARS, most: int = 2) -> tuple[str, ...]:
    """The label: lines of about ``chars`` characters (a longer word stays whole), at most ``most``;
    what does not fit in them is cut with …."""
    lines = textwrap.wrap(name, chars, break_long_words=False) or [name]
    if len(lines) > most:
        rest = " ".join(lines[most - 1:])
        lines = lines[:most - 1] + [rest[:chars - 1].rstrip(" -") + "…"]
    return tuple(lines)


def _cls(index: int) -> str:
    return f"irmap-s{index % COLOURS}" + (" irmap-alt" if index >= COLOURS else "")


def _by_name(project: Project, ids) -> list[str]:
    return sorted(ids, key=lambda t: (sort_key(project.term_by_id[t].term), t))


def _node(project: Project, sec: dict[str, int], href: Href, tid: str, x: float, y: float,
          side: int = 0, r: int = 6, extra: str = "", wrap: tuple[int, int] = (CHARS, 2)) -> str:
    """A link: a shape, a label (below it, or beside it: side 1 right, -1 left) and the full name as title."""
    term = project.term_by_id[tid]
    i = sec[term.section]
    shape = (f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{r}"/>' if i < COLOURS else
             f'<rect x="{_n(x - r)}" y="{_n(y - r)}" width="{2 * r}" height="{2 * r}"/>')
    lines = [escape(s) for s in _lines(term.term, *wrap)]
    tx, ty = (x, y + r + LINE) if not side else (x + side * (r + 5), y + 4 - (len(lines) - 1) * LINE / 2)
    anchor = {0: "", 1: ' text-anchor="start"', -1: ' text-anchor="end"'}[side]
    more = "".join(f'<tspan x="{_n(tx)}" dy="{LINE}">{x}</tspan>' for x in lines[1:])
    # xlink:href, not href: instant navigation (Material's, Zensical's) rewrites every [href] by
    # assigning to it, which an SVG link refuses, and links stopped opening for the rest of the visit.
    return (f'<a xlink:href="{escape(href(tid))}" class="{_cls(i)}{extra}"><title>{escape(term.term)}</title>{shape}'
            f'<text x="{_n(tx)}" y="{_n(ty)}"{anchor}>{lines[0]}{more}</text></a>')


def _links(project: Project, href: Href, ids) -> str:
    """Links to terms, by name, for the text list."""
    return ", ".join(f'<a href="{escape(href(t))}">{escape(project.term_by_id[t].term)}</a>'
                     for t in _by_name(project, ids))


def _figure(project: Project, key: str, title: str, size: tuple[float, float], body: list[str],
            legend: set[int], listing: list[str], summary: str) -> str:
    w, h = _n(size[0]), _n(size[1])
    items = "".join(f'<li class="{_cls(i)}">{escape(project.sections[i].title)}</li>' for i in sorted(legend))
    return "\n".join([
        f'<figure class="irmap irmap-{"whole" if key == "all" else "near"}" id="irmap-{key}" data-search-exclude>',
        f'<div class="irmap-view"><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 {w} {h}" width="{w}" '
        f'height="{h}" font-size="{FONT}" text-anchor="middle" aria-labelledby="irmap-{key}-title">',
        f'<title id="irmap-{key}-title">{escape(title)}</title>', *body, "</svg></div>",
        f"<figcaption>{escape(title)}. Colours show sections; lines join related terms.</figcaption>",
        f'<ul class="irmap-legend" aria-label="Sections">{items}</ul>',
        f'<details class="irmap-list"><summary>{escape(summary)}</summary>', *listing, "</details>", "</figure>"])


def _cluster(project: Project, g: nx.Graph, ids: list[str], title: str) -> tuple[dict, tuple[float, float]]:
    """One section's terms in rows under its title: each term's place, and the cluster's size."""
    cols = max(math.ceil(math.sqrt(len(ids) * CELL_H / CELL_W)),
               min(len(ids), math.ceil((_width(title, 15) + 20) / CELL_W)))
    if len(ids) <= SPRING_MAX:     # related terms near each other: a spring layout, snapped to rows
        pos = _spring(g.subgraph(ids))
        ids = sorted(ids, key=lambda t: (pos[t][1], pos[t][0]))
        rows = [sorted(ids[k:k + cols], key=lambda t: pos[t][0]) for k in range(0, len(ids), cols)]
    else:
        ids = _by_name(project, ids)
        rows = [ids[k:k + cols] for k in range(0, len(ids), cols)]
    at = {tid: ((cols - len(row)) * CELL_W / 2 + (c + 0.5) * CELL_W, 44 + r * CELL_H)
          for r, row in enumerate(rows) for c, tid in enumerate(row)}
    return at, (cols * CELL_W, 30 + len(rows) * CELL_H)


def section_map(project: Project, section_id: str, href: Href) -> str | None:
    """One section's terms at full size, laid out as in the whole map, with the lines between them;
    None for a section of fewer than two terms. The list under it names the related terms in other
    sections too."""
    g, by_id = _graph(project), project.term_by_id
    ids = sorted(t for t in g if by_id[t].section == section_id)
    if len(ids) < 2:
        return None
    sec = {s.id: i for i, s in enumerate(project.sections)}
    title = project.section_by_id[section_id].title
    local, (w, h) = _cluster(project, g, ids, title)
    at = {t: (x + 10, y - 20) for t, (x, y) in local.items()}     # no title row: the page has it
    edges = "".join(_line(at[a], at[b]) for a, b in sorted(tuple(sorted(e)) for e in g.subgraph(ids).edges()))
    body = [f'<g class="irmap-edges" aria-hidden="true"><path class="{_cls(sec[section_id])}" d="{edges}"/></g>']
    body += [_node(project, sec, href, t, *at[t]) for t in sorted(ids, key=lambda t: local[t][::-1])]
    listing = ["<ul>"] + [f"<li>{_links(project, href, [t])}: {_links(project, href, g[t])}</li>" if g[t] else
                          f"<li>{_links(project, href, [t])}</li>" for t in _by_name(project, ids)] + ["</ul>"]
    return _figure(project, f"section-{section_id}", f"Concept map of {title}: {len(ids)} terms", (w + 20, h),
                   body, {sec[section_id]}, listing, "The section's terms as a list, each with the terms it lists as related")


def whole_map(project: Project, href: Href) -> str:
    """Every term as a link, clustered by section, with the lines between related terms."""
    g, by_id = _graph(project), project.term_by_id
    sec = {s.id: i for i, s in enumerate(project.sections)}
    members: dict[str, list[str]] = defaultdict(list)
    for tid in g:
        members[by_id[tid].section].append(tid)
    local: dict[str, tuple[float, float]] = {}     # term -> place inside its cluster
    size: dict[str, tuple[float, float]] = {}      # section -> cluster width, height
    for s in (s for s in project.sections if members[s.id]):
        at, size[s.id] = _cluster(project, g, members[s.id], s.title)
        local.update(at)

    # Clusters: a spring layout of the section graph, shrunk, then pushed apart until none overlap.
    between = Counter(tuple(sorted((by_id[a].section, by_id[b].section))) for a, b in g.edges())
    sg = nx.Graph()
    sg.add_nodes_from(sorted(size, key=sec.get))
    sg.add_weighted_edges_from((a, b, n) for (a, b), n in sorted(between.items()) if a != b)
    spread, gap = math.sqrt(sum(w * h for w, h in size.values())) * 0.4, 30   # overlapping at first
    centre = {s: [x * spread * 1.6, y * spread] for s, (x, y) in _spring(sg).items()}   # wider than high
    for _ in range(500):
        moved = False
        for a, b in itertools.combinations(sg, 2):
            over = [(size[a][k] + size[b][k]) / 2 + gap - abs(centre[a][k] - centre[b][k]) for k in (0, 1)]
            if min(over) > 1:     # push apart along the axis that needs less (within a unit of the gap is apart:
                                  # the pushes halve each time, and an exact fit took all 500 rounds)
                k = 0 if over[0] < over[1] else 1
                push = math.copysign(over[k] / 2, centre[b][k] - centre[a][k])
                centre[a][k], centre[b][k], moved = centre[a][k] - push, centre[b][k] + push, True
        if not moved:
            break
    left, top = (min(centre[s][k] - size[s][k] / 2 for s in size) - gap for k in (0, 1))
    origin = {s: (centre[s][0] - size[s][0] / 2 - left, centre[s][1] - size[s][1] / 2 - top) for s in size}
    extent = tuple(max(origin[s][k] + size[s][k] for s in size) + gap for k in (0, 1))
    at = {t: (origin[by_id[t].section][0] + x, origin[by_id[t].section][1] + y) for t, (x, y) in local.items()}
    intra: dict[str, list[str]] = defaultdict(list)
    cross: list[str] = []
    for a, b in sorted(tuple(sorted(e)) for e in g.edges()):
        (intra[by_id[a].section] if by_id[a].section == by_id[b].section else cross).append(_line(at[a], at[b]))
    body = ['<g class="irmap-edges" aria-hidden="true">']
    if len(cross) > CROSS_MAX:    # too many to follow: one line per pair of sections, thicker for more
        mid = {s: (origin[s][0] + size[s][0] / 2, origin[s][1] + size[s][1] / 2) for s in size}
        body += [f'<path class="irmap-x" stroke-width="{_n(1 + math.log2(n))}" d="{_line(mid[a], mid[b])}"/>'
                 for (a, b), n in sorted(between.items()) if a != b]
    elif cross:
        body.append(f'<path class="irmap-x" d="{"".join(cross)}"/>')
    body += [f'<path class="{_cls(sec[s])}" d="{"".join(d)}"/>' for s, d in sorted(intra.items())] + ["</g>"]
    listing = ["<ul>"]
    for s in (s for s in project.sections if s.id in size):
        (x, y), (w, h) = origin[s.id], size[s.id]
        body.append(f'<g class="{_cls(sec[s.id])}"><rect class="irmap-bg" x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" '
                    f'height="{_n(h)}" rx="8"/><text class="irmap-title" x="{_n(x + w / 2)}" y="{_n(y + 22)}" '
                    f'font-size="15" aria-hidden="true">{escape(s.title)}</text>')
        body += [_node(project, sec, href, t, *at[t]) for t in sorted(members[s.id], key=lambda t: local[t][::-1])]
        body.append("</g>")
        listing.append(f"<li>{escape(s.title)}<ul>")
        for tid in _by_name(project, members[s.id]):
            own = {o.id for o in map(project.resolve_term, by_id[tid].related) if o is not None and o.id != tid}
            rel = _links(project, href, own)
            listing.append(f"<li>{_links(project, href, [tid])}{': ' + rel if rel else ''}</li>")
        listing.append("</ul></li>")
    title = f"Concept map of the glossary: {len(g)} terms in {len(size)} sections"
    return _figure(project, "all", title, extent, body, {sec[s] for s in size}, [*listing, "</ul>"],
                   "The concept map as a list: each term with the terms it lists as related")


def neighbourhood_map(project: Project, term_id: str, href: Href) -> str | None:
    """The term, its related terms and a few one step further; None when it has no related term."""
    g, term = _graph(project), project.resolve_term(term_id)
    if term is None or not g[term.id]:
        return None
    tid, sec = term.id, {s.id: i for i, s in enumerate(project.sections)}

    def key(t: str) -> tuple:
        return sec[project.term_by_id[t].section], sort_key(project.term_by_id[t].term), t

    def label(t: str) -> tuple[str, ...]:
        return _lines(project.term_by_id[t].term, *NEAR_WRAP)

    def reach(t: str) -> float:   # from a node to the end of its label beside it
        return 11 + max(map(_width, label(t)))

    ring1 = sorted(g[tid], key=key)
    score = Counter(n for r in ring1 for n in g[r] if n != tid and n not in g[tid])
    ring2 = sorted(score, key=lambda n: (-score[n], key(n)))[:max(0, CAP - 1 - len(ring1))]
    pos: dict[str, tuple[float, float]] = {tid: (0.0, 0.0)}
    side = {tid: 0}

    def ring(ids: list[str], s: int, base: float, bulge: float) -> None:
        """Down one side of an ellipse, each label in a slot as high as its lines, so labels beside
        the nodes never overlap."""
        slots = [max(2, len(label(n))) * LINE + 8 for n in ids]
        half = max(sum(slots) / 2, 110)
        y = -sum(slots) / 2
        for n, h in zip(ids, slots):
            y += h / 2
            pos[n], side[n] = (s * (base + bulge * math.sqrt(max(0.0, 1 - (y / half) ** 2))), y), s
            y += h / 2

    half = (len(ring1) + 1) // 2
    ring(ring1[:half], 1, 0, BULGE)                # clockwise: down the right, up the left
    ring(ring1[half:][::-1], -1, 0, BULGE)
    outer = BULGE + max(map(reach, ring1)) + 24
    parents = {n: [pos[p] for p in ring1 if g.has_edge(p, n)] for n in ring2}
    toward = {n: [sum(c) / len(ps) for c in zip(*ps)] for n, ps in parents.items()}   # near the terms it joins
    for s in (1, -1):
        ring(sorted((n for n in ring2 if (toward[n][0] >= 0) == (s == 1)), key=lambda n: (toward[n][1], key(n))),
             s, outer, 12)
    xs = [x + side[n] * reach(n) for n, (x, _) in pos.items()] + [x for x, _ in pos.values()]
    half_label = max(map(_width, label(tid))) / 2     # the centre's label, under it
    xs += [-half_label, half_label]
    dx, dy = 20 - min(xs), 30 - min(y for _, y in pos.values())    # every coordinate positive
    pos = {n: (x + dx, y + dy) for n, (x, y) in pos.items()}
    edges = [_line(pos[tid], pos[r]) for r in ring1] + [   # to the next step: from the end of the label
        _line((pos[p][0] + (side[p] * (reach(p) + 4) if side[p] == side[n] else 0), pos[p][1]), pos[n])
        for n in ring2 for p in ring1 if g.has_edge(p, n)]
    body = [f'<g class="irmap-edges" aria-hidden="true"><path class="irmap-x" d="{"".join(edges)}"/></g>']
    body += [_node(project, sec, href, n, *pos[n], side=side[n], r=10 if n == tid else 6,
                   extra=" irmap-centre" if n == tid else "", wrap=NEAR_WRAP) for n in [tid, *ring1, *ring2]]
    listing = ["<ul>"]
    for r in _by_name(project, ring1):
        further = _links(project, href, [n for n in ring2 if g.has_edge(r, n)])
        listing.append(f"<li>{_links(project, href, [r])}{'; one step further: ' + further if further else ''}</li>")
    # "linked", not "related": the ring also holds the terms that list this one as related (IL-6 on
    # TNF-α's map), which its own "Related terms" list does not.
    title = (f"Concept map around {term.term}: {len(ring1)} linked term{'s' if len(ring1) > 1 else ''}"
             + (f" and {len(ring2)} one step further" if ring2 else ""))
    size = (max(xs) + dx + 20, max(y for _, y in pos.values()) + 48)
    return _figure(project, f"near-{tid}", title, size, body, {sec[project.term_by_id[n].section] for n in pos},
                   [*listing, "</ul>"], f"Terms related to {term.term}, as a list")

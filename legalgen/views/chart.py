"""The timeline chart: every coordinate of the SVG and its text alternative, decided here.

Each instrument is a numbered mark at the date it is known by (its signature), joined to a diamond at its
entry into force; below, one lane per topic steps up and down the topic's scale as the position in force
changes. Long stretches with nothing recorded are drawn as a break, so 2001–2024 does not crowd the 1990s.

    >>> chart(analysis(corpus, dt.date(2026, 1, 1))).title  # doctest: +SKIP
    'Timeline of 11 instruments, 1995–2026, and the positions they take on sovereignty, citizenship, …'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from legalgen import analysis as tl
from legalgen.records import Topic
from legalgen.views.analysis import Analysis
from legalgen.views.words import cause_text, flags, long_date, plural, signature_phrase

CHART_WIDTH = 560
GUTTER = 140
MARK_ROW = 17
LEVEL_H = 12
LANE_GAP = 14
MIN_MARK_GAP = 16
MIN_LABEL_GAP = 24
BREAK_YEARS = 5  # a stretch of at least this many years with nothing recorded is drawn as a break
BREAK_UNITS = 0.8  # … and takes the room of 0.8 of a year
MARKS_TOP = 14.0

CAPTION = (
    "Each instrument is a numbered circle at its date of signature; a diamond joined to it marks its entry "
    "into force. Below, one lane per topic shows the position in force on the topic's scale; each change "
    "carries the numbers of the instruments that caused it (filled circle: the position changed; open "
    "circle: the same position, established by a changed set of instruments). A position counts from an "
    "instrument's entry into force, or from its signature where no entry into force is recorded."
)


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class ChartMark:
    number: int
    x: float
    y: float
    x_force: float | None
    label: str


@dataclass(frozen=True)
class LaneLevel:
    y: float
    label: str


@dataclass(frozen=True)
class LanePoint:
    number: str  # the instruments that caused the change, e.g. "4,5"
    x: float
    y: float
    changed: bool


@dataclass(frozen=True)
class Lane:
    title: str
    top: float
    height: float
    levels: tuple[LaneLevel, ...]
    path: str
    points: tuple[LanePoint, ...]


@dataclass(frozen=True)
class Chart:
    """The timeline drawn as SVG by legalgen: every coordinate decided here."""

    width: int
    height: int
    plot_left: float
    plot_right: float
    axis_y: float
    ticks: tuple[Tick, ...]
    breaks: tuple[float, ...]
    marks: tuple[ChartMark, ...]
    marks_top: float
    lanes: tuple[Lane, ...]
    title: str
    desc: str
    caption: str
    key: tuple[str, ...]


def _year_scale(used: set[int], first: int, last: int) -> tuple[dict[int, tuple[float, float]], list[tuple[int, int]]]:
    """Each year's (start, width) as a fraction of the axis, and the (first, last) years of each break."""
    spans: dict[int, tuple[float, float]] = {}
    breaks: list[tuple[int, int]] = []
    pos = 0.0
    year = first
    while year <= last:
        run = 0
        while year + run < last and (year + run) not in used:
            run += 1
        if run >= BREAK_YEARS and year != first:
            for y in range(year, year + run):
                spans[y] = (pos, BREAK_UNITS / run)
                pos += BREAK_UNITS / run
            breaks.append((year, year + run - 1))
            year += run
            continue
        spans[year] = (pos, 1.0)
        pos += 1.0
        year += 1
    return {y: (start / pos, width / pos) for y, (start, width) in spans.items()}, breaks


class _Axis:
    """The date axis: the years the chart spans, its breaks, and where a date falls on it."""

    def __init__(self, a: Analysis) -> None:
        dates: list[dt.date] = []
        for inst in a.instruments:
            st = a.status[inst.id]
            dates += [d for d in (inst.dated, st.in_force, st.ended) if d]
        self.first = min((d.year for d in dates), default=a.as_of.year)
        self.last = max(max((d.year for d in dates), default=self.first), a.as_of.year)
        used = {d.year for d in dates} | {a.as_of.year}
        self.spans, self.break_years = _year_scale(used, self.first, self.last)
        self.left, self.right = GUTTER + 8.0, CHART_WIDTH - 10.0

    def x(self, day: dt.date) -> float:
        start, width = self.spans[day.year]
        frac = (day.timetuple().tm_yday - 1) / (366 if day.year % 4 == 0 else 365)
        return round(self.left + (start + width * frac) * (self.right - self.left), 1)

    def year_x(self, year: int) -> float:
        return (
            round(self.left + self.spans[year][0] * (self.right - self.left), 1) if year in self.spans else self.right
        )

    def ticks(self) -> tuple[Tick, ...]:
        """A labelled tick per year outside the breaks, leaving out labels that would touch."""
        ticks: list[Tick] = []
        collapsed = {y for b0, b1 in self.break_years for y in range(b0, b1 + 1)}
        for year in sorted(self.spans):
            if year in collapsed:
                continue
            tx = self.year_x(year)
            if not ticks or tx - ticks[-1].x >= MIN_LABEL_GAP:
                ticks.append(Tick(tx, str(year)))
        return tuple(ticks)

    def breaks(self) -> tuple[float, ...]:
        return tuple(round((self.year_x(b0) + self.year_x(b1 + 1)) / 2, 1) for b0, b1 in self.break_years)


def height_of(topic: Topic) -> float:
    return (len(topic.scale) - 1) * LEVEL_H


def _marks(a: Analysis, axis: _Axis) -> tuple[list[ChartMark], int]:
    """Instrument marks, staggered into rows so that no two numbers overlap; and how many rows it took."""
    rows_end: list[float] = []
    marks: list[ChartMark] = []
    for n, inst in enumerate(a.instruments, start=1):
        d = inst.dated
        assert d is not None
        st = a.status[inst.id]
        mx = axis.x(d)
        xf = axis.x(st.in_force) if st.in_force else None
        row = next((i for i, end in enumerate(rows_end) if mx - end >= MIN_MARK_GAP), len(rows_end))
        if row == len(rows_end):
            rows_end.append(0.0)
        rows_end[row] = max(mx, (xf or mx) + 5)
        marks.append(ChartMark(n, mx, MARKS_TOP + 16 + row * MARK_ROW, xf, inst.short_title))
    return marks, len(rows_end)


def _cause_numbers(step: tl.ThreadStep, number: Mapping[str, int]) -> str:
    """The numbers of the instruments whose coming into (or out of) effect made the change: ``"4,5"``."""
    found = sorted({number[c.instrument] for c in step.causes if c.instrument in number})
    return ",".join(str(n) for n in found)


def _lane(t: Topic, thread: tl.TopicThread, top: float, axis: _Axis, end_x: float, number: Mapping[str, int]) -> Lane:
    """One topic's lane: a step line over its scale, broken where no position applies."""
    n_levels = len(t.scale)
    lane_top = top + 22
    levels = tuple(LaneLevel(lane_top + (n_levels - 1 - i) * LEVEL_H, p.label) for i, p in enumerate(t.scale))
    points: list[LanePoint] = []
    path: list[str] = []
    drawing = False
    for step in thread.steps:
        px = axis.x(step.since)
        if step.position.position is None:  # no position applies any more: the line stops here
            if drawing:
                path.append(f"H {px}")
            drawing = False
            points.append(LanePoint(_cause_numbers(step, number), px, lane_top + height_of(t), True))
            continue
        py = lane_top + (n_levels - 1 - step.position.rank) * LEVEL_H
        path.append(f"H {px} V {py}" if drawing else f"M {px} {py}")
        drawing = True
        points.append(LanePoint(_cause_numbers(step, number), px, py, step.direction is not tl.Direction.same))
    if drawing:
        path.append(f"H {end_x}")
    return Lane(t.title, top, height_of(t) + 22, levels, " ".join(path), tuple(points))


def _describe_step(step: tl.ThreadStep, number: Mapping[str, int]) -> str:
    """``Union citizenship from 10 June 1997 (2. Charter of the Union (1997) entered into force)``."""
    what = step.position.label or "no position"
    why = ", ".join(
        cause_text(c, f"{number[c.instrument]}. {c.short_title}" if c.instrument in number else None)
        for c in step.causes
    )
    caveats = flags([c for sup in step.position.established_by for c in sup.caveats])
    detail = "; ".join(x for x in (why, caveats) if x)
    return f"{what} from {long_date(step.since)}" + (f" ({detail})" if detail else "")


def _description(a: Analysis, number: Mapping[str, int]) -> str:
    """The chart in words, for screen readers and the tagged PDF: every mark, then every lane."""
    desc: list[str] = []
    for n, inst in enumerate(a.instruments, start=1):
        desc.append(f"{n}. {inst.short_title}: {signature_phrase(inst)}; {a.status[inst.id].short}.")
    for t in a.topics:
        steps = a.threads[t.id].steps
        if not steps:
            desc.append(f"{t.title}: no position recorded.")
            continue
        desc.append(f"{t.title}: " + "; ".join(_describe_step(step, number) for step in steps) + ".")
    return " ".join(desc)


def _title(a: Analysis, axis: _Axis) -> str:
    insts = a.instruments
    return f"Timeline of {plural(len(insts), 'instrument')}" + (
        f", {axis.first}–{axis.last}, and the positions they take on " + ", ".join(t.title.lower() for t in a.topics)
        if insts
        else ""
    )


def _caption(axis: _Axis) -> str:
    if not axis.break_years:
        return CAPTION
    gaps = ", ".join(f"{b0}–{b1}" if b1 > b0 else str(b0) for b0, b1 in axis.break_years)
    return (
        CAPTION + f" The axis is shortened where nothing was signed or entered into force ({gaps}), marked by a break."
    )


def chart(a: Analysis) -> Chart:
    """Lay out the timeline: numbered instrument marks on a date axis, then one step lane per topic."""
    axis = _Axis(a)
    marks, mark_rows = _marks(a, axis)
    number = {inst.id: n for n, inst in enumerate(a.instruments, start=1)}
    top = MARKS_TOP + 16 + max(mark_rows, 1) * MARK_ROW
    lanes: list[Lane] = []
    for t in a.topics:
        lanes.append(_lane(t, a.threads[t.id], top, axis, axis.x(a.as_of), number))
        top = top + 22 + height_of(t) + LANE_GAP
    axis_y = top + 2
    return Chart(
        width=CHART_WIDTH,
        height=round(axis_y + 20),
        plot_left=axis.left,
        plot_right=axis.right,
        axis_y=axis_y,
        ticks=axis.ticks(),
        breaks=axis.breaks(),
        marks=tuple(marks),
        marks_top=MARKS_TOP,
        lanes=tuple(lanes),
        title=_title(a, axis),
        desc=_description(a, number),
        caption=_caption(axis),
        key=tuple(f"{n} {inst.short_title}" for n, inst in enumerate(a.instruments, start=1)),
    )

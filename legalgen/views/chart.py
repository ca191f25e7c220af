"""The timeline chart: every coordinate of the SVG and its text alternative, decided here.

Each instrument is a numbered mark at the date it is known by (its signature), joined to a diamond at its
entry into force; below, one lane per topic holds one row per dimension, where a bar shows, period by
period, the value in force and the number of the instrument it rests on — so several instruments hold at
once where the law says so. Long stretches with nothing recorded are drawn as a break, so 2001–2024 does
not crowd the 1990s.

    >>> chart(analysis(corpus, dt.date(2026, 1, 1))).title  # doctest: +SKIP
    'Timeline of 11 instruments, 1995–2026, and the positions they take on sovereignty, citizenship, …'
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

from legalgen import analysis as tl
from legalgen.records import Topic
from legalgen.views.analysis import Analysis
from legalgen.views.words import evidence, flags, long_date, plural, signature_phrase

CHART_WIDTH = 560
GUTTER = 190
MARK_ROW = 17
ROW_H = 13  # a dimension row of one line; each further line of its label adds LINE_H
LINE_H = 8
LABEL_CHARS = 46  # a dimension label wraps after this many characters (7-point type in the gutter)
LANE_GAP = 10
MIN_MARK_GAP = 16
MIN_LABEL_GAP = 24
BREAK_YEARS = 5  # a stretch of at least this many years with nothing recorded is drawn as a break
BREAK_UNITS = 0.8  # … and takes the room of 0.8 of a year
MARKS_TOP = 14.0

CAPTION = (
    "Each instrument is a numbered circle at its date of signature; a diamond joined to it marks its entry "
    "into force. Below, one lane per topic holds a row per dimension: a bar runs while an instrument in "
    "force addresses the dimension, and carries the number of the instrument the value rests on (in "
    "brackets, others that still apply and also address it); a new bar starts where the value or the instrument "
    "changes. On a dimension whose values are ordered, a darker bar is a higher value. A value counts from "
    "an instrument's entry into force, or from its signature where no entry into force is recorded; the "
    "tables of each chapter give the values and the grade of their evidence."
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
class LaneSegment:
    """A stretch of one dimension's row while one value rests on one instrument."""

    x1: float
    x2: float
    number: str  # the instrument the value rests on, e.g. "7"; "7 (+5)" when another also addresses it
    shade: int  # 0 (nominal, or the least value) … 2 (the highest value of an ordinal dimension)
    value: str
    #: what fits inside the bar: ``number`` whole, the governing number alone, or nothing (a bar too short
    #: for any text; the description and the chapters give it) — a number never runs off its bar
    label: str = ""


@dataclass(frozen=True)
class LaneRow:
    """One dimension of a topic: its label (wrapped) and its bars."""

    label: tuple[str, ...]
    top: float
    height: float
    segments: tuple[LaneSegment, ...]


@dataclass(frozen=True)
class Lane:
    title: str
    top: float
    height: float
    rows: tuple[LaneRow, ...]


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


def _wrap(label: str) -> tuple[str, ...]:
    """A dimension label in lines of at most :data:`LABEL_CHARS` characters, never cut."""
    return tuple(textwrap.wrap(label, LABEL_CHARS, break_long_words=False)) or ("",)


def _row_height(label: tuple[str, ...]) -> float:
    return ROW_H + LINE_H * (len(label) - 1)


def height_of(topic: Topic) -> float:
    return sum(_row_height(_wrap(d.label)) for d in topic.dimensions)


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


def _shade(d: tl.DimensionPosition, n_values: int) -> int:
    if d.rank is None or n_values < 2:
        return 1
    return round(2 * d.rank / (n_values - 1))


def _lane(t: Topic, thread: tl.TopicThread, top: float, axis: _Axis, end_x: float, number: Mapping[str, int]) -> Lane:
    """One topic's lane: a row per dimension, a bar per period while a value rests on one instrument."""
    rows: list[LaneRow] = []
    y = top + 18
    for i, dim in enumerate(t.dimensions):
        label = _wrap(dim.label)
        height = _row_height(label)
        segments: list[LaneSegment] = []
        open_: tuple[float, tl.DimensionPosition] | None = None
        for step in thread.steps:
            now = step.position.dimensions[i]
            if not any(c.dimension == dim.id for c in step.changes):
                continue
            px = axis.x(step.since)
            if open_ is not None:
                segments.append(_segment(open_, px, number, len(dim.values)))
            open_ = (px, now) if now.addressed else None
        if open_ is not None:
            segments.append(_segment(open_, end_x, number, len(dim.values)))
        rows.append(LaneRow(label, y, height, tuple(segments)))
        y += height
    return Lane(t.title, top, y - top, tuple(rows))


def _segment(
    open_: tuple[float, tl.DimensionPosition], x2: float, number: Mapping[str, int], n_values: int
) -> LaneSegment:
    x1, d = open_
    sup = d.rests_on
    assert sup is not None
    label = str(number.get(sup.instrument, "?"))
    others = [str(number[o.instrument]) for o in d.also_applying if o.instrument in number]
    if others:
        label += f" (+{','.join(others)})"
    x2 = max(x2, x1 + 2)
    return LaneSegment(x1, x2, label, _shade(d, n_values), d.value_label or "", _fitting(label, x2 - x1))


#: The width one character of a bar's number takes (7-point bold PT Sans, generously), and the padding.
CHAR_W = 4.4
PAD = 3.0


def _fitting(label: str, width: float) -> str:
    """``label`` if it fits in a bar ``width`` wide, else the governing number alone, else nothing."""
    for text in (label, label.split(" ", 1)[0]):
        if PAD * 2 + CHAR_W * len(text) <= width:
            return text
    return ""


def _describe_dimension(t: Topic, thread: tl.TopicThread, i: int, number: Mapping[str, int]) -> str:
    """``Statehood of the parties: Retained within the union from 11 June 1997 (3), …``."""
    dim = t.dimensions[i]
    parts = []
    for step in thread.steps:
        change = next((c for c in step.changes if c.dimension == dim.id), None)
        if change is None:
            continue
        sup = change.after.rests_on
        if sup is None:
            parts.append(f"not addressed from {long_date(step.since)}")
            continue
        who = f"{number[sup.instrument]}. {sup.short_title}" if sup.instrument in number else sup.short_title
        caveats = flags(sup.caveats)
        detail = "; ".join(x for x in (who, evidence(sup.grade), caveats) if x)
        parts.append(f"{sup.label} from {long_date(step.since)} ({detail})")
    return f"{dim.label}: " + ("; ".join(parts) if parts else "not addressed")


def _description(a: Analysis, number: Mapping[str, int]) -> str:
    """The chart in words, for screen readers and the tagged PDF: every mark, then every lane."""
    desc: list[str] = []
    for n, inst in enumerate(a.instruments, start=1):
        desc.append(f"{n}. {inst.short_title}: {signature_phrase(inst)}; {a.status[inst.id].short}.")
    for t in a.topics:
        thread = a.threads[t.id]
        rows = ". ".join(_describe_dimension(t, thread, i, number) for i in range(len(t.dimensions)))
        desc.append(f"{t.title} — {rows}.")
    return " ".join(desc)


def _title(a: Analysis, axis: _Axis) -> str:
    insts = a.instruments
    return f"Timeline of {plural(len(insts), 'instrument')}" + (
        f", {axis.first}–{axis.last}, and what they state on " + ", ".join(t.title for t in a.topics) if insts else ""
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
        top = top + 18 + height_of(t) + LANE_GAP
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

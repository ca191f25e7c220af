"""The words of the static site (``legalgen site``): page titles, section headings, the search's messages.

>>> version_title("Union State Treaty (1999), art. 14", "1 January 2020")
'Union State Treaty (1999), art. 14, as it stood on 1 January 2020'
"""

from __future__ import annotations

SITE_TITLE = "The instruments and the law they made"
SITE_LEAD = (
    "Every instrument of the corpus, each provision with its wording as recorded and as it stood on each date "
    "it changed, each topic and each date on which the law changed. Every page has a permanent address."
)
INSTRUMENTS = "Instruments"
TOPICS = "Topics"
DATES = "Dates on which the law changed"
TIMELINE = "Timeline"
PROVISIONS = "Provisions"
SOURCES = "Sources"
VERSIONS = "The wording as it stood"
AS_RECORDED = "Wording as recorded"
AS_IT_STOOD = "Wording as it stood"
CHANGES = "Changes on this date"
WHAT_CHANGED = "What changed the position"
SEARCH = "Search"
SEARCH_LABEL = "Search the site"
SEARCH_BUTTON = "Search"
SEARCH_LEAD = (
    "Every page of the site is listed below. With scripts on, the list narrows to the pages whose title or "
    "words hold every word you type."
)
#: ``{n}`` and ``{total}`` are filled in by the page's script.
SEARCH_STATUS = "{n} of {total} pages match."
HOME = "Home"
BREADCRUMBS = "Breadcrumbs"
PERMALINK = "Permanent address"
NO_PROVISIONS = "The record holds no provision of this instrument."
NO_CHANGES = "No amendment of this provision is recorded."
PROVISIONS_ON_DATE = "Provisions of the instruments that changed the position, as they stood on this date"

STEP_TEXT = "{date}: {change}"


def version_title(cite: str, day: str) -> str:
    """The title of a point-in-time page."""
    return f"{cite}, as it stood on {day}"


def date_title(day: str) -> str:
    return f"The law on {day}"


def topic_title(title: str) -> str:
    return f"Topic: {title}"


def version_link(day: str, amended: bool) -> str:
    """A line of a provision's list of versions."""
    return f"As it stood on {day}" + (" (as amended)" if amended else " (as signed)")


__all__ = [
    "AS_IT_STOOD",
    "AS_RECORDED",
    "BREADCRUMBS",
    "CHANGES",
    "DATES",
    "HOME",
    "INSTRUMENTS",
    "NO_CHANGES",
    "NO_PROVISIONS",
    "PERMALINK",
    "PROVISIONS",
    "PROVISIONS_ON_DATE",
    "SEARCH",
    "SEARCH_BUTTON",
    "SEARCH_LABEL",
    "SEARCH_LEAD",
    "SEARCH_STATUS",
    "SITE_LEAD",
    "SITE_TITLE",
    "SOURCES",
    "STEP_TEXT",
    "TIMELINE",
    "TOPICS",
    "VERSIONS",
    "WHAT_CHANGED",
    "date_title",
    "topic_title",
    "version_link",
    "version_title",
]

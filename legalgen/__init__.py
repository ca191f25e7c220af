"""legalgen: compare legal instruments across time.

The pipeline is ``load → validate → analyse → render``: :mod:`legalgen.records.read` and :mod:`legalgen.records.corpus`
read and check records, the analysis modules work on the resulting :class:`~legalgen.records.corpus.Corpus`,
and the renderers turn view models into text, HTML and PDF. Importing ``legalgen`` loads none of
click, jinja2 or weasyprint.
"""

# The one version number: setuptools reads it from here for the distribution (pyproject.toml).
__version__ = "0.1.0"

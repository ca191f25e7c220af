"""Renderers: view and analysis objects in, text, JSON, Markdown, HTML or PDF out.

Only :mod:`legalgen.render.html` imports jinja2 and only :mod:`legalgen.render.pdf` imports
weasyprint, so this package's ``__init__`` imports neither.
"""

"""The HTML renderer on its own: one environment, escaping everywhere, strict about undefined names."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import jinja2
import pytest

from legalgen.render import html as rh

from .conftest import ROOT


def test_one_environment_escaping_every_template_and_strict_about_undefined() -> None:
    env = rh.environment()
    assert env is rh.environment()
    assert env.autoescape is True  # a bool, not select_autoescape(): "x.html.j2" is escaped too
    assert env.undefined is jinja2.StrictUndefined
    assert env.from_string("{{ x }}").render(x='<img src="file:///etc/passwd">') == (
        "&lt;img src=&#34;file:///etc/passwd&#34;&gt;"
    )
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ claus }}").render()
    assert set(rh.FILTERS) <= set(env.filters)


def test_partials_are_not_documents() -> None:
    names = rh.environment().list_templates()
    assert {n for n in names if n.startswith("_")} >= {"_base.html", "_macros.html", "_chart.html"}
    assert rh.template_names() == sorted(n for n in names if not n.startswith("_"))
    with pytest.raises(ValueError, match="partial"):
        rh.render_html("_macros.html", object())
    with pytest.raises(ValueError, match="mode"):
        rh.render_html("brief.html", object(), mode="print")  # type: ignore[arg-type]


def test_templates_quote_every_attribute_and_never_mark_record_data_safe() -> None:
    folder = ROOT / "legalgen" / "templates"
    for path in folder.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"=\{\{", text), f"{path.name}: unquoted attribute value"
        assert "|safe" not in text and "Markup" not in text, f"{path.name}: bypasses escaping"
        assert "from_string" not in text


def test_stylesheets_make_no_request() -> None:
    for name in ("screen.css", "print.css"):
        css = re.sub(r"/\*.*?\*/", "", rh.static_text(name), flags=re.DOTALL)
        assert "@import" not in css and not re.search(r"url\(\s*['\"]?(?!data:)", css), name
    assert "url(" not in str(rh._css("screen.css"))


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_renderers_import_jinja2_and_weasyprint() -> None:
    owners = {"jinja2": {"render_html.py"}, "markupsafe": {"render_html.py"}, "weasyprint": {"render_pdf.py"}}
    for path in sorted((ROOT / "legalgen").glob("*.py")):
        imported = _imports(path)
        for lib, allowed in owners.items():
            if lib in imported:
                assert path.name in allowed, f"{path.name} imports {lib}"

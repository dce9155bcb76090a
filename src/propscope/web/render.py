"""Jinja2 rendering for the dashboard pages.

One Environment with autoescape forced on for every template and string: every byte of an
article is hostile, so no page may ever mark content up by hand (no `|safe` on content).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from propscope.report.html import clean
from propscope.report.techniques_info import label_name
from propscope.web.article_view import tech_class


def _display(value: Any) -> Any:
    """Every printed string loses bidi overrides and invisible characters (so a title cannot
    reverse or hide what follows it); template markup (macros, includes) passes as is."""
    return clean(value) if isinstance(value, str) and not isinstance(value, Markup) else value


_env = Environment(
    loader=PackageLoader("propscope.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
    finalize=_display,
)


def query_string(params: dict[str, Any], **overrides: Any) -> str:
    """`?a=1&b=2` of the non-empty values (overrides win; None drops a key)."""
    merged = {**params, **overrides}
    pairs = [(k, str(v)) for k, v in merged.items() if v not in (None, "")]
    return "?" + urlencode(pairs) if pairs else ""


def path_part(value: str) -> str:
    """One URL path segment (a narrative id with a slash must stay one segment)."""
    return quote(str(value), safe="")


_env.globals.update(qs=query_string, tech_class=tech_class, label_name=label_name,
                    pathq=path_part)


def render(request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    """A page: the template's output with the current path for the navigation."""
    html = _env.get_template(template).render(path=request.url.path, **context)
    return HTMLResponse(html, status_code=status)

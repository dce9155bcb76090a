"""/api/v1/docs: a plain server-rendered list of the endpoints, instead of Swagger UI.

Why not Swagger UI or ReDoc: FastAPI's pages load their JavaScript from a CDN and start it
with an inline script, and both are forbidden here (offline tool; CSP `script-src 'self'`).
Shipping a copy of the Swagger bundle would add a few MB of third-party JS to audit for one
developer page. The machine-readable contract is /api/v1/openapi.json (load it into any
OpenAPI viewer); this page lists what is there, with no script and no style at all.
"""

from __future__ import annotations

from html import escape
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

_METHODS = ("get", "post", "put", "patch", "delete")


def _rows(schema: dict[str, Any]) -> list[str]:
    rows = []
    for path, ops in schema.get("paths", {}).items():
        for method in _METHODS:
            op = ops.get(method)
            if op is None:
                continue
            params = ", ".join(p["name"] for p in op.get("parameters", []) if p.get("in") == "query")
            rows.append(
                f"<tr><td><code>{escape(method.upper())}</code></td><td><code>{escape(path)}"
                f"</code></td><td>{escape(op.get('summary', ''))}</td><td>"
                f"{escape(op.get('description', '').strip().splitlines()[0] if op.get('description') else '')}"
                f"</td><td>{escape(params)}</td></tr>"
            )
    return rows


def docs_page(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    title = escape(f"{schema['info']['title']} {schema['info']['version']}")
    body = "\n".join(_rows(schema))
    return HTMLResponse(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{title} API</title></head><body>\n<h1>{title}: REST API</h1>\n"
        "<p>Machine-readable schema: <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a>. "
        "Reading is open; writes need <code>Authorization: Bearer &lt;token&gt;</code>.</p>\n"
        "<table><thead><tr><th>Method</th><th>Path</th><th>Summary</th><th>What it does</th>"
        f"<th>Query parameters</th></tr></thead><tbody>\n{body}\n</tbody></table>\n"
        "</body></html>\n"
    )

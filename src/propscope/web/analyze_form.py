"""The dashboard's analyze-now form: parse the POST, check the token, run the API's code.

The work itself (size caps, SSRF-guarded fetch, extraction in a CPU-limited process, the
analyzer, optional storing) is the API's `analyze_now`, so the form and `POST
/api/v1/analyze` cannot drift apart; this module only turns a form into its input and its
HTTP errors into sentences on the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from fastapi import HTTPException, Request
from pydantic import ValidationError

from propscope.api.routes_analyze import analyze_now, run_bounded
from propscope.api.schemas import AnalyzeIn
from propscope.api.security import COOKIE, check_write, token_matches
from propscope.ingest.mediatype import sniff_media_type
from propscope.schema import Article

FORM_TYPE = "application/x-www-form-urlencoded"


class FormError(Exception):
    """A message for the person at the form, with the HTTP status of the page."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(slots=True)
class AnalyzeForm:
    text: str = ""
    url: str = ""
    title: str = ""
    source: str = ""
    store: bool = False


def logged_in(request: Request) -> bool:
    return token_matches(request.cookies.get(COOKIE), request.app.state.settings.token)


def max_body(request: Request) -> int:
    return int(request.app.state.settings.max_body_bytes)


async def read_form(request: Request) -> AnalyzeForm:
    """The urlencoded body, refused above the body cap before it is decoded."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != FORM_TYPE:
        raise FormError(415, "the form must be sent as application/x-www-form-urlencoded")
    cap = max_body(request)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > cap:
            raise FormError(413, f"Too large: the input is over {cap // 1024} KiB.")
    pairs = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=20)
    values = {k: v.replace("\x00", "") for k, v in pairs}
    return AnalyzeForm(text=values.get("text", ""), url=values.get("url", "").strip(),
                       title=values.get("title", "").strip(),
                       source=values.get("source", "").strip(), store=values.get("store") == "1")


def analyze_input(form: AnalyzeForm) -> AnalyzeIn:
    """AnalyzeIn for the form, or the FormError that says what to fix."""
    if not form.text.strip() and not form.url:
        raise FormError(400, "Nothing to analyze: paste some text or HTML, or give a URL.")
    if form.text.strip() and form.url:
        raise FormError(400, "Give either pasted text or a URL, not both.")
    if form.url:
        scheme = urlsplit(form.url).scheme.lower() if form.url else ""
        if scheme not in ("http", "https") or len(form.url) > 2000:
            raise FormError(400, "Refused URL: only http(s) addresses (up to 2,000 characters) "
                                 "can be fetched.")
    extra = {"title": form.title or None, "source": form.source or None, "store": form.store}
    try:
        if form.url:
            return AnalyzeIn(url=form.url, **extra)
        is_html = sniff_media_type(form.text.encode("utf-8", "replace")) == "text/html"
        return AnalyzeIn(**({"html": form.text} if is_html else {"text": form.text}), **extra)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise FormError(400, f"{'.'.join(map(str, first['loc'])) or 'input'}: {first['msg']}") \
            from None


def _explain(exc: HTTPException) -> FormError:
    detail = str(exc.detail)
    if exc.status_code == 413:
        return FormError(413, f"Too large: {detail}")
    if exc.status_code == 400 and detail.startswith(("forbidden-address", "fetch")):
        return FormError(400, f"Refused URL: {detail}")
    if exc.status_code in (401, 403):
        return FormError(exc.status_code, f"Not allowed: {detail}. Open the login link "
                                          "(/login?token=...) in this browser first.")
    return FormError(exc.status_code, f"Could not analyze this: {detail}")


async def analyze_request(request: Request, form: AnalyzeForm) -> Article:
    """Authorise and analyse the form; FormError carries whatever went wrong."""
    try:
        check_write(request)
    except HTTPException as exc:
        raise _explain(exc) from None
    body = analyze_input(form)
    try:
        article = await run_bounded(request.app.state.settings,
                                    lambda: analyze_now(request, body))
    except HTTPException as exc:
        raise _explain(exc) from None
    return article

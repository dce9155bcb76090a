"""Token rules for writes, the login cookie with its same-origin check, security headers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from propscope.api.security import COOKIE, CSP
from propscope.store import Store
from tests.api.conftest import AUTH, TOKEN, client_for

BODY = {"text": "Council approves budget\n\nThe council of Glenrock voted to approve the plan "
                "on Monday after a long and bitter debate about roads and schools."}
ANALYZE = "/api/v1/analyze"
EXPECTED_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def _security_headers_ok(headers: object) -> None:
    h = headers  # httpx.Headers
    assert h["content-security-policy"] == EXPECTED_CSP  # type: ignore[index]
    assert h["x-content-type-options"] == "nosniff"  # type: ignore[index]
    assert h["referrer-policy"] == "no-referrer"  # type: ignore[index]
    assert h["x-frame-options"] == "DENY"  # type: ignore[index]


def test_csp_constant_is_the_documented_one() -> None:
    assert CSP == EXPECTED_CSP


def test_writes_without_or_with_wrong_token_are_refused(sqlite_client: TestClient) -> None:
    r = sqlite_client.post(ANALYZE, json=BODY)
    assert r.status_code == 401 and "Bearer" in r.json()["detail"]
    assert r.headers["www-authenticate"] == "Bearer"
    for header in ("Bearer nope", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer",
                   "Bearer \u00fc".encode()):  # non-ASCII bytes: compared as bytes, no crash
        r = sqlite_client.post(ANALYZE, json=BODY, headers={"Authorization": header})
        assert r.status_code == 401, header
    assert sqlite_client.post(ANALYZE, json=BODY, headers=AUTH).status_code == 200


def test_no_token_configured_refuses_every_write(sqlite_store: Store) -> None:
    client = client_for(sqlite_store, token=None)
    for headers in ({}, AUTH, {"Authorization": "Bearer "}):
        r = client.post(ANALYZE, json=BODY, headers=headers)
        assert r.status_code == 403 and "PROPSCOPE_TOKEN" in r.json()["detail"]
    assert client.get("/login", params={"token": ""}).status_code == 403
    assert client.get("/api/v1/health").json()["writes_enabled"] is False
    assert client.get("/api/v1/articles").status_code == 200  # reading stays open


def test_login_sets_a_strict_httponly_cookie(sqlite_client: TestClient) -> None:
    bad = sqlite_client.get("/login", params={"token": "wrong"}, follow_redirects=False)
    assert bad.status_code == 401 and "set-cookie" not in bad.headers
    r = sqlite_client.get("/login", params={"token": TOKEN}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert r.headers["cache-control"] == "no-store"
    _security_headers_ok(r.headers)


@pytest.mark.parametrize("headers, status", [
    ({"Origin": "http://testserver"}, 200),
    ({"Referer": "http://testserver/analyze"}, 200),
    ({"Origin": "http://evil.example"}, 403),
    ({"Origin": "http://testserver.evil.example"}, 403),
    ({"Origin": "http://testserver:8080"}, 403),
    ({"Origin": "null"}, 403),
    ({"Referer": "http://evil.example/testserver"}, 403),
    ({}, 403),
])
def test_cookie_writes_need_same_origin(sqlite_client: TestClient, headers: dict[str, str],
                                        status: int) -> None:
    sqlite_client.get("/login", params={"token": TOKEN}, follow_redirects=False)
    assert COOKIE in sqlite_client.cookies
    r = sqlite_client.post(ANALYZE, json=BODY, headers=headers)
    assert r.status_code == status, r.text
    if status == 403:
        assert "cross-origin" in r.json()["detail"]


def test_wrong_cookie_is_refused_even_from_same_origin(sqlite_client: TestClient) -> None:
    sqlite_client.cookies.set(COOKIE, "forged")
    r = sqlite_client.post(ANALYZE, json=BODY, headers={"Origin": "http://testserver"})
    assert r.status_code == 401


def test_security_headers_on_every_kind_of_response(sqlite_client: TestClient) -> None:
    responses = {
        "json": sqlite_client.get("/api/v1/health"),
        "html docs": sqlite_client.get("/api/v1/docs"),
        "openapi": sqlite_client.get("/api/v1/openapi.json"),
        "404": sqlite_client.get("/api/v1/articles/0123456789abcdef"),
        "unknown route": sqlite_client.get("/api/v1/nope"),
        "422": sqlite_client.get("/api/v1/articles", params={"limit": 0}),
        "401": sqlite_client.post(ANALYZE, json=BODY),
    }
    for name, r in responses.items():
        _security_headers_ok(r.headers)
        assert r.headers["cache-control"] == "no-store", name
    assert responses["html docs"].headers["content-type"].startswith("text/html")


def test_docs_page_has_no_script_and_lists_endpoints(sqlite_client: TestClient) -> None:
    html = sqlite_client.get("/api/v1/docs").text
    assert "<script" not in html and "style=" not in html and "cdn" not in html.lower()
    for path in ("/api/v1/articles", "/api/v1/analyze", "/api/v1/export", "/api/v1/stats"):
        assert f"<code>{path}</code>" in html


def test_body_size_limit_is_413(sqlite_store: Store) -> None:
    client = client_for(sqlite_store, max_body_bytes=10_000)
    big = {"text": "word " * 5000}
    r = client.post(ANALYZE, json=big, headers=AUTH)
    assert r.status_code == 413
    _security_headers_ok(r.headers)


def test_bad_json_is_422_not_500(sqlite_client: TestClient) -> None:
    headers = {**AUTH, "Content-Type": "application/json"}
    for raw in (b"{not json", b"[]", b"null", b'{"text": 5}', b"\xff\xfe"):
        r = sqlite_client.post(ANALYZE, content=raw, headers=headers)
        assert r.status_code == 422, (raw, r.text)


def test_token_comparison_is_on_bytes() -> None:
    from propscope.api.security import token_matches

    assert token_matches("p\u00e4ss-\u2603", "p\u00e4ss-\u2603")
    assert not token_matches("pass-\u2603", "p\u00e4ss-\u2603")
    assert not token_matches(None, "x") and not token_matches("x", None)
    assert not token_matches("", "")


def test_host_guard_refuses_rebound_names(sqlite_store: Store) -> None:
    from fastapi.testclient import TestClient as Client

    from propscope.api.app import create_app
    from propscope.api.settings import ApiSettings

    app = create_app(sqlite_store, token=TOKEN, settings=ApiSettings(
        allowed_hosts=frozenset({"localhost", "127.0.0.1", "::1"})))
    for base in ("http://localhost:8000", "http://127.0.0.1:9", "http://[::1]:8000"):
        assert Client(app, base_url=base).get("/api/v1/health").status_code == 200, base
    for base in ("http://evil.example", "http://localhost.evil.example:8000", "http://[::2]"):
        r = Client(app, base_url=base).get("/api/v1/health")
        assert r.status_code == 400 and r.json()["detail"] == "unexpected Host header", base
        _security_headers_ok(r.headers)

"""Every response tells the browser not to frame, sniff or run foreign scripts on the site."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", ["/", "/scenarios/NEV-01", "/login", "/search?q=battery", "/nope"])
def test_pages_carry_the_security_headers(client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_load_nothing_from_other_sites(client):
    for path in ("/", "/scenarios", "/studios", "/search?q=clay", "/register"):
        html = client.get(path).get_data(as_text=True)
        assert "http://" not in html.replace("http://www.w3.org", "")
        assert "src=\"https://" not in html and "href=\"https://" not in html
        assert "<script" not in html and "style=" not in html

"""The HTML page around the chart: head with a strict CSP, the event table, optional JSON-LD.

The table is the page's accessible, searchable, JavaScript-free view of the same rows the chart
draws. Every article string goes through ``attr()`` (html.escape); links are http(s) only.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

from timeline.export._html_rows import Row
from timeline.export._html_text import attr

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>(.*?)</script>", re.S)

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem;color:#1f2328}
h1{font-size:1.5rem;margin:0 0 .3rem}
.summary,.empty{color:#57606a}
.empty{font-size:1.1rem;padding:2rem;border:1px dashed #d0d7de;text-align:center}
table{border-collapse:collapse;width:100%;margin-top:1rem;font-size:.92rem}
caption{text-align:left;font-weight:600;font-size:1.1rem;padding:.4rem 0}
th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}
td.quote{max-width:40rem;color:#3d444d}
td.date{white-space:nowrap}
.undated td{color:#6e7781}
""".strip()


def csp(scripts: list[str], external: str | None) -> str:
    """Content-Security-Policy that lets only our own scripts run and forbids every fetch.

    Inline scripts are allowed by hash, so markup that slipped into the page could not execute,
    and ``default-src 'none'`` means no request leaves the page even if something tried.
    """
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts
    )
    src = f" {external}" if external else ""
    return (f"default-src 'none'; script-src {hashes}{src}; style-src 'unsafe-inline'; "
            "img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'")


def table(rows: list[Row]) -> str:
    """The events as an HTML table: normalised date and precision, as written, title, quote, source."""
    head = ("<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Precision</th>"
            "<th scope=\"col\">As written</th><th scope=\"col\">Event</th><th scope=\"col\">Lane</th>"
            "<th scope=\"col\">Quote</th><th scope=\"col\">Source</th></tr></thead>")
    body = []
    for r in rows:
        links = "<br>".join(
            f'<a href="{attr(link.url)}" rel="noopener noreferrer nofollow">{attr(link.name)}</a>' if link.url
            else f"{attr(link.name)} (no link)" for link in r.links
        )
        cls = ' class="undated"' if r.shape.kind == "undated" else ""
        body.append(
            f'<tr id="{attr("ev-" + r.event_id)}"{cls}><td class="date">{attr(r.date)}</td>'
            f"<td>{attr(r.precision)}</td><td>{attr(r.date_text) or '&mdash;'}</td><td>{attr(r.title)}</td>"
            f'<td>{attr(r.lane)}</td><td class="quote">{attr(r.quote)}</td><td>{links}</td></tr>'
        )
    return (f'<table id="events"><caption>Events ({len(rows)})</caption>{head}<tbody>'
            + "\n".join(body) + "</tbody></table>")


def page(title: str, summary: str, chart: str, rows: list[Row], jsonld: str | None, external: str | None) -> str:
    """The whole document; ``chart`` is plotly's div snippet or an 'empty' message."""
    ld = f'<script type="application/ld+json">{jsonld}</script>\n' if jsonld else ""
    events = table(rows) if rows else '<p class="empty">No events in this timeline.</p>'
    body = (f"<h1>{attr(title)}</h1>\n<p class=\"summary\">{attr(summary)}</p>\n{chart}\n{events}\n")
    policy = csp(_INLINE_SCRIPT.findall(body), external)
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy, quote=False)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="news-timeline">\n'
        f"<title>{attr(title)}</title>\n<style>{STYLE}</style>\n{ld}</head>\n<body>\n{body}</body>\n</html>\n"
    )

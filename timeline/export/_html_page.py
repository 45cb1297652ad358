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
from timeline.export._html_text import attr, clean

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>(.*?)</script>", re.DOTALL)

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem;color:#1f2328}
h1{font-size:1.5rem;margin:0 0 .3rem}
.summary,.empty{color:#57606a}
.empty{font-size:1.1rem;padding:2rem;border:1px dashed #d0d7de;text-align:center}
.controls{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.6rem 0;font-size:.92rem}
.controls input[type=search]{min-width:16rem;padding:.3rem .4rem}
.controls button,.pager button{padding:.25rem .7rem}
figure{margin:0}
figcaption{font-size:.9rem;color:#57606a}
figcaption ol{margin:.3rem 0;padding-left:1.4rem}
table{border-collapse:collapse;width:100%;margin-top:1rem;font-size:.92rem}
caption{text-align:left;font-weight:600;font-size:1.1rem;padding:.4rem 0}
th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}
td.quote{max-width:40rem;color:#3d444d}
td.date{white-space:nowrap}
tr.key td{background:#fff8c5}
tr.faint td{color:#6e7781}
mark{background:#ffe58f;padding:0 .1em}
.undated td{color:#6e7781}
.pager{margin:.5rem 0;display:flex;gap:.6rem;align-items:center}
:focus-visible{outline:3px solid #0969da;outline-offset:2px}
""".strip()

PAGE_ROWS = 100  # table rows per page
STATIC_ROWS = 2000  # up to this many rows the whole table is in the document


def csp(scripts: list[str], external: str | None, webgl: bool = False) -> str:
    """Content-Security-Policy that lets only our own scripts run and forbids every fetch.

    Inline scripts are allowed by hash, so markup that slipped into the page could not execute,
    and ``default-src 'none'`` means no request leaves the page even if something tried. A page
    that draws WebGL traces also allows ``'unsafe-eval'``: plotly's WebGL library (regl) compiles
    its draw calls with ``new Function``, and without it plotly reports "WebGL is not supported"
    (plotly.py ships no prebuilt "strict" bundle). Only our hashed scripts run, and no article text
    ever reaches an eval, so this opens nothing to the page's content.
    """
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts
    )
    src = f" {external}" if external else ""
    evals = "'unsafe-eval' " if webgl else ""
    return (f"default-src 'none'; script-src {evals}{hashes}{src}; style-src 'unsafe-inline'; "
            "img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'")


def _quote(r: Row) -> str:
    """The quote, escaped, with the event's trigger word(s) marked."""
    q = r.quote
    if r.trigger is not None and 0 <= r.trigger[0] < r.trigger[1] <= len(q):
        a, b = r.trigger
        return f"{attr(clean(q[:a]))} <mark>{attr(clean(q[a:b]))}</mark> {attr(clean(q[b:]))}".strip()
    return attr(clean(q))


def row_html(r: Row, hidden: bool = False) -> str:
    """One table row: date, precision, as written, title, actors, kind, quote with its trigger, sources."""
    links = "<br>".join(
        f'<a href="{attr(link.url)}" rel="noopener noreferrer nofollow">{attr(link.name)}</a>' if link.url
        else f"{attr(link.name)} (no link)" for link in r.links
    )
    names = " ".join(c for c, on in (("undated", r.shape.kind == "undated"), ("key", r.key), ("faint", r.faint)) if on)
    cls = (f' class="{names}"' if names else "") + (" hidden" if hidden else "")
    title = f"<strong>{attr(r.title)}</strong> (key event)" if r.key else attr(r.title)
    return (f'<tr id="{attr("ev-" + r.event_id)}"{cls}><td class="date">{attr(r.date)}</td>'
            f"<td>{attr(r.precision)}</td><td>{attr(r.date_text) or '&mdash;'}</td><td>{title}</td>"
            f"<td>{attr(', '.join(r.actors)) or '&mdash;'}</td><td>{attr(r.kind) or '&mdash;'}</td>"
            f'<td class="quote">{_quote(r)}</td><td>{links}</td></tr>')


def table(rows: list[Row]) -> str:
    """The events as an HTML table: the accessible view of everything the chart draws.

    Up to STATIC_ROWS rows, every row is in the document (later pages hidden until the script pages
    through them; without script all show). Longer tables hold their first page; the script builds
    the other pages from the event records in ``#tl-data`` (virtualised: a 20,000-row DOM would
    cost seconds before the page could respond), as DOM nodes with the same markup as ``row_html``."""
    head = ("<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Precision</th>"
            "<th scope=\"col\">As written</th><th scope=\"col\">Event</th><th scope=\"col\">Actors</th>"
            "<th scope=\"col\">Kind</th><th scope=\"col\">Quote</th><th scope=\"col\">Source</th></tr></thead>")
    virtual = len(rows) > STATIC_ROWS
    shown = rows[:PAGE_ROWS] if virtual else rows
    body = "\n".join(row_html(r, hidden=n >= PAGE_ROWS) for n, r in enumerate(shown))
    out = f'<table id="events"><caption>Events ({len(rows)})</caption>{head}<tbody>{body}</tbody></table>'
    if virtual:
        out += (f'<noscript><p class="empty">The first {PAGE_ROWS} of {len(rows)} events are listed; the others need '
                "JavaScript here, and are all in timeline.json (or timeline build --format markdown).</p></noscript>")
    elif len(rows) > PAGE_ROWS:
        out += "<noscript><style>#events tr[hidden]{display:table-row}</style></noscript>"
    return out


CONTROLS = """<div class="controls" id="tl-controls" role="group" aria-label="Chart controls" hidden>
<label>Search <input type="search" id="tl-search" placeholder="words in titles and actors" aria-controls="events"></label>
<label>Lanes <select id="tl-lanes">{lanes}</select></label>
<label><input type="checkbox" id="tl-faint" checked> low-salience events</label>
<button type="button" id="tl-story">The story</button>
<button type="button" id="tl-whole">Whole span</button>
<span id="tl-count" aria-live="polite"></span>
</div>"""
LANE_NAMES = {"source": "outlet", "actor": "actor", "kind": "kind", "article": "article"}


def controls(mode: str, modes: tuple[str, ...]) -> str:
    opts = "".join(f'<option value="{m}"{" selected" if m == mode else ""}>{LANE_NAMES[m]}</option>' for m in modes)
    return CONTROLS.format(lanes=opts)


PAGER = ('<nav class="pager" id="tl-pager" aria-label="Table pages" hidden><button type="button" id="tl-prev">'
         'Previous</button><span id="tl-page" aria-live="polite"></span><button type="button" id="tl-next">Next</button></nav>')


def page(title: str, summary: str, chart: str, rows: list[Row], jsonld: str | None, external: str | None,
         scripts: str = "", webgl: bool = False) -> str:
    """The whole document; ``chart`` is the chart's figure (or an 'empty' message), ``scripts`` the
    script elements that draw it, placed after the table so that the table shows first."""
    ld = f'<script type="application/ld+json">{jsonld}</script>\n' if jsonld else ""
    events = table(rows) + "\n" + PAGER if rows else '<p class="empty">No events in this timeline.</p>'
    body = (f"<h1>{attr(title)}</h1>\n<p class=\"summary\">{attr(summary)}</p>\n{chart}\n{events}\n{scripts}")
    policy = csp(_INLINE_SCRIPT.findall(body), external, webgl)
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy, quote=False)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="news-timeline">\n'
        f"<title>{attr(title)}</title>\n<style>{STYLE}</style>\n{ld}</head>\n<body>\n{body}</body>\n</html>\n"
    )

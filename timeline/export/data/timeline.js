// The page's behaviour (news-timeline). Reads the figure, the lane modes and the event records from
// #tl-data, builds the hover texts, links, search index and (long tables) table rows from the records,
// draws the chart, and wires the controls: search, lanes, low-salience toggle, story / whole span,
// label decluttering after every redraw, click-to-source and table pages. No network, no eval; article
// text reaches the DOM only as text nodes and plotly only escaped (pseudo()).
(function () {
  'use strict';
  var times = {start: performance.now()};
  var data = JSON.parse(document.getElementById('tl-data').textContent);
  var ev = data.events;  // column arrays, one entry per table row (see _html_records.py)
  var count = ev.id.length;
  var gd = document.getElementById('timeline-chart');
  var table = document.getElementById('events');
  var tbody = table ? table.tBodies[0] : null;
  var trs = tbody ? Array.prototype.slice.call(tbody.rows) : [];
  var virtual = tbody !== null && trs.length < count;  // long tables: rows beyond the first page built on demand
  var matches = null;  // row indices that match the search, or null for all
  var matchIds = null;  // their event ids (the labels' names)
  var page = 0;
  var KEY = 1, FAINT = 2, UNDATED = 4;

  // Text helpers, as _html_text.py: truncate at a word boundary, greedy wrap, plotly pseudo-HTML escape.
  function truncate(text, limit) {
    if (text.length <= limit) { return text; }
    var chars = Array.from(text);  // code points, as Python counts
    if (chars.length <= limit) { return text; }
    var head = chars.slice(0, limit).join('');
    var cut = head.slice(0, Math.max(head.lastIndexOf(' '), 0)) || head;
    return cut.replace(/[ ,;:]+$/, '') + '\u2026';
  }
  function wrap(text, width) {
    var lines = [], line = '';
    text.split(' ').forEach(function (word) {
      if (line && line.length + 1 + word.length > width) { lines.push(line); line = word; }
      else { line = line ? line + ' ' + word : word; }
    });
    if (line) { lines.push(line); }
    return lines;
  }
  function pseudo(text) { return text.replace(/&/g, '&amp;').replace(/</g, '&lt;'); }
  function unpack(v) { return v && v.$s ? v.$i.map(function (k) { return v.$s[k]; }) : v; }

  function actorsOf(i) { return ev.a[i].map(function (k) { return ev.actors[k]; }); }
  function linksOf(i) {
    var l = ev.l[i], out = [];
    for (var k = 0; k < l.length; k += 2) { out.push({name: ev.outlets[l[k]], url: l[k + 1] >= 0 ? ev.urls[l[k + 1]] : null}); }
    return out;
  }
  // The quote as [before, trigger, after] (trigger and after empty when no trigger is known).
  function quoteParts(i) {
    var q = ev.q[i], m = ev.m[i];
    return m ? [q.slice(0, m[0] - 1), q.slice(m[0], m[1]), q.slice(m[1] + 1)] : [q, null, ''];
  }

  // Hover label: title, the date as normalised and as written, actors, the quote (trigger in bold), sources.
  function hover(i) {
    var key = ev.f[i] & KEY;
    var lines = ['<b>' + pseudo(truncate(ev.t[i], 90)) + '</b>' + (key ? ' (key event)' : ''),
      pseudo(ev.d[i] + ' (' + ev.precisions[ev.p[i]] + ')'),
      ev.w[i] ? pseudo('as written: \u201c' + truncate(ev.w[i], 60) + '\u201d') : 'as written: (no date phrase)'];
    var actors = actorsOf(i);
    if (actors.length) { lines.push(pseudo('actors: ' + truncate(actors.join(', '), 80))); }
    var parts = quoteParts(i);
    var marked = parts[1] === null ? parts[0] : (parts[0] + ' \u0000' + parts[1] + '\u0001 ' + parts[2]).trim();
    lines.push(wrap(truncate(marked, data.quoteChars), 70).map(function (line) { return '<i>' + pseudo(line) + '</i>'; })
      .join('<br>').replace(/\u0000/g, '<b>').replace(/\u0001/g, '</b>'));
    var links = linksOf(i);
    links.slice(0, 3).forEach(function (link) {
      lines.push(pseudo(truncate(link.name, 40) + ': ' + truncate(link.url || 'no link', 80)));
    });
    if (links.length > 3) { lines.push('+' + (links.length - 3) + ' more sources'); }
    return lines.join('<br>');
  }
  function firstUrl(i) { var l = ev.l[i]; return l.length && l[1] >= 0 ? ev.urls[l[1]] : ''; }

  // One table row as DOM nodes, the same markup as _html_page.row_html.
  function cell(tr, text, cls) {
    var td = tr.insertCell(-1);
    if (cls) { td.className = cls; }
    if (text !== undefined) { td.textContent = text || '\u2014'; }
    return td;
  }
  function element(tag, text) { var e = document.createElement(tag); e.textContent = text; return e; }
  function buildRow(i) {
    var tr = document.createElement('tr');
    tr.id = 'ev-' + ev.id[i];
    var names = [[UNDATED, 'undated'], [KEY, 'key'], [FAINT, 'faint']]
      .filter(function (c) { return ev.f[i] & c[0]; }).map(function (c) { return c[1]; });
    if (names.length) { tr.className = names.join(' '); }
    cell(tr, ev.d[i], 'date');
    cell(tr, ev.precisions[ev.p[i]]);
    cell(tr, ev.w[i]);
    var title = cell(tr);
    if (ev.f[i] & KEY) { title.append(element('strong', ev.t[i]), ' (key event)'); } else { title.textContent = ev.t[i]; }
    cell(tr, actorsOf(i).join(', '));
    cell(tr, ev.kinds[ev.k[i]]);
    var quote = cell(tr, undefined, 'quote'), parts = quoteParts(i);
    if (parts[1] === null) { quote.textContent = parts[0]; }
    else {
      if (parts[0]) { quote.append(parts[0] + ' '); }
      quote.append(element('mark', parts[1]));
      if (parts[2]) { quote.append(' ' + parts[2]); }
    }
    var sources = cell(tr);
    linksOf(i).forEach(function (link, k) {
      if (k) { sources.append(document.createElement('br')); }
      if (link.url) {
        var a = element('a', link.name);
        a.href = link.url;  // http(s) only (safe_url at build time)
        a.rel = 'noopener noreferrer nofollow';
        sources.append(a);
      } else { sources.append(link.name + ' (no link)'); }
    });
    return tr;
  }

  var searchIndex = null;  // built on the first search: words of the title and actors, lower case
  function searchable() {
    if (!searchIndex) {
      searchIndex = ev.t.map(function (t, i) { return [t].concat(actorsOf(i)).join(' ').toLowerCase(); });
    }
    return searchIndex;
  }

  // A trace with the y values and colours of a lane mode (the modes carry colours as tables and indexes).
  function styled(t, i, m) {
    var c = Object.assign({}, t, {y: m.y[i]});
    var color = unpack(m.color[i]), line = unpack(m.line[i]);
    if (t.type === 'scattergl' && t.meta === 'span') {
      c.line = Object.assign({}, t.line, {color: color});
    } else {
      c.marker = Object.assign({}, t.marker, {color: color, line: Object.assign({}, t.marker.line, {color: line})});
      if (t.type === 'bar') { c.marker.pattern = Object.assign({}, t.marker.pattern, {fgcolor: line}); }
    }
    return c;
  }

  function byId(id) { return document.getElementById(id); }

  // Labels: keep them in priority order (the order of layout.annotations), hide any that would
  // overlap one already kept or that stands outside the plot area. DOM only: no redraw loop.
  function declutter() {
    var size = gd._fullLayout && gd._fullLayout._size;
    if (!size) { return; }
    var box = gd.getBoundingClientRect();
    var left = box.left + size.l, right = left + size.w, top = box.top + size.t, bottom = top + size.h;
    var kept = [];
    var nodes = gd.querySelectorAll('.annotation');
    var notes = gd.layout.annotations || [];
    Array.prototype.forEach.call(nodes, function (node) {
      var note = notes[Number(node.getAttribute('data-index'))];
      if (!note || note.name === 'open') { return; }
      node.style.display = '';
      var r = node.getBoundingClientRect();
      var hidden = r.width === 0 || r.left < left - 1 || r.right > right + 1 || r.top < top - 1 || r.bottom > bottom + 1 ||
        (matchIds && !matchIds.has(note.name)) ||
        kept.some(function (k) { return r.left < k.right && k.left < r.right && r.top < k.bottom && k.top < r.bottom; });
      if (hidden) { node.style.display = 'none'; node.setAttribute('data-hidden', '1'); }
      else { node.removeAttribute('data-hidden'); kept.push(r); }
    });
  }

  function showPage() {
    if (!tbody) { return; }
    var list = [];
    for (var i = 0; i < count; i++) { if (!matches || matches.has(i)) { list.push(i); } }
    var pages = Math.max(1, Math.ceil(list.length / data.pageRows));
    page = Math.max(0, Math.min(page, pages - 1));
    var slice = list.slice(page * data.pageRows, (page + 1) * data.pageRows);
    if (virtual) {
      tbody.replaceChildren.apply(tbody, slice.map(buildRow));
    } else {
      var show = new Set(slice);
      for (var j = 0; j < trs.length; j++) { trs[j].hidden = !show.has(j); }
    }
    byId('tl-pager').hidden = pages < 2;
    byId('tl-page').textContent = 'Page ' + (page + 1) + ' of ' + pages + ' (' + list.length + ' events)';
    byId('tl-prev').disabled = page === 0;
    byId('tl-next').disabled = page >= pages - 1;
  }

  function search(text) {
    var words = text.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) { matches = matchIds = null; }
    else {
      matches = new Set();
      matchIds = new Set();
      searchable().forEach(function (s, i) {
        if (words.every(function (w) { return s.indexOf(w) >= 0; })) { matches.add(i); matchIds.add(ev.id[i]); }
      });
    }
    var sel = data.members.map(function (rows) {
      if (!matches) { return null; }
      var out = [];
      rows.forEach(function (row, k) { if (matches.has(row)) { out.push(k); } });
      return out;
    });
    if (gd.data) { Plotly.restyle(gd, {selectedpoints: sel}); }
    byId('tl-count').textContent = matches ? matches.size + ' of ' + count + ' events match' : '';
    page = 0;
    showPage();
    declutter();
  }

  // Lanes: the y values, colours, axis, labels and height of another lane mode, in one redraw.
  function lanes(mode) {
    var m = data.modes[mode];
    var traces = gd.data.map(function (t, i) { return styled(t, i, m); });
    var layout = Object.assign({}, gd.layout, {height: m.layout.height, annotations: m.layout.annotations,
      shapes: m.layout.shapes});
    layout.yaxis = Object.assign({}, gd.layout.yaxis, {tickvals: m.layout['yaxis.tickvals'],
      ticktext: m.layout['yaxis.ticktext'], range: m.layout['yaxis.range']});
    Plotly.react(gd, traces, layout, data.config);
  }

  // An array whose items are made when first read: plotly reads a WebGL point's hover text only when it
  // shows it, so 20,000 labels are not built before the chart can be drawn (SVG traces read them all).
  function lazy(n, make) {
    return new Proxy(new Array(n), {get: function (target, key, receiver) {
      if (typeof key === 'string' && key.charCodeAt(0) <= 57) {
        var i = Number(key);
        if (i >= 0 && i < n && target[i] === undefined) { target[i] = make(i); }
      }
      return Reflect.get(target, key, receiver);
    }});
  }

  // The traces as drawn first: colours of the lane mode the page opens in, hover texts and links from the
  // records (a WebGL polyline has three points per span: start, end and the break after it).
  function traces() {
    var m = data.modes[data.mode];
    return data.figure.data.map(function (t, i) {
      var rows = data.members[i], c = styled(t, i, m);
      if (t.type === 'scattergl' && t.meta === 'span') {
        c.hovertext = lazy(3 * rows.length, function (k) { return k % 3 === 2 ? '' : hover(rows[(k - k % 3) / 3]); });
        c.customdata = lazy(3 * rows.length, function (k) { return k % 3 === 2 ? '' : firstUrl(rows[(k - k % 3) / 3]); });
      } else {
        c.hovertext = lazy(rows.length, function (k) { return hover(rows[k]); });
        c.customdata = rows.map(firstUrl);
      }
      return c;
    });
  }

  times.parsed = performance.now();
  // Drawn once the document has loaded: a WebGL context that plotly asks for while the page is
  // still loading can fail in Chromium's software renderer ("WebGL is not supported").
  var loaded = new Promise(function (resolve) {
    if (document.readyState === 'complete') { resolve(); } else { window.addEventListener('load', resolve); }
  });
  var draw = loaded.then(function () {
    times.loaded = performance.now();
    if (!gd) { return null; }
    var figure = traces();
    times.built = performance.now();
    // Two passes: plotly redraws everything once the range slider has pushed the bottom margin; an
    // empty first pass settles the margins, so the events are drawn once.
    var empty = figure.map(function (t) { return Object.assign({}, t, {x: [], y: [], base: t.base && [], hovertext: [], customdata: []}); });
    var bare = Object.assign({}, data.figure.layout, {annotations: []});  // labels push no margin
    return Plotly.newPlot(gd, empty, bare, data.config).then(function () {
      times.margins = performance.now();
      return Plotly.react(gd, figure, Object.assign({}, gd.layout, {annotations: data.figure.layout.annotations}), data.config);
    });
  });
  draw.then(function () {
    times.drawn = performance.now();
    if (gd) {
      gd.on('plotly_afterplot', declutter);
      gd.on('plotly_click', function (d) {
        var u = d && d.points && d.points[0] && d.points[0].customdata;
        if (typeof u === 'string' && /^https?:\/\//i.test(u)) { window.open(u, '_blank', 'noopener'); }
      });
      declutter();
      var controls = byId('tl-controls');
      controls.hidden = false;
      var timer = null;
      byId('tl-search').addEventListener('input', function (e) {
        clearTimeout(timer);
        var value = e.target.value;
        timer = setTimeout(function () { search(value); }, 150);
      });
      byId('tl-lanes').addEventListener('change', function (e) { lanes(e.target.value); });
      byId('tl-faint').addEventListener('change', function (e) {
        var i = gd.data.findIndex(function (t) { return t.meta === 'faint'; });
        if (i >= 0) { Plotly.restyle(gd, {visible: e.target.checked ? true : 'legendonly'}, [i]); }
      });
      byId('tl-story').addEventListener('click', function () { Plotly.relayout(gd, {'xaxis.range': data.view.slice()}); });
      byId('tl-whole').addEventListener('click', function () { Plotly.relayout(gd, {'xaxis.range': data.whole.slice()}); });
    }
    if (tbody && count > data.pageRows) {
      byId('tl-prev').addEventListener('click', function () { page -= 1; showPage(); });
      byId('tl-next').addEventListener('click', function () { page += 1; showPage(); });
      if (virtual) {  // the first page is in the document already: the other rows wait until asked for
        var pages = Math.ceil(count / data.pageRows);
        byId('tl-pager').hidden = false;
        byId('tl-page').textContent = 'Page 1 of ' + pages + ' (' + count + ' events)';
        byId('tl-prev').disabled = true;
      } else {
        showPage();
      }
    }
    times.ready = performance.now();
    window.__timelineTimes = times;  // ms since navigation start: script start, data parsed, traces built,
    window.__timelineReady = times.ready;  // chart drawn, ready; then painted: the first frame after ready
    requestAnimationFrame(function () { setTimeout(function () { times.painted = performance.now(); }, 0); });
  });
})();

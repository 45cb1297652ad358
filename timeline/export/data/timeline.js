// The page's behaviour (news-timeline). Reads the figure and the lane modes from #tl-data, draws
// the chart, and wires the controls: search, lanes, low-salience toggle, story / whole span,
// label decluttering after every redraw, click-to-source and table pages. No network, no eval.
(function () {
  'use strict';
  var times = {start: performance.now()};
  var data = JSON.parse(document.getElementById('tl-data').textContent);
  var gd = document.getElementById('timeline-chart');
  var table = document.getElementById('events');
  var tbody = table ? table.tBodies[0] : null;
  var trs = tbody ? Array.prototype.slice.call(tbody.rows) : [];
  var rowsNode = document.getElementById('tl-rows');
  var virtual = null;  // long tables: the rows' HTML, parsed on first use
  function rowsHtml() { if (!virtual) { virtual = JSON.parse(rowsNode.textContent); } return virtual; }
  var matches = null;  // row indices that match the search, or null for all
  var page = 0;

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
        (matches && !matches.has(note.name)) ||
        kept.some(function (k) { return r.left < k.right && k.left < r.right && r.top < k.bottom && k.top < r.bottom; });
      if (hidden) { node.style.display = 'none'; node.setAttribute('data-hidden', '1'); }
      else { node.removeAttribute('data-hidden'); kept.push(r); }
    });
  }

  function showPage() {
    if (!tbody) { return; }
    var total = rowsNode ? data.ids.length : trs.length;
    var list = [];
    for (var i = 0; i < total; i++) { if (!matches || matches.has(data.ids[i])) { list.push(i); } }
    var pages = Math.max(1, Math.ceil(list.length / data.pageRows));
    page = Math.max(0, Math.min(page, pages - 1));
    var slice = list.slice(page * data.pageRows, (page + 1) * data.pageRows);
    if (rowsNode) {
      var html = rowsHtml();
      tbody.innerHTML = slice.map(function (k) { return html[k]; }).join('');
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
    if (!words.length) { matches = null; }
    else {
      matches = new Set();
      data.search.forEach(function (s, i) {
        if (words.every(function (w) { return s.indexOf(w) >= 0; })) { matches.add(data.ids[i]); }
      });
    }
    var sel = data.traceIds.map(function (ids) {
      if (!matches) { return null; }
      var out = [];
      ids.forEach(function (id, k) { if (matches.has(id)) { out.push(k); } });
      return out;
    });
    if (gd.data) { Plotly.restyle(gd, {selectedpoints: sel}); }
    byId('tl-count').textContent = matches ? matches.size + ' of ' + data.ids.length + ' events match' : '';
    page = 0;
    showPage();
    declutter();
  }

  // Lanes: the y values, colours, axis, labels and height of another lane mode, in one redraw.
  function lanes(mode) {
    var m = data.modes[mode];
    var traces = gd.data.map(function (t, i) {
      var c = Object.assign({}, t, {y: m.y[i]});
      if (t.type === 'scattergl' && t.meta === 'span') {
        c.line = Object.assign({}, t.line, {color: m.color[i]});
      } else {
        c.marker = Object.assign({}, t.marker, {color: m.color[i], line: Object.assign({}, t.marker.line, {color: m.line[i]})});
        if (t.type === 'bar') { c.marker.pattern = Object.assign({}, t.marker.pattern, {fgcolor: m.line[i]}); }
      }
      return c;
    });
    var layout = Object.assign({}, gd.layout, {height: m.layout.height, annotations: m.layout.annotations,
      shapes: m.layout.shapes});
    layout.yaxis = Object.assign({}, gd.layout.yaxis, {tickvals: m.layout['yaxis.tickvals'],
      ticktext: m.layout['yaxis.ticktext'], range: m.layout['yaxis.range']});
    Plotly.react(gd, traces, layout, data.config);
  }

  times.parsed = performance.now();
  // Drawn once the document has loaded: a WebGL context that plotly asks for while the page is
  // still loading can fail in Chromium's software renderer ("WebGL is not supported").
  var loaded = new Promise(function (resolve) {
    if (document.readyState === 'complete') { resolve(); } else { window.addEventListener('load', resolve); }
  });
  var draw = loaded.then(function () {
    times.loaded = performance.now();
    return gd ? Plotly.newPlot(gd, data.figure.data, data.figure.layout, data.config) : null;
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
    if (tbody && data.ids.length > data.pageRows) {
      byId('tl-prev').addEventListener('click', function () { page -= 1; showPage(); });
      byId('tl-next').addEventListener('click', function () { page += 1; showPage(); });
      if (rowsNode) {  // the first page is in the document already: the other rows wait until asked for
        var pages = Math.ceil(data.ids.length / data.pageRows);
        byId('tl-pager').hidden = false;
        byId('tl-page').textContent = 'Page 1 of ' + pages + ' (' + data.ids.length + ' events)';
        byId('tl-prev').disabled = true;
      } else {
        showPage();
      }
    }
    times.ready = performance.now();
    window.__timelineTimes = times;  // ms since navigation start: script start, data parsed, chart drawn, ready
    window.__timelineReady = times.ready;
  });
})();

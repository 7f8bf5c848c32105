// The HTML report's inline stylesheet and script (no template placeholders, no network).

export const REPORT_CSS = `
:root { --create: #1a7f37; --update: #9a6700; --delete: #cf222e; --nochange: #6e7781; --fail: #a40e26;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1200px; margin: 0 auto; padding: 20px 24px 60px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 22px 0 8px; }
.summary { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); margin: 0 0 14px; }
table { border-collapse: collapse; }
.counts th, .counts td { border: 1px solid var(--line); padding: 4px 10px; text-align: right; }
.counts th:first-child, .counts td:first-child { text-align: left; }
.counts thead th { background: var(--soft); }
.counts td.zero { color: #aab; }
.toolbar { position: sticky; top: 0; z-index: 2; background: var(--bg); display: flex; flex-wrap: wrap; gap: 8px; align-items: center;
  padding: 10px 0 6px; border-bottom: 1px solid var(--line); margin: 14px 0 8px; }
.toolbar button { font: inherit; border: 1px solid var(--line); background: var(--soft); border-radius: 16px; padding: 3px 12px; cursor: pointer; }
.toolbar button[aria-pressed="true"] { background: #0969da; border-color: #0969da; color: #fff; }
.toolbar label { display: inline-flex; gap: 4px; align-items: center; }
#search { font: inherit; padding: 4px 10px; border: 1px solid var(--line); border-radius: 6px; min-width: 260px; margin-left: auto; }
.status { color: var(--muted); font-size: 13px; flex-basis: 100%; }
details { margin: 0; }
#tree { padding-left: 16px; }
summary { cursor: pointer; padding: 2px 4px; border-radius: 4px; list-style-position: outside; }
summary:hover { background: var(--soft); }
.group > summary { font-weight: 600; }
.group > .rows { margin-left: 18px; border-left: 1px dashed var(--line); padding-left: 8px; }
.el > .body { margin: 2px 0 6px 20px; }
.badge { display: inline-block; min-width: 66px; text-align: center; font-size: 11px; font-weight: 600; text-transform: uppercase;
  border-radius: 10px; padding: 0 6px; margin-right: 6px; color: #fff; background: var(--nochange); }
.a-create > summary .badge { background: var(--create); }
.a-update > summary .badge { background: var(--update); }
.a-delete > summary .badge { background: var(--delete); }
.el > summary .badge.fail { background: var(--fail); min-width: 0; }
.type { color: var(--muted); margin-right: 6px; }
.name { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.changes { color: var(--update); margin-left: 8px; font-size: 12px; }
.context > summary { opacity: 0.6; }
.failed > summary .name { color: var(--fail); }
.error { color: var(--fail); background: #ffebe9; border: 1px solid #ffcecb; border-radius: 6px; padding: 4px 8px; margin: 4px 0; white-space: pre-wrap; }
.attrs { margin: 4px 0; font-size: 13px; }
.attrs th, .attrs td { border: 1px solid var(--line); padding: 2px 8px; vertical-align: top; text-align: left; }
.attrs thead th { background: var(--soft); }
.attrs td.v { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-word; max-width: 460px; }
.attrs tr.changed td.src { background: #dafbe1; }
.attrs tr.changed td.dst { background: #ffebe9; }
.absent { color: #aab; font-style: italic; }
.more { font: inherit; margin: 4px 0; border: 1px solid var(--line); background: var(--soft); border-radius: 6px; padding: 2px 10px; cursor: pointer; }
.failures { margin: 16px 0 0; padding: 8px 12px; border: 1px solid #ffcecb; background: #fff8f7; border-radius: 6px; }
.failures > summary { font-weight: 600; color: var(--fail); }
.failures ul { margin: 6px 0 0; padding-left: 20px; }
.failures li { margin: 2px 0; }
.empty { color: var(--muted); font-style: italic; }
`;

export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('report-data').textContent);
  var N = D.n.length, ACT = D.actions, CHUNK = 500, AUTO_BUDGET = 400, SMALL = N <= 200;
  var kids = new Array(N), top = [];
  for (var i = 0; i < N; i++) {
    var p = D.p[i];
    if (p < 0) top.push(i); else (kids[p] || (kids[p] = [])).push(i);
  }
  var failedAt = D.f;
  var state = { on: [true, true, true, true], failedOnly: false, q: '' };
  var match = new Uint8Array(N), shown = new Uint8Array(N), texts = null, budget = 0;
  var openTypes = {};

  function h(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function fmt(v) { return typeof v === 'string' ? v : JSON.stringify(v); }
  function textOf(i) {
    var t = texts[i];
    if (t === undefined) {
      t = (D.types[D.t[i]] + ' ' + D.n[i] + ' ' + (D.s[i] ? JSON.stringify(D.s[i]) : '') + ' ' + (D.d[i] ? JSON.stringify(D.d[i]) : '')).toLowerCase();
      texts[i] = t;
    }
    return t;
  }
  function recompute() {
    var q = state.q, on = state.on, fo = state.failedOnly;
    if (q && !texts) texts = new Array(N);
    shown.fill(0);
    for (var i = N - 1; i >= 0; i--) {
      var m = on[D.a[i]] && (!fo || failedAt[i] !== undefined) && (!q || textOf(i).indexOf(q) >= 0);
      match[i] = m ? 1 : 0;
      if (m || shown[i]) { shown[i] = 1; if (D.p[i] >= 0) shown[D.p[i]] = 1; }
    }
  }
  function byType(list) {
    var groups = {}, order = [];
    for (var k = 0; k < list.length; k++) {
      var i = list[k];
      if (!shown[i]) continue;
      var t = D.t[i];
      if (!groups[t]) { groups[t] = []; order.push(t); }
      groups[t].push(i);
    }
    return order.map(function (t) { return [t, groups[t]]; });
  }
  function autoOpen() { return (state.q !== '' || state.failedOnly) && budget > 0; }

  function group(t, list, isTop) {
    var det = h('details', 'group');
    det.dataset.type = D.types[t];
    var sum = h('summary');
    sum.appendChild(h('span', 'gname', D.types[t]));
    sum.appendChild(document.createTextNode(' (' + list.length + ')'));
    det.appendChild(sum);
    var built = false;
    function build() {
      if (built) return;
      built = true;
      var rows = h('div', 'rows');
      det.appendChild(rows);
      var at = 0;
      function more() {
        var end = Math.min(list.length, at + CHUNK);
        for (; at < end; at++) rows.appendChild(row(list[at]));
        if (at < list.length) {
          var b = h('button', 'more', 'Show ' + Math.min(CHUNK, list.length - at) + ' more (' + (list.length - at) + ' left)');
          b.addEventListener('click', function () { b.remove(); more(); });
          rows.appendChild(b);
        }
      }
      more();
    }
    det.addEventListener('toggle', function () {
      if (isTop) openTypes[D.types[t]] = det.open;
      if (det.open) build();
    });
    if ((isTop && openTypes[D.types[t]]) || autoOpen() || SMALL) {
      budget -= Math.min(list.length, CHUNK);
      det.open = true;
      build();
    }
    return det;
  }

  function attrTable(i) {
    var s = D.s[i], d = D.a[i] === 3 ? D.s[i] : D.d[i];
    var keys = [], seen = {};
    [s, d].forEach(function (o) { if (o) for (var k in o) if (!seen[k]) { seen[k] = 1; keys.push(k); } });
    if (!keys.length) return null;
    var table = h('table', 'attrs'), head = h('tr');
    head.appendChild(h('th', '', 'attribute'));
    head.appendChild(h('th', '', D.sourceName + ' (source)'));
    head.appendChild(h('th', '', D.destName + ' (destination)'));
    var thead = h('thead'); thead.appendChild(head); table.appendChild(thead);
    var tbody = h('tbody');
    keys.forEach(function (k) {
      var tr = h('tr');
      var hasS = s && Object.prototype.hasOwnProperty.call(s, k), hasD = d && Object.prototype.hasOwnProperty.call(d, k);
      if (D.a[i] === 1 && hasS && hasD && fmt(s[k]) !== fmt(d[k])) tr.className = 'changed';
      tr.appendChild(h('th', '', k));
      tr.appendChild(hasS ? h('td', 'v src', fmt(s[k])) : h('td', 'v src absent', 'absent'));
      tr.appendChild(hasD ? h('td', 'v dst', fmt(d[k])) : h('td', 'v dst absent', 'absent'));
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    return table;
  }

  function changedKeys(i) {
    var s = D.s[i], d = D.d[i], out = [];
    if (D.a[i] !== 1 || !s || !d) return out;
    for (var k in d) if (Object.prototype.hasOwnProperty.call(s, k) && fmt(s[k]) !== fmt(d[k])) out.push(k);
    return out;
  }

  function row(i) {
    var action = ACT[D.a[i]], fail = failedAt[i];
    var det = h('details', 'el a-' + action + (match[i] ? '' : ' context') + (fail ? ' failed' : ''));
    det.dataset.action = action;
    det.dataset.index = String(i);
    var sum = h('summary');
    sum.appendChild(h('span', 'badge', action));
    if (fail) sum.appendChild(h('span', 'badge fail', 'failed'));
    sum.appendChild(h('span', 'type', D.types[D.t[i]]));
    sum.appendChild(h('span', 'name', D.n[i]));
    var ch = changedKeys(i);
    if (ch.length) sum.appendChild(h('span', 'changes', 'changed: ' + ch.join(', ')));
    det.appendChild(sum);
    var built = false;
    function build() {
      if (built) return;
      built = true;
      var body = h('div', 'body');
      if (fail) body.appendChild(h('div', 'error', fail[0] + ': ' + fail[1]));
      var table = attrTable(i);
      if (table) body.appendChild(table);
      if (kids[i]) byType(kids[i]).forEach(function (g) { body.appendChild(group(g[0], g[1], false)); });
      if (!body.childNodes.length) body.appendChild(h('div', 'empty', 'no attributes'));
      det.appendChild(body);
    }
    det.addEventListener('toggle', function () { if (det.open) build(); });
    // Small reports open every parent; searches open the parents of what they found.
    if ((SMALL && kids[i]) || (autoOpen() && !match[i])) { det.open = true; build(); }
    return det;
  }

  var app = document.getElementById('app');
  app.textContent = '';
  app.appendChild(h('h1', '', D.title));
  app.appendChild(h('p', 'summary', D.summary + ' (' + N + ' elements; ' + D.sourceName + ' \\u2192 ' + D.destName + ')'));

  // Counts per model type and action.
  var counts = {}, totals = [0, 0, 0, 0, 0];
  for (var j = 0; j < N; j++) {
    var c = counts[D.t[j]] || (counts[D.t[j]] = [0, 0, 0, 0, 0]);
    c[D.a[j]]++; totals[D.a[j]]++;
    if (failedAt[j] !== undefined) { c[4]++; totals[4]++; }
  }
  var cols = ACT.slice(); if (D.failed) cols.push('failed');
  var ct = h('table', 'counts'), hr = h('tr');
  hr.appendChild(h('th', '', 'model'));
  cols.forEach(function (a) { hr.appendChild(h('th', '', a)); });
  var th = h('thead'); th.appendChild(hr); ct.appendChild(th);
  var tb = h('tbody');
  D.types.forEach(function (name, t) {
    var tr = h('tr'); tr.dataset.type = name;
    tr.appendChild(h('td', '', name));
    cols.forEach(function (a, k) { var v = counts[t] ? counts[t][k] : 0; var td = h('td', v ? '' : 'zero', String(v)); td.dataset.action = a; tr.appendChild(td); });
    tb.appendChild(tr);
  });
  ct.appendChild(tb);
  app.appendChild(h('h2', '', 'Counts'));
  app.appendChild(ct);

  if (D.failed) {
    var fd = h('details', 'failures');
    fd.appendChild(h('summary', '', 'Failed elements (' + D.failed + ')'));
    var ul = h('ul'), shownFailures = 0;
    for (var fi in failedAt) {
      if (shownFailures++ >= 200) { ul.appendChild(h('li', 'empty', '\\u2026 use "failed only" to see all of them in the tree')); break; }
      var k2 = Number(fi);
      ul.appendChild(h('li', '', D.types[D.t[k2]] + ' ' + D.n[k2] + ' (' + ACT[D.a[k2]] + '): ' + failedAt[fi][0] + ': ' + failedAt[fi][1]));
    }
    fd.appendChild(ul);
    fd.open = true;
    app.appendChild(fd);
  }

  // Filters and search.
  var bar = h('div', 'toolbar'), buttons = [];
  var all = h('button', 'filter', 'all (' + N + ')');
  all.dataset.action = 'all';
  bar.appendChild(all);
  ACT.forEach(function (a, k) {
    var b = h('button', 'filter', a + ' (' + totals[k] + ')');
    b.dataset.action = a;
    b.title = 'Show only ' + a + ' (Ctrl/Shift-click to add or remove it)';
    b.addEventListener('click', function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.shiftKey) state.on[k] = !state.on[k];
      else if (state.on[k] && state.on.filter(Boolean).length === 1) state.on = [true, true, true, true];
      else state.on = state.on.map(function (_, x) { return x === k; });
      if (!state.on.some(Boolean)) state.on = [true, true, true, true];
      update();
    });
    buttons.push(b);
    bar.appendChild(b);
  });
  all.addEventListener('click', function () { state.on = [true, true, true, true]; update(); });
  if (D.failed) {
    var lab = h('label'), cb = h('input');
    cb.type = 'checkbox'; cb.id = 'failed-only';
    cb.addEventListener('change', function () { state.failedOnly = cb.checked; update(); });
    lab.appendChild(cb); lab.appendChild(document.createTextNode('failed only (' + D.failed + ')'));
    bar.appendChild(lab);
  }
  var search = h('input');
  search.id = 'search'; search.type = 'search'; search.placeholder = 'Search names and values\\u2026';
  var timer = 0;
  search.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { state.q = search.value.trim().toLowerCase(); update(); }, 120);
  });
  bar.appendChild(search);
  var status = h('div', 'status');
  status.id = 'status';
  bar.appendChild(status);
  app.appendChild(bar);
  var tree = h('div', 'tree');
  tree.id = 'tree';
  app.appendChild(tree);

  function update() {
    var allOn = state.on.every(Boolean);
    all.setAttribute('aria-pressed', String(allOn));
    buttons.forEach(function (b, k) { b.setAttribute('aria-pressed', String(!allOn && state.on[k])); });
    recompute();
    var matched = 0;
    for (var i = 0; i < N; i++) matched += match[i];
    status.textContent = matched === N ? 'showing all ' + N + ' elements' : 'showing ' + matched + ' of ' + N + ' elements';
    budget = AUTO_BUDGET;
    tree.textContent = '';
    var groups = byType(top);
    if (!groups.length) tree.appendChild(h('p', 'empty', N ? 'Nothing matches the filters.' : 'No elements: both sides are empty.'));
    groups.forEach(function (g) { tree.appendChild(group(g[0], g[1], true)); });
  }
  update();
  document.body.dataset.ready = 'true';
})();
`;

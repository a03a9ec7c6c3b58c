/**
 * The page script, as plain browser JavaScript text (not compiled TypeScript: nothing may be injected into
 * it). It reads the embedded JSON and builds the check list with DOM APIs only (textContent, never
 * innerHTML), so response bodies cannot inject markup.
 */
export const CLIENT_SCRIPT = `(function () {
  'use strict';
  var source = document.getElementById('gate-data');
  if (!source) return;
  var report = JSON.parse(source.textContent || '{}');
  var checks = report.checks || [];
  var PAGE = 150;
  var state = { status: 'all', stage: null, kind: null, family: null, q: '', limit: PAGE };
  var list = document.getElementById('check-list');
  var count = document.getElementById('list-count');
  var more = document.getElementById('more');
  var scope = document.getElementById('scope');
  var scopeText = document.getElementById('scope-text');
  var search = document.getElementById('q');
  var ORDER = { failed: 0, passed: 1, skipped: 2 };
  var MARK = { failed: '\\u2717', passed: '\\u2713', skipped: '\\u2013' };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function family(kind) { return String(kind).split('.')[0]; }
  function matches(c) {
    if (state.status !== 'all' && c.status !== state.status) return false;
    if (state.stage && c.stage !== state.stage) return false;
    if (state.kind && c.kind !== state.kind) return false;
    if (state.family && family(c.kind) !== state.family) return false;
    if (state.q) {
      var hay = [c.id, c.title, c.operation, c.expected, c.actual].join(' ').toLowerCase();
      if (hay.indexOf(state.q) < 0) return false;
    }
    return true;
  }
  function headers(box, map, dir) {
    Object.keys(map || {}).forEach(function (k) {
      var line = el('div', 'h');
      line.appendChild(el('span', 'dir', dir));
      line.appendChild(el('span', 'hk', k + ':'));
      line.appendChild(document.createTextNode(' '));
      line.appendChild(el('span', 'hv', map[k]));
      box.appendChild(line);
    });
  }
  function evidence(e, i, total) {
    var box = el('div', 'evidence');
    var head = el('div', 'ev-head');
    head.appendChild(el('span', 'muted', total > 1 ? 'exchange ' + (i + 1) + ' of ' + total : 'exchange'));
    if (typeof e.durationMs === 'number') head.appendChild(el('span', 'muted', Math.round(e.durationMs) + ' ms'));
    box.appendChild(head);
    var req = el('div', 'req');
    req.appendChild(el('code', '', e.request));
    req.appendChild(el('span', 'arrow', ' \\u2192 '));
    var status = typeof e.status === 'number';
    req.appendChild(el('span', 'status ' + (status ? 'c' + Math.floor(e.status / 100) : 'none'), status ? e.status : 'no response'));
    box.appendChild(req);
    var hs = el('div', 'headers');
    headers(hs, e.requestHeaders, '>');
    headers(hs, e.responseHeaders, '<');
    box.appendChild(hs);
    if (e.bodyExcerpt) box.appendChild(el('pre', 'body', e.bodyExcerpt));
    if (e.note) box.appendChild(el('p', 'note', e.note));
    return box;
  }
  function detail(c) {
    var body = el('div', 'row-body');
    body.appendChild(el('p', 'cid', c.id));
    var ea = el('div', 'ea');
    var exp = el('div');
    exp.appendChild(el('span', 'label', 'expected'));
    exp.appendChild(el('p', '', c.expected));
    var act = el('div', 'actual s-' + c.status);
    act.appendChild(el('span', 'label', 'actual'));
    act.appendChild(el('p', '', c.actual));
    ea.appendChild(exp);
    ea.appendChild(act);
    body.appendChild(ea);
    var ev = c.evidence || [];
    ev.slice(0, 5).forEach(function (e, i) { body.appendChild(evidence(e, i, ev.length)); });
    if (!ev.length) body.appendChild(el('p', 'muted', 'No request evidence was recorded for this check.'));
    return body;
  }
  function row(c) {
    var d = el('details', 'row s-' + c.status);
    var s = el('summary');
    s.appendChild(el('span', 'mark m-' + c.status, MARK[c.status] || '?'));
    s.appendChild(el('span', 'tag stage', c.stage));
    s.appendChild(el('span', 'tag kind', c.kind));
    s.appendChild(el('code', 'op', c.operation));
    if (c.status !== 'passed') s.appendChild(el('span', 'row-actual', c.actual));
    d.appendChild(s);
    d.addEventListener('toggle', function () {
      if (d.open && d.childNodes.length === 1) d.appendChild(detail(c));
    });
    return d;
  }
  function render() {
    var shown = checks.filter(matches).sort(function (a, b) { return (ORDER[a.status] || 0) - (ORDER[b.status] || 0); });
    while (list.firstChild) list.removeChild(list.firstChild);
    shown.slice(0, state.limit).forEach(function (c) { list.appendChild(row(c)); });
    count.textContent = shown.length === checks.length ? checks.length + ' checks' : shown.length + ' of ' + checks.length + ' checks';
    more.hidden = shown.length <= state.limit;
    var parts = [];
    if (state.stage) parts.push('stage ' + state.stage);
    if (state.family) parts.push(state.family + ' checks');
    if (state.kind) parts.push(state.kind);
    scope.hidden = parts.length === 0;
    scopeText.textContent = parts.join(' \\u00b7 ');
    Array.prototype.forEach.call(document.querySelectorAll('[data-stage],[data-family]'), function (b) {
      var on = (b.getAttribute('data-stage') || null) === state.stage && (b.getAttribute('data-kind') || null) === state.kind && (b.getAttribute('data-family') || null) === state.family;
      b.setAttribute('aria-pressed', on ? 'true' : 'false');
    });
  }
  function scopeTo(stage, kind, fam) {
    var same = state.stage === stage && state.kind === kind && state.family === fam;
    state.stage = same ? null : stage;
    state.kind = same ? null : kind;
    state.family = same ? null : fam;
    state.limit = PAGE;
    render();
    if (!same) document.getElementById('checks').scrollIntoView({ behavior: 'smooth', block: 'start' });
  }
  Array.prototype.forEach.call(document.querySelectorAll('.matrix button'), function (b) {
    b.addEventListener('click', function () {
      scopeTo(b.getAttribute('data-stage'), b.getAttribute('data-kind'), b.getAttribute('data-family'));
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('.chip'), function (b) {
    b.addEventListener('click', function () {
      state.status = b.getAttribute('data-status') || 'all';
      state.limit = PAGE;
      Array.prototype.forEach.call(document.querySelectorAll('.chip'), function (o) { o.setAttribute('aria-pressed', o === b ? 'true' : 'false'); });
      render();
    });
  });
  document.getElementById('clear-scope').addEventListener('click', function () { scopeTo(null, null, null); });
  search.addEventListener('input', function () { state.q = search.value.trim().toLowerCase(); state.limit = PAGE; render(); });
  more.addEventListener('click', function () { state.limit += PAGE; render(); });
  Array.prototype.forEach.call(document.querySelectorAll('[data-expand]'), function (b) {
    b.addEventListener('click', function () {
      var open = b.getAttribute('data-expand') === 'open';
      Array.prototype.forEach.call(document.querySelectorAll('details.failure'), function (d) { d.open = open; });
    });
  });
  render();
})();
`;

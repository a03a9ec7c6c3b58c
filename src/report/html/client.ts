/**
 * The page script, as plain browser JavaScript text (not compiled TypeScript: nothing may be injected into
 * it). It reads the compact data block (see data.ts) and builds the check list with DOM APIs only
 * (textContent, never innerHTML), so response bodies cannot inject markup. Built for big runs: the list is
 * rendered when it comes into view (or is filtered), a page at a time, and the evidence block is parsed the
 * first time a check is opened.
 */
export const CLIENT_SCRIPT = `(function () {
  'use strict';
  var source = document.getElementById('gate-data');
  if (!source) return;
  var data = JSON.parse(source.textContent || '{}');
  var S = data.strings || [];
  var rows = data.checks || [];
  var evidenceBlock = null;
  var PAGE = 150;
  var STATUS = ['failed', 'passed', 'skipped'];
  var MARK = { failed: '\\u2717', passed: '\\u2713', skipped: '\\u2013' };
  var state = { status: 'all', stage: null, kind: null, family: null, q: '', limit: PAGE, shown: false };
  var list = document.getElementById('check-list');
  var count = document.getElementById('list-count');
  var more = document.getElementById('more');
  var scope = document.getElementById('scope');
  var scopeText = document.getElementById('scope-text');
  var search = document.getElementById('q');

  function stageOf(r) { return S[r[0]]; }
  function kindOf(r) { return S[r[1]]; }
  function opOf(r) { return S[r[2]]; }
  function statusOf(r) { return STATUS[r[3]]; }
  function idOf(r) { return r.length > 6 && r[6] >= 0 ? S[r[6]] : stageOf(r) + ':' + kindOf(r) + ':' + opOf(r); }
  function titleOf(r) { return r.length > 7 ? S[r[7]] : '[' + stageOf(r) + '] ' + opOf(r) + ' \\u203a ' + kindOf(r); }
  function family(kind) { return String(kind).split('.')[0]; }
  function evidenceOf(i) {
    if (!evidenceBlock) {
      var block = document.getElementById('gate-evidence');
      evidenceBlock = block ? JSON.parse(block.textContent || '[]') : [];
    }
    return evidenceBlock[i] || 0;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function matches(r) {
    if (state.status !== 'all' && statusOf(r) !== state.status) return false;
    if (state.stage && stageOf(r) !== state.stage) return false;
    if (state.kind && kindOf(r) !== state.kind) return false;
    if (state.family && family(kindOf(r)) !== state.family) return false;
    if (state.q) {
      var hay = [idOf(r), titleOf(r), opOf(r), S[r[4]], S[r[5]]].join(' ').toLowerCase();
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
  function exchange(x, i, total) {
    var box = el('div', 'evidence');
    var head = el('div', 'ev-head');
    head.appendChild(el('span', 'muted', total > 1 ? 'exchange ' + (i + 1) + ' of ' + total : 'exchange'));
    if (typeof x[3] === 'number') head.appendChild(el('span', 'muted', x[3] + ' ms'));
    box.appendChild(head);
    var req = el('div', 'req');
    req.appendChild(el('code', '', S[x[0]] + x[1]));
    req.appendChild(el('span', 'arrow', ' \\u2192 '));
    var status = typeof x[2] === 'number';
    req.appendChild(el('span', 'status ' + (status ? 'c' + Math.floor(x[2] / 100) : 'none'), status ? x[2] : 'no response'));
    box.appendChild(req);
    if (x[5] || x[6]) {
      var hs = el('div', 'headers');
      headers(hs, x[5], '>');
      headers(hs, x[6], '<');
      box.appendChild(hs);
    }
    if (x[7]) box.appendChild(el('pre', 'body', x[7]));
    if (typeof x[4] === 'number' && x[4] >= 0) box.appendChild(el('p', 'note', S[x[4]]));
    return box;
  }
  function detail(i) {
    var r = rows[i];
    var body = el('div', 'row-body');
    body.appendChild(el('p', 'cid', idOf(r)));
    var ea = el('div', 'ea');
    var exp = el('div');
    exp.appendChild(el('span', 'label', 'expected'));
    exp.appendChild(el('p', '', S[r[4]]));
    var act = el('div', 'actual s-' + statusOf(r));
    act.appendChild(el('span', 'label', 'actual'));
    act.appendChild(el('p', '', S[r[5]]));
    ea.appendChild(exp);
    ea.appendChild(act);
    body.appendChild(ea);
    var ev = evidenceOf(i);
    if (!ev) {
      body.appendChild(el('p', 'muted', 'No request evidence was recorded for this check.'));
      return body;
    }
    var total = ev[0];
    for (var j = 1; j < ev.length; j++) body.appendChild(exchange(ev[j], j - 1, total));
    if (total > ev.length - 1) body.appendChild(el('p', 'muted', (total - ev.length + 1) + ' more exchanges in gate.json'));
    return body;
  }
  function row(i) {
    var r = rows[i];
    var status = statusOf(r);
    var d = el('details', 'row s-' + status);
    var s = el('summary');
    s.appendChild(el('span', 'mark m-' + status, MARK[status] || '?'));
    s.appendChild(el('span', 'tag stage', stageOf(r)));
    s.appendChild(el('span', 'tag kind', kindOf(r)));
    s.appendChild(el('code', 'op', opOf(r)));
    if (status !== 'passed') s.appendChild(el('span', 'row-actual', S[r[5]]));
    d.appendChild(s);
    d.addEventListener('toggle', function () {
      if (d.open && d.childNodes.length === 1) d.appendChild(detail(i));
    });
    return d;
  }
  function selected() {
    var out = [];
    for (var i = 0; i < rows.length; i++) if (matches(rows[i])) out.push(i);
    return out.sort(function (a, b) { return rows[a][3] - rows[b][3] || a - b; });
  }
  function render() {
    var shown = selected();
    count.textContent = shown.length === rows.length ? rows.length + ' checks' : shown.length + ' of ' + rows.length + ' checks';
    more.hidden = !state.shown || shown.length <= state.limit;
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
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!state.shown) return;
    var fragment = document.createDocumentFragment();
    shown.slice(0, state.limit).forEach(function (i) { fragment.appendChild(row(i)); });
    list.appendChild(fragment);
  }
  function show() {
    if (state.shown) return;
    state.shown = true;
    render();
  }
  function goToList() {
    show();
    document.getElementById('checks').scrollIntoView({ behavior: 'smooth', block: 'start' });
  }
  function scopeTo(stage, kind, fam) {
    var same = state.stage === stage && state.kind === kind && state.family === fam;
    state.stage = same ? null : stage;
    state.kind = same ? null : kind;
    state.family = same ? null : fam;
    state.limit = PAGE;
    state.shown = true;
    render();
    if (!same) goToList();
  }
  function setStatus(status) {
    state.status = status;
    state.limit = PAGE;
    state.shown = true;
    Array.prototype.forEach.call(document.querySelectorAll('.chip'), function (o) { o.setAttribute('aria-pressed', o.getAttribute('data-status') === status ? 'true' : 'false'); });
    render();
  }
  Array.prototype.forEach.call(document.querySelectorAll('.matrix button'), function (b) {
    b.addEventListener('click', function () {
      scopeTo(b.getAttribute('data-stage'), b.getAttribute('data-kind'), b.getAttribute('data-family'));
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('.chip'), function (b) {
    b.addEventListener('click', function () { setStatus(b.getAttribute('data-status') || 'all'); });
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-show-failures]'), function (b) {
    b.addEventListener('click', function () { setStatus('failed'); goToList(); });
  });
  document.getElementById('clear-scope').addEventListener('click', function () { scopeTo(null, null, null); });
  search.addEventListener('input', function () { state.q = search.value.trim().toLowerCase(); state.limit = PAGE; state.shown = true; render(); });
  more.addEventListener('click', function () { state.limit += PAGE; render(); });
  Array.prototype.forEach.call(document.querySelectorAll('[data-expand]'), function (b) {
    b.addEventListener('click', function () {
      var open = b.getAttribute('data-expand') === 'open';
      Array.prototype.forEach.call(document.querySelectorAll('details.failure'), function (d) { d.open = open; });
    });
  });
  render();
  if ('IntersectionObserver' in window) {
    var watcher = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { watcher.disconnect(); show(); }
    }, { rootMargin: '400px' });
    watcher.observe(document.getElementById('checks'));
  } else {
    show();
  }
})();
`;

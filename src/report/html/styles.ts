/** The dashboard's stylesheet: system fonts only, light and dark schemes, print-friendly. */
export const STYLES = `
:root {
  --bg: #f4f5f7; --panel: #ffffff; --ink: #17191c; --muted: #5f6773; --faint: #8a929e; --line: #e4e7eb; --line-strong: #d3d8de;
  --pass: #17803d; --pass-bg: #e3f4e8; --pass-ink: #0f5c2b;
  --fail: #c9252d; --fail-bg: #fde8e9; --fail-ink: #8f1219;
  --skip: #6b7380; --skip-bg: #eceef1;
  --warn: #b25e00; --warn-bg: #fff1dc;
  --accent: #3451d1; --code-bg: #f6f7f9;
  --lat1: #2f4fd0; --lat2: #6c83e3; --lat3: #a5b3ef; --lat4: #d5dcf8;
  --sans: -apple-system, BlinkMacSystemFont, "Segoe UI", "Inter", "Helvetica Neue", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif;
  --mono: ui-monospace, "SFMono-Regular", "JetBrains Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
  --radius: 10px;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1115; --panel: #171a20; --ink: #e7e9ee; --muted: #a0a8b5; --faint: #768091; --line: #262b33; --line-strong: #323843;
    --pass: #3fbf6a; --pass-bg: #12301d; --pass-ink: #8fe0a9;
    --fail: #f0555c; --fail-bg: #3a1517; --fail-ink: #ffb3b6;
    --skip: #9aa3b0; --skip-bg: #22262d; --warn: #f0a040; --warn-bg: #3a2a12;
    --accent: #8ea2ff; --code-bg: #12151a;
    --lat1: #8ea2ff; --lat2: #6a7fdc; --lat3: #46589f; --lat4: #2c3760;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; scroll-behavior: smooth; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.5 var(--sans); font-feature-settings: "tnum" 1; }
code, pre, .op { font-family: var(--mono); font-size: 0.86em; }
h1, h2, h3 { margin: 0; line-height: 1.25; letter-spacing: -0.01em; }
h2 { font-size: 1.15rem; font-weight: 650; }
h3 { font-size: 0.98rem; font-weight: 600; margin: 18px 0 8px; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
a { color: var(--accent); }
button { font: inherit; color: inherit; }
.muted { color: var(--muted); }

/* banner */
.banner { color: #fff; padding: 28px 0 0; }
.banner.v-pass { background: linear-gradient(135deg, #0f6b32, #1b8a45); }
.banner.v-fail { background: linear-gradient(135deg, #9e1a21, #cf2f37); }
.banner.v-error { background: linear-gradient(135deg, #8a4300, #c06a06); }
.banner-inner, .nav-inner, main { max-width: 1180px; margin: 0 auto; padding: 0 28px; }
.banner-inner { display: flex; justify-content: space-between; align-items: center; gap: 24px; flex-wrap: wrap; padding-bottom: 22px; }
.verdict { display: flex; gap: 18px; align-items: center; }
.verdict-icon { width: 56px; height: 56px; border-radius: 50%; background: rgba(255,255,255,0.18); display: grid; place-items: center; font-size: 30px; font-weight: 700; flex: none; }
.verdict h1 { font-size: 2rem; font-weight: 720; }
.meta { margin: 4px 0 0; opacity: 0.92; font-size: 0.92rem; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.meta .target { font-family: var(--mono); font-size: 0.86rem; }
.sep { opacity: 0.6; }
.stats { display: flex; gap: 10px; margin: 0; }
.stat { background: rgba(255,255,255,0.14); border-radius: var(--radius); padding: 8px 16px; min-width: 92px; text-align: right; }
.stat dt { font-size: 0.72rem; text-transform: uppercase; letter-spacing: 0.08em; opacity: 0.85; }
.stat dd { margin: 0; font-size: 1.7rem; font-weight: 700; line-height: 1.15; }
.ratio { display: flex; height: 6px; background: rgba(0,0,0,0.2); }
.ratio span { display: block; height: 100%; }
.r-fail { background: #ffb4b4; } .r-pass { background: #8fe3ad; } .r-skip { background: rgba(255,255,255,0.45); }
.errors { background: rgba(0,0,0,0.18); }
.errors ul { max-width: 1180px; margin: 0 auto; padding: 12px 28px 14px 48px; font-family: var(--mono); font-size: 0.85rem; }
.errors li + li { margin-top: 4px; }

/* nav */
.nav { position: sticky; top: 0; z-index: 5; background: color-mix(in srgb, var(--panel) 92%, transparent); backdrop-filter: blur(6px); border-bottom: 1px solid var(--line); }
.nav-inner { display: flex; gap: 4px; align-items: center; height: 44px; overflow-x: auto; white-space: nowrap; }
.nav a { text-decoration: none; color: var(--muted); padding: 6px 10px; border-radius: 6px; font-size: 0.88rem; }
.nav a:hover { background: var(--bg); color: var(--ink); }
.nav .spacer { flex: 1; }
.nav .tool { color: var(--accent); }

/* panels */
main { padding-top: 22px; padding-bottom: 48px; display: grid; gap: 20px; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 14px; padding: 20px 22px; box-shadow: 0 1px 2px rgba(16,24,40,0.04); min-width: 0; }
.panel-head { display: flex; justify-content: space-between; align-items: center; gap: 12px; flex-wrap: wrap; margin-bottom: 14px; }
.count { display: inline-block; font-size: 0.8rem; font-weight: 700; padding: 1px 9px; border-radius: 999px; vertical-align: 2px; margin-left: 6px; }
.count.fail { background: var(--fail-bg); color: var(--fail-ink); }
.count.warn { background: var(--warn-bg); color: var(--warn); }
ul.warnings { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
li.warning { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; padding: 8px 12px; border: 1px solid var(--line); border-left: 4px solid var(--warn); border-radius: var(--radius); background: var(--panel); }
li.warning .w-msg { flex: 1 1 320px; }
.empty { color: var(--muted); margin: 4px 0; }
.empty.ok::before { content: "✓ "; color: var(--pass); font-weight: 700; }
.hint { color: var(--faint); font-size: 0.82rem; margin: 10px 0 0; }
.legend { color: var(--muted); font-size: 0.8rem; display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
.sw { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-left: 8px; vertical-align: -1px; }
.sw.c-fail { background: var(--fail-bg); border: 1px solid var(--fail); }
.sw.c-pass { background: var(--pass-bg); border: 1px solid var(--pass); }
.sw.c-skip { background: var(--skip-bg); border: 1px solid var(--skip); }
.sw.b-acc { background: var(--pass); } .sw.b-thr { background: #e08a1e; }
.sw.line { height: 0; border-top: 2px dashed var(--ink); border-radius: 0; }
.sw.reset { width: 0; height: 12px; border-left: 2px dotted #6b5bd6; border-radius: 0; }
.sw.lb.p50 { background: var(--lat1); } .sw.lb.p90 { background: var(--lat2); } .sw.lb.p95 { background: var(--lat3); } .sw.lb.p99 { background: var(--lat4); }
.sw.slo-sw { width: 3px; background: var(--ink); border-radius: 1px; }

/* tags */
.tag { display: inline-block; font-size: 0.74rem; font-weight: 600; padding: 1px 8px; border-radius: 6px; background: var(--bg); color: var(--muted); border: 1px solid var(--line); white-space: nowrap; }
.tag.stage { color: var(--accent); }
.tag.on-dark { background: rgba(255,255,255,0.18); border-color: transparent; color: #fff; }
.pill { display: inline-block; font-size: 0.72rem; font-weight: 700; padding: 1px 8px; border-radius: 999px; text-transform: uppercase; letter-spacing: 0.04em; }
.pill.s-passed { background: var(--pass-bg); color: var(--pass-ink); }
.pill.s-failed { background: var(--fail-bg); color: var(--fail-ink); }
.pill.s-skipped { background: var(--skip-bg); color: var(--skip); }
.op { color: var(--ink); font-weight: 600; }

/* matrix */
.matrix-wrap { overflow-x: auto; }
.matrix { border-collapse: separate; border-spacing: 0; font-size: 0.84rem; min-width: 100%; }
.matrix th, .matrix td { padding: 0; text-align: center; border-bottom: 1px solid var(--line); }
.matrix thead th { color: var(--muted); font-weight: 600; }
.matrix th.fam { padding: 4px 6px; border-left: 2px solid var(--line-strong); text-transform: uppercase; font-size: 0.72rem; letter-spacing: 0.08em; }
.matrix th.kind { padding: 4px 4px 8px; font-weight: 500; font-size: 0.74rem; line-height: 1.2; vertical-align: bottom; }
.matrix th.corner, .matrix th.total-h { text-align: left; padding: 4px 10px; font-size: 0.72rem; text-transform: uppercase; letter-spacing: 0.08em; }
.matrix .first { border-left: 2px solid var(--line-strong); }
.matrix th.stage-h { text-align: left; }
.matrix button { background: none; border: 0; cursor: pointer; border-radius: 6px; }
.fam-btn { text-transform: uppercase; letter-spacing: 0.08em; font-weight: 650; color: var(--muted); padding: 2px 6px; }
.stage-btn { font-weight: 650; padding: 10px 12px; color: var(--accent); }
.matrix td { height: 44px; min-width: 46px; }
.matrix td.c-fail { background: var(--fail-bg); }
.matrix td.c-pass { background: var(--pass-bg); }
.matrix td.c-skip { background: var(--skip-bg); }
.matrix td.c-none { color: var(--faint); }
.matrix td.total { text-align: left; padding: 4px 12px; font-size: 0.78rem; white-space: nowrap; border-left: 2px solid var(--line-strong); }
.cell { width: 100%; height: 100%; padding: 6px 8px; white-space: nowrap; font-variant-numeric: tabular-nums; }
.cell:hover, .matrix button:hover { outline: 2px solid var(--accent); outline-offset: -2px; }
.matrix button[aria-pressed="true"] { outline: 2px solid var(--ink); outline-offset: -2px; }
.n-fail { color: var(--fail); font-weight: 700; } .n-pass { color: var(--pass-ink); font-weight: 600; } .n-skip { color: var(--skip); }

/* failures */
.failures { display: grid; gap: 10px; }
details.failure { border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: var(--radius); background: var(--panel); }
details.failure > summary, details.row > summary { cursor: pointer; list-style: none; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; padding: 10px 14px; }
details > summary::-webkit-details-marker { display: none; }
details.failure > summary::after, details.row > summary::after { content: "▸"; margin-left: auto; color: var(--faint); transition: transform .15s; }
details[open] > summary::after { transform: rotate(90deg); }
.x { color: var(--fail); font-weight: 800; }
.sum-title { color: var(--muted); font-size: 0.86rem; }
.failure-body, .row-body { padding: 0 14px 14px; }
.cid { font-family: var(--mono); font-size: 0.76rem; color: var(--faint); margin: 0 0 8px; word-break: break-all; }
.ea { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; margin-bottom: 10px; }
.ea > div { background: var(--bg); border-radius: 8px; padding: 8px 12px; }
.ea .actual.s-failed { background: var(--fail-bg); }
.ea p { margin: 2px 0 0; word-break: break-word; }
.label { font-size: 0.7rem; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); font-weight: 650; }
.evidence { border: 1px solid var(--line); border-radius: 8px; margin-top: 8px; overflow: hidden; }
.ev-head { display: flex; justify-content: space-between; font-size: 0.74rem; padding: 4px 12px; background: var(--bg); border-bottom: 1px solid var(--line); }
.req { padding: 8px 12px 4px; font-family: var(--mono); font-size: 0.86rem; word-break: break-all; }
.req code { font-size: 1em; font-weight: 600; }
.arrow { color: var(--faint); }
.status { font-weight: 700; padding: 0 7px; border-radius: 5px; background: var(--skip-bg); color: var(--ink); border: 1px solid var(--line-strong); }
.status.none { color: var(--skip); font-weight: 500; }
.headers { padding: 2px 12px 6px; font-family: var(--mono); font-size: 0.78rem; color: var(--muted); }
.headers .h { word-break: break-all; }
.dir { color: var(--faint); margin-right: 6px; }
.hk { color: var(--ink); }
pre.body { margin: 0; padding: 10px 12px; background: var(--code-bg); border-top: 1px solid var(--line); max-height: 220px; overflow: auto; white-space: pre-wrap; word-break: break-all; }
.note { margin: 0; padding: 6px 12px 8px; font-size: 0.84rem; color: var(--muted); border-top: 1px dashed var(--line); }
.link-btn { background: none; border: 0; color: var(--accent); cursor: pointer; font-size: 0.84rem; padding: 2px 6px; }
.head-actions { display: flex; gap: 4px; }

/* throttle */
.cards { display: grid; gap: 14px; }
.card { border: 1px solid var(--line); border-radius: var(--radius); padding: 14px 16px; }
.card.s-failed { border-left: 4px solid var(--fail); }
.card.s-passed { border-left: 4px solid var(--pass); }
.card-head { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-bottom: 8px; }
.throttle-grid { display: grid; grid-template-columns: minmax(0, 1fr) 210px; gap: 18px; align-items: center; }
.chart { margin: 0; }
.chart svg { width: 100%; height: auto; display: block; }
.chart figcaption { font-size: 0.76rem; color: var(--faint); text-align: center; }
.grid { stroke: var(--line); stroke-width: 1; }
.axis-line { stroke: var(--line-strong); stroke-width: 1.2; }
.axis { fill: var(--faint); font: 11px var(--sans); }
.b-acc { fill: var(--pass); } .b-thr { fill: #e08a1e; }
.declared-line { stroke: var(--ink); stroke-width: 1.5; stroke-dasharray: 6 4; opacity: .75; }
.reset-line { stroke: #6b5bd6; stroke-width: 1.5; stroke-dasharray: 2 3; }
.declared-label { fill: var(--ink); font: 600 11px var(--sans); paint-order: stroke; stroke: var(--panel); stroke-width: 4px; stroke-linejoin: round; }
.figures { margin: 0; display: grid; gap: 12px; }
.figures dt { font-size: 0.7rem; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); font-weight: 650; }
.figures dd { margin: 0; font-variant-numeric: tabular-nums; }
.figures .declared, .figures .estimated { font-weight: 700; font-size: 1.1rem; }
.figures .vs, .figures .sub { color: var(--faint); font-size: 0.8rem; }
.delta { font-size: 0.78rem; font-weight: 700; color: var(--pass-ink); background: var(--pass-bg); padding: 0 6px; border-radius: 5px; }
.delta.off { color: var(--fail-ink); background: var(--fail-bg); }
.card-foot { margin: 8px 0 0; font-size: 0.86rem; color: var(--muted); }
.card-foot.fail { color: var(--fail-ink); }

/* tables */
.table-wrap { overflow-x: auto; }
table.plain, table.lat { width: 100%; border-collapse: collapse; font-size: 0.86rem; }
table.plain th, table.lat th { text-align: left; font-size: 0.72rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); font-weight: 650; padding: 6px 10px; border-bottom: 1px solid var(--line-strong); }
table.plain td, table.lat td, table.lat tbody th { padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: middle; text-align: left; text-transform: none; letter-spacing: 0; font-size: 0.86rem; color: var(--ink); }
table.plain tr.s-failed td { background: color-mix(in srgb, var(--fail-bg) 55%, transparent); }
.num { text-align: right !important; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.lat td.breach { color: var(--fail); font-weight: 700; }
table.lat td.within { color: var(--pass-ink); }
table.plain .op, table.lat .op { white-space: nowrap; }
.slo { color: var(--faint); font-weight: 400; font-size: 0.78rem; margin-left: 3px; }
.fail-text { color: var(--fail-ink); }
.bullet-svg { display: block; max-width: 100%; height: auto; }
.track { fill: var(--bg); }
.lb.p99 { fill: var(--lat4); } .lb.p95 { fill: var(--lat3); } .lb.p90 { fill: var(--lat2); } .lb.p50 { fill: var(--lat1); }
.slo-tick line { stroke: var(--ink); stroke-width: 2.5; }
.slo-tick.breach line { stroke: var(--fail); }
.scenario { font-family: var(--mono); font-size: 0.86rem; }
.lat-group + .lat-group { margin-top: 8px; }

/* pace and coverage */
#run h3 { font-size: 0.95rem; margin: 14px 0 8px; }
#run h3:first-of-type { margin-top: 0; }
details.steps { margin-top: 8px; font-size: 0.84rem; }
details.steps summary { cursor: pointer; color: var(--muted); }
details.steps ol { margin: 6px 0 0; padding-left: 22px; }
ul.left-out { display: flex; flex-wrap: wrap; gap: 6px 14px; list-style: none; padding: 0; margin: 6px 0 0; }

/* check list */
.filters { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin-bottom: 8px; }
.chips { display: inline-flex; border: 1px solid var(--line-strong); border-radius: 8px; overflow: hidden; }
.chip { background: var(--panel); border: 0; border-right: 1px solid var(--line-strong); padding: 5px 12px; cursor: pointer; font-size: 0.84rem; }
.chip:last-child { border-right: 0; }
.chip .n { color: var(--faint); font-variant-numeric: tabular-nums; }
.chip[aria-pressed="true"] { background: var(--ink); color: var(--panel); }
.chip[aria-pressed="true"] .n { color: inherit; opacity: .7; }
.scope { display: inline-flex; align-items: center; gap: 6px; background: var(--bg); border: 1px solid var(--line-strong); border-radius: 999px; padding: 2px 4px 2px 12px; font-size: 0.84rem; }
.scope[hidden] { display: none; }
.scope button { background: var(--line); border: 0; border-radius: 50%; width: 22px; height: 22px; cursor: pointer; line-height: 1; }
#q { flex: 1; min-width: 220px; padding: 7px 12px; border: 1px solid var(--line-strong); border-radius: 8px; background: var(--panel); font: inherit; font-size: 0.88rem; }
#q:focus, .chip:focus-visible, button:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.check-list { border: 1px solid var(--line); border-radius: var(--radius); overflow: hidden; }
.check-list:empty { display: none; }
details.row { border-bottom: 1px solid var(--line); }
details.row:last-child { border-bottom: 0; }
details.row > summary { padding: 6px 12px; font-size: 0.88rem; flex-wrap: nowrap; }
details.row > summary:hover { background: var(--bg); }
.mark { width: 18px; text-align: center; font-weight: 800; }
.m-passed { color: var(--pass); } .m-failed { color: var(--fail); } .m-skipped { color: var(--skip); }
.row-actual { color: var(--muted); font-size: 0.82rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; flex: 1 1 0; min-width: 12ch; }
details.row.s-failed .row-actual { color: var(--fail-ink); }
.more { margin-top: 10px; background: var(--panel); border: 1px solid var(--line-strong); border-radius: 8px; padding: 6px 14px; cursor: pointer; }
.links { display: flex; gap: 12px; flex-wrap: wrap; }
.tool-link { display: inline-flex; align-items: center; gap: 8px; padding: 10px 14px; border: 1px solid var(--line); border-radius: var(--radius); text-decoration: none; color: var(--ink); font-weight: 600; }
.tool-link:hover { border-color: var(--accent); }
.tool-link span { color: var(--faint); font-weight: 400; font-family: var(--mono); font-size: 0.8rem; }
footer.foot { max-width: 1180px; margin: 0 auto; padding: 0 28px 36px; color: var(--faint); font-size: 0.8rem; }

@media (max-width: 760px) {
  .banner-inner, .nav-inner, main { padding-left: 14px; padding-right: 14px; }
  .throttle-grid, .ea { grid-template-columns: 1fr; }
  .stats { width: 100%; }
  .stat { flex: 1; }
}
@media print {
  .nav, .filters, #more, .head-actions { display: none; }
  details.failure { break-inside: avoid; }
  body { background: #fff; }
}
`;

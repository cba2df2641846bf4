/**
 * The page's style sheet, served at /assets/app.css. System fonts only (no web fonts); every text
 * colour has a contrast of at least 4.5:1 on its background (checked by the browser tests).
 */
export const APP_CSS = `
:root {
  --text: #1b1f24;
  --muted: #4b5563;
  --bg: #f3f4f6;
  --panel: #ffffff;
  --border: #c9ced6;
  --link: #1d4ed8;
  --header: #0f2a4a;
  --focus: #b45309;
  --approx-bg: #fff4e5;
  --approx-text: #8a3b00;
  --conflict-bg: #fdecec;
  --conflict-text: #a11d1d;
  --new-text: #14532d;
  --new-bg: #e8f5ec;
  --ended-text: #7f1d1d;
  --ended-bg: #fbeaea;
  --term: #1d4ed8;
  --renewal: #0f766e;
  --extension: #7e22ce;
  --open: #1e3a8a;
  --party: #475569;
  --mission: #b45309;
  --instrument: #4d7c0f;
  --body: #9d174d;
  --cursor: #c81e1e;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif;
  font-size: 1rem;
  line-height: 1.5;
  color: var(--text);
  background: var(--bg);
  overflow-wrap: break-word;
}
.document, .source-body, .item-meta, .audit-table .fact-name, code { overflow-wrap: anywhere; }
a { color: var(--link); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.site-header :focus-visible { outline-color: #fbbf24; }
.wrap { max-width: 78rem; margin: 0 auto; padding: 0 1rem; }
.sr-only {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
}
.skip-link {
  position: absolute; left: 0.5rem; top: -3rem; z-index: 10;
  background: #ffffff; color: var(--link); padding: 0.5rem 0.75rem; border: 2px solid var(--link);
}
.skip-link:focus { top: 0.5rem; }

.site-header { background: var(--header); color: #ffffff; padding: 1rem 0 0.75rem; }
.site-header h1 { margin: 0; font-size: 1.6rem; line-height: 1.2; }
.site-header .subtitle { margin: 0.25rem 0 0.5rem; color: #e5e7eb; }
.site-header nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
.site-header nav a { color: #ffffff; }

main { padding-top: 1rem; padding-bottom: 2rem; }
main:focus { outline: none; }
.panel {
  background: var(--panel); border: 1px solid var(--border); border-radius: 6px;
  padding: 1rem 1.25rem 1.25rem; margin-bottom: 1.25rem;
}
.panel > h2 { margin: 0 0 0.75rem; font-size: 1.35rem; }
h3 { font-size: 1.1rem; margin: 0 0 0.5rem; }
h4 { font-size: 1rem; margin: 0; }
.help { color: var(--muted); font-size: 0.9rem; margin: 0.25rem 0 0.5rem; }
.summary { margin: 0 0 0.75rem; font-weight: 600; }

.controls { display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: flex-start; }
.field { display: flex; flex-direction: column; min-width: 12rem; flex: 0 1 auto; }
.field-wide { flex: 1 1 22rem; }
.field-button { justify-content: flex-end; align-self: flex-end; min-width: 0; }
label { font-weight: 600; margin-bottom: 0.25rem; }
input, select, button { font: inherit; color: var(--text); }
input[type="date"], input[type="datetime-local"], select {
  padding: 0.35rem 0.5rem; border: 1px solid #6b7280; border-radius: 4px; background: #ffffff; min-height: 2.5rem; max-width: 100%;
}
input[type="range"] { width: 100%; accent-color: var(--term); min-height: 2rem; margin: 0; }
.inline-controls { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
button {
  cursor: pointer; background: var(--term); color: #ffffff; border: 1px solid var(--term); border-radius: 4px;
  padding: 0.4rem 0.9rem; min-height: 2.5rem;
}
button.secondary, #known-at-clear { background: #ffffff; color: var(--link); }
button:hover { filter: brightness(0.95); }
.message { margin: 0.75rem 0 0; padding: 0.5rem 0.75rem; border-left: 4px solid var(--conflict-text); background: var(--conflict-bg); color: var(--conflict-text); }
.known-at-banner { margin: 0 0 0.75rem; padding: 0.5rem 0.75rem; border-left: 4px solid var(--approx-text); background: var(--approx-bg); color: var(--approx-text); }

.state-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem 1.5rem; }
.state-block { min-width: 0; }
.state-block:first-child { grid-column: 1 / -1; }
.items { list-style: none; margin: 0; padding: 0; }
.items > li { border-top: 1px solid #e5e7eb; padding: 0.5rem 0; }
.items > li:first-child { border-top: 0; }
.items .empty { color: var(--muted); font-style: italic; }
.item-head { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: baseline; }
.item-name { font-weight: 600; }
.item-meta { color: var(--muted); font-size: 0.92rem; margin: 0.1rem 0; }
.item-meta strong { color: var(--text); font-weight: 600; }
.convention .item-name { font-size: 1.05rem; }
.term-changes, .party-names, .findings, .accounts { margin: 0.25rem 0; padding-left: 1.25rem; }
.party-names { columns: 2 14rem; column-gap: 1.5rem; }
.figures { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.75rem; margin: 0.25rem 0; font-size: 0.92rem; }
.figures dt { color: var(--muted); }
.figures dd { margin: 0; font-weight: 600; }

.approx, .approx-inline {
  display: inline-block; background: var(--approx-bg); color: var(--approx-text); border: 1px solid #e8b77a;
  border-radius: 3px; padding: 0 0.35rem; font-size: 0.85rem; font-weight: 600; white-space: nowrap;
}
.conflict-badge {
  display: inline-block; background: var(--conflict-bg); color: var(--conflict-text); border: 1px solid #e7a3a3;
  border-radius: 3px; padding: 0 0.35rem; font-size: 0.85rem; font-weight: 600; text-decoration: none;
}
.kind-badge { display: inline-block; color: var(--muted); font-size: 0.85rem; }
.conflict-item:target { background: var(--conflict-bg); }

details.source { margin-top: 0.25rem; font-size: 0.92rem; }
details.source > summary {
  display: inline-block; cursor: pointer; color: var(--link); text-decoration: underline; padding: 0.1rem 0;
}
details.source[open] > summary { font-weight: 600; }
.source-body { border-left: 3px solid var(--border); padding: 0.25rem 0 0.25rem 0.75rem; margin: 0.35rem 0 0.25rem; }
.source-body blockquote { margin: 0 0 0.35rem; font-style: italic; }
.source-body blockquote::before { content: "« "; }
.source-body blockquote::after { content: " »"; }
.source-body dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.75rem; margin: 0; }
.source-body dt { color: var(--muted); }
.source-body dd { margin: 0; }
.confidence-stated { color: var(--new-text); font-weight: 600; }
.confidence-inferred { color: var(--approx-text); font-weight: 600; }

.legend { list-style: none; padding: 0; margin: 0 0 0.5rem; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.9rem; }
.legend li { display: inline-flex; align-items: center; gap: 0.35rem; }
.swatch { display: inline-block; width: 1.6rem; height: 0.8rem; border-radius: 2px; border: 1px solid transparent; }
.swatch-term { background: var(--term); }
.swatch-renewal { background: repeating-linear-gradient(135deg, var(--renewal) 0 4px, #5eead4 4px 6px); }
.swatch-extension { background: repeating-linear-gradient(90deg, var(--extension) 0 5px, #d8b4fe 5px 7px); }
.swatch-open { background: var(--open); }
.swatch-approx { background: #ffffff; border: 2px dashed var(--text); }
.swatch-mark { width: 0.8rem; background: var(--text); transform: rotate(45deg); }
.timeline { width: 100%; min-height: 4rem; }
.timeline svg { display: block; width: 100%; height: auto; font-family: inherit; }
.timeline .lane-label { font-size: 12px; fill: var(--text); }
.timeline .group-label { font-size: 12px; font-weight: 700; fill: var(--text); }
.timeline .tick-label { font-size: 11px; fill: var(--muted); }
.timeline .tick { stroke: #d1d5db; stroke-width: 1; }
.timeline .plot-bg { fill: #ffffff; cursor: crosshair; }
.timeline .lane-bg { fill: #f3f4f6; pointer-events: none; }
.timeline .el { cursor: pointer; }
.timeline .el:focus { outline: none; }
.timeline .el:focus-visible, .timeline .el:hover { stroke: #111827; stroke-width: 3; }
.timeline .bar-term { fill: var(--term); }
.timeline .bar-renewal { fill: url(#pattern-renewal); }
.timeline .bar-extension { fill: url(#pattern-extension); }
.timeline .bar-open { fill: var(--open); }
.timeline .bar-party { fill: var(--party); }
.timeline .bar-mission { fill: var(--mission); }
.timeline .bar-instrument { fill: var(--instrument); }
.timeline .bar-body { fill: var(--body); }
.timeline .approx-start { stroke: #111827; stroke-width: 1.5; stroke-dasharray: 3 2; }
.timeline .mark { fill: #111827; }
.timeline .mark-review { fill: var(--body); }
.timeline .mark-conflict { fill: var(--conflict-text); }
.timeline .bar-text { font-size: 11px; fill: #ffffff; pointer-events: none; }
.timeline .cursor { stroke: var(--cursor); stroke-width: 2; pointer-events: none; }
.timeline .cursor-label { font-size: 11px; font-weight: 700; fill: var(--cursor); pointer-events: none; }
.timeline .in-force { }

.diff-columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem 1.5rem; }
.diff-list { list-style: none; padding: 0; margin: 0; }
.diff-list > li { padding: 0.35rem 0; border-top: 1px solid #e5e7eb; }
.diff-list > li:first-child { border-top: 0; }
.diff-new { color: var(--new-text); background: var(--new-bg); font-weight: 700; padding: 0 0.3rem; border-radius: 3px; }
.diff-ended { color: var(--ended-text); background: var(--ended-bg); font-weight: 700; padding: 0 0.3rem; border-radius: 3px; }
.field-changes { margin: 0.25rem 0 0; padding-left: 1.25rem; font-size: 0.92rem; }
.diff-events { margin-top: 1rem; }

.audit-table { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
.audit-table caption { text-align: left; font-weight: 600; margin-bottom: 0.5rem; }
.audit-table th, .audit-table td { text-align: left; vertical-align: top; padding: 0.4rem 0.5rem; border-bottom: 1px solid #e5e7eb; }
.audit-table .col-nowrap { white-space: nowrap; }
.audit-table .document { display: block; max-width: 12rem; }
.audit-table .source-body dl { grid-template-columns: minmax(0, 1fr); }
.audit-table .source-body dd { margin-bottom: 0.25rem; }
.audit-table thead th { background: #eef0f3; border-bottom: 2px solid var(--border); }
.audit-table tr.later td { background: #f3f4f6; color: var(--muted); }
.audit-table tr.retracted .fact-name { text-decoration: line-through; }
.audit-table tr:target td { background: var(--approx-bg); }
.audit-table code { font-size: 0.85rem; }
.tag { display: inline-block; font-size: 0.8rem; font-weight: 600; padding: 0 0.3rem; border-radius: 3px; background: #eef0f3; color: var(--text); }
.tag-correction { background: var(--approx-bg); color: var(--approx-text); }
.tag-retraction { background: var(--conflict-bg); color: var(--conflict-text); }

.site-footer { color: var(--muted); font-size: 0.9rem; padding: 0 0 2rem; }

@media (max-width: 720px) {
  .audit-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .audit-table, .audit-table tbody, .audit-table tr, .audit-table td { display: block; width: 100%; }
  .audit-table tr { border: 1px solid var(--border); border-radius: 4px; margin-bottom: 0.75rem; padding: 0.25rem 0; }
  .audit-table td { border-bottom: 0; padding: 0.2rem 0.6rem; }
  .audit-table td::before { content: attr(data-label) " : "; font-weight: 600; color: var(--muted); }
  .audit-table caption { display: block; width: 100%; }
  .audit-table .document { display: inline; max-width: none; }
}
@media (max-width: 400px) {
  .wrap { padding: 0 0.5rem; }
  .panel { padding: 0.75rem; border-radius: 0; }
  .site-header h1 { font-size: 1.3rem; }
  .controls { flex-direction: column; align-items: stretch; }
  .field, .field-wide { min-width: 0; width: 100%; flex: 1 1 auto; }
  .field-button { align-self: stretch; }
  .state-grid, .diff-columns { grid-template-columns: minmax(0, 1fr); }
  .party-names { columns: 1; }
  .source-body dl, .figures { grid-template-columns: minmax(0, 1fr); }
  .source-body dd, .figures dd { margin-bottom: 0.25rem; }
}
@media (prefers-reduced-motion: reduce) { * { scroll-behavior: auto !important; transition: none !important; } }
`;

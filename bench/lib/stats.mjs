// Small statistics and formatting helpers.
import os from 'node:os';

/**
 * Runs one measurement and records the machine's load average (1 min) at its start and end
 * beside its result: the machine is shared, so every figure says how busy it was.
 */
export async function withLoad(fn) {
  const start = os.loadavg()[0];
  const result = await fn();
  if (result && typeof result === 'object') result.load = { start, end: os.loadavg()[0] };
  return result;
}

/** "load 1.2–2.3" for a list of measurements that carry `load`. */
export function loadText(list) {
  const values = (list ?? []).filter(Boolean).flatMap((r) => (r.load ? [r.load.start, r.load.end] : []));
  if (values.length === 0) return '–';
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo.toFixed(1) === hi.toFixed(1) ? lo.toFixed(1) : `${lo.toFixed(1)}–${hi.toFixed(1)}`;
}

/** Nearest-rank percentile of `values` (0 < p <= 100). */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median and spread (min–max) of the per-run values of one figure. */
export function summary(values) {
  const finite = values.filter((v) => Number.isFinite(v));
  return {
    median: median(finite),
    min: finite.length ? Math.min(...finite) : NaN,
    max: finite.length ? Math.max(...finite) : NaN,
    runs: finite.length,
    values: finite,
  };
}

/** A number for a table: 3 significant digits, thousands grouped. */
export function fmt(value, digits = 3) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs === 0) return '0';
  const rounded = Number(value.toPrecision(digits));
  return String(rounded);
}

/** "median (min–max)" of a summary, with a unit. */
export function fmtSummary(s, unit = '') {
  if (!s || s.runs === 0) return '–';
  const u = unit ? ` ${unit}` : '';
  if (s.runs === 1) return `${fmt(s.median)}${u} (1 run)`;
  return `${fmt(s.median)}${u} (${fmt(s.min)}–${fmt(s.max)}, ${s.runs} runs)`;
}

export function fmtRatio(r) {
  if (r === null || r === undefined || Number.isNaN(r)) return '–';
  return `${fmt(r)}×`;
}

export const sizeLabel = (n) => (n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));

/** A markdown table. */
export function table(headers, rows) {
  const lines = [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.map((c) => String(c ?? '–').replace(/\|/g, '\\|')).join(' | ')} |`);
  return lines.join('\n');
}

/**
 * The view the page shows, mirrored in the address so that it can be shared: one history entry per
 * change of view, so that Back and Forward go through the views (the page reads the address again).
 */
import { fieldToInstant, instantToField, isDay } from './dates.js';

export interface View {
  framework: string | null;
  /** The day shown. */
  at: string | null;
  /** The instant the record is read as of (null: everything recorded). */
  knownAt: string | null;
  from: string | null;
  to: string | null;
  /** True once the reader compared two dates of their own (the diff then stops following the date). */
  diffShown: boolean;
}

export const view: View = { framework: null, at: null, knownAt: null, from: null, to: null, diffShown: false };

/** The query string of a view: `?framework=…&at=…[&knownAt=…][&from=…&to=…]`. */
export function queryOf(v: View): string {
  const p = new URLSearchParams();
  if (v.framework) p.set('framework', v.framework);
  if (v.at) p.set('at', v.at);
  if (v.knownAt) p.set('knownAt', v.knownAt);
  if (v.diffShown && v.from && v.to) {
    p.set('from', v.from);
    p.set('to', v.to);
  }
  return `?${p.toString()}`;
}

/** `push`: a new history entry (a view the reader chose); `replace`: the same entry, corrected; `none`: the address already says it. */
export type HistoryMode = 'push' | 'replace' | 'none';

export function commitUrl(mode: HistoryMode): void {
  if (mode === 'none') return;
  const url = location.pathname + queryOf(view) + location.hash;
  if (url === location.pathname + location.search + location.hash) return;
  if (mode === 'push') history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

/** Something of the address the page could not use. */
export type AddressProblem = { kind: 'at' | 'knownAt' | 'diff'; value: string };

export interface Address extends View {
  problems: AddressProblem[];
}

/** The view an address asks for; what is wrong in it is left out, and named. */
export function readAddress(search: string): Address {
  const p = new URLSearchParams(search);
  const address: Address = { framework: p.get('framework'), at: null, knownAt: null, from: null, to: null, diffShown: false, problems: [] };
  const at = p.get('at');
  if (at !== null) {
    if (isDay(at)) address.at = at;
    else address.problems.push({ kind: 'at', value: at });
  }
  const knownAt = p.get('knownAt');
  if (knownAt !== null) {
    const field = instantToField(knownAt);
    const instant = field ? fieldToInstant(field) : undefined;
    if (instant) address.knownAt = instant;
    else address.problems.push({ kind: 'knownAt', value: knownAt });
  }
  const from = p.get('from');
  const to = p.get('to');
  if (from !== null || to !== null) {
    if (isDay(from) && isDay(to) && from <= to) Object.assign(address, { from, to, diffShown: true });
    else address.problems.push({ kind: 'diff', value: `${from ?? ''} → ${to ?? ''}` });
  }
  return address;
}

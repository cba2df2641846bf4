/**
 * The view the page shows, mirrored in the address so that it can be shared: one history entry per
 * change of view, so that Back and Forward go through the views (the page reads the address again).
 */
import { fieldToInstant, instantToField, isDay } from './dates.js';

/** The views besides the state on a date: recording a fact, creating a framework, checking a receipt. */
export type Panel = 'record' | 'framework' | 'verify';
/** A correction or a retraction of a recorded fact (from the audit log). */
export interface Amend {
  action: 'correct' | 'retract';
  eventId: string;
}

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
  /** The item whose versions are shown: `kind:id` (`convention:cc-2003`). */
  item: string | null;
  panel: Panel | null;
  amend: Amend | null;
}

export const view: View = { framework: null, at: null, knownAt: null, from: null, to: null, diffShown: false, item: null, panel: null, amend: null };

const ITEM = /^[a-z]+:[a-z0-9][a-z0-9-]{0,63}$/;
const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The query string of a view: `?framework=…&at=…[&knownAt=…][&from=…&to=…][&item=…|&panel=…[&correct=…|&retract=…]]`. */
export function queryOf(v: View): string {
  const p = new URLSearchParams();
  if (v.framework) p.set('framework', v.framework);
  if (v.at) p.set('at', v.at);
  if (v.knownAt) p.set('knownAt', v.knownAt);
  if (v.diffShown && v.from && v.to) {
    p.set('from', v.from);
    p.set('to', v.to);
  }
  if (v.item) p.set('item', v.item);
  if (v.panel) p.set('panel', v.panel);
  if (v.panel === 'record' && v.amend) p.set(v.amend.action, v.amend.eventId);
  return `?${p.toString()}`;
}

/** `push`: a new history entry (a view the reader chose); `replace`: the same entry, corrected; `none`: the address already says it. */
export type HistoryMode = 'push' | 'replace' | 'none';

export function commitUrl(mode: HistoryMode): void {
  if (mode === 'none') return;
  const hash = view.item || view.panel ? '' : location.hash;
  const url = location.pathname + queryOf(view) + hash;
  if (url === location.pathname + location.search + location.hash) return;
  if (mode === 'push') history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

/** Something of the address the page could not use. */
export type AddressProblem = { kind: 'at' | 'knownAt' | 'diff' | 'item' | 'panel'; value: string };

export interface Address extends View {
  problems: AddressProblem[];
}

/** The view an address asks for; what is wrong in it is left out, and named. */
export function readAddress(search: string): Address {
  const p = new URLSearchParams(search);
  const address: Address = {
    framework: p.get('framework'),
    at: null,
    knownAt: null,
    from: null,
    to: null,
    diffShown: false,
    item: null,
    panel: null,
    amend: null,
    problems: [],
  };
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
  const item = p.get('item');
  if (item !== null) {
    if (ITEM.test(item)) address.item = item;
    else address.problems.push({ kind: 'item', value: item });
  }
  const panel = p.get('panel');
  if (panel !== null) {
    if (panel === 'record' || panel === 'framework' || panel === 'verify') address.panel = panel;
    else address.problems.push({ kind: 'panel', value: panel });
  }
  for (const action of ['correct', 'retract'] as const) {
    const eventId = p.get(action);
    if (eventId !== null && address.panel === 'record' && EVENT_ID.test(eventId)) address.amend = { action, eventId };
  }
  return address;
}

import { frenchDay } from '../../../../libs/french/french-dates.js';
import { parseEdtf, type Day } from '../dates/edtf-date.js';
import type { RecordedEvent } from '../events/framework.events.js';

/**
 * The horizon of a history: the first and last days its facts speak of — from the first day of
 * the earliest fact to the last day of the latest fact's date or of the term it states. Outside
 * it, an answer still says what the record implies, but nothing in the sources attests it.
 * For the CCCS13: 1980-01-01 (« Années 80 ») to 2017-12-31 (the end of the 2015 – 2017 convention).
 */
export interface Horizon {
  from: Day;
  to: Day;
}

/** The horizon as the record stood from an instant on (until the next entry). */
export interface HorizonAt {
  recordedFrom: string;
  horizon: Horizon | null;
}

/** The days a fact speaks of: its date, and the start, end or new end of the term it states. */
export function factSpan(fact: { effectiveDate: string; data: unknown }): Horizon {
  const effective = parseEdtf(fact.effectiveDate);
  let from = effective.first;
  let to = effective.last;
  const data = fact.data as Record<string, unknown>;
  for (const key of ['start', 'end', 'newEnd']) {
    const value = data[key];
    if (typeof value !== 'string') continue;
    const date = parseEdtf(value);
    if (date.first < from) from = date.first;
    if (date.last > to) to = date.last;
  }
  return { from, to };
}

/** Is `day` outside the horizon (or is there no history at all)? */
export function outsideHorizon(horizon: Horizon | null, day: Day): boolean {
  return horizon === null || day < horizon.from || day > horizon.to;
}

/**
 * What a reader is told when `day` lies outside the horizon (null inside it), in French:
 * « L’historique enregistré s’arrête au 31 décembre 2017 : au-delà, rien n’est attesté. »
 */
export function horizonNotice(horizon: Horizon | null, day: Day): string | null {
  if (horizon === null) return 'Aucun fait n’est enregistré : rien n’est attesté.';
  if (day > horizon.to) return `L’historique enregistré s’arrête au ${frenchDay(horizon.to)} : au-delà, rien n’est attesté.`;
  if (day < horizon.from) return `L’historique enregistré commence au ${frenchDay(horizon.from)} : en deçà, rien n’est attesté.`;
  return null;
}

/** The horizon as the record stood at `knownAt` (the latest when absent). */
export function horizonAt(history: readonly HorizonAt[] | undefined, knownAt?: string): Horizon | null {
  if (!history) return null;
  let found: Horizon | null = null;
  for (const entry of history) {
    if (knownAt !== undefined && entry.recordedFrom > knownAt) break;
    found = entry.horizon;
  }
  return found;
}

const same = (a: Horizon | null, b: Horizon | null) => a === b || (a !== null && b !== null && a.from === b.from && a.to === b.to);

/**
 * Follows the horizon of one framework event by event, in recorded order, corrections and
 * retractions included (as `knownFacts` applies them), and keeps its history over recorded time.
 * Adding a fact costs O(1); a correction or a retraction of a fact at the edge recomputes the edges.
 */
export class HorizonTracker {
  private readonly facts = new Map<string, { effectiveDate: string; data: Record<string, unknown>; span: Horizon }>();
  private current: Horizon | null = null;
  readonly history: HorizonAt[] = [];

  static of(events: readonly RecordedEvent[]): HorizonTracker {
    const tracker = new HorizonTracker();
    for (const event of events) tracker.apply(event);
    return tracker;
  }

  get horizon(): Horizon | null {
    return this.current;
  }

  apply(event: RecordedEvent): Horizon | null {
    if (event.type === 'FactCorrected') {
      const target = this.facts.get(event.data.eventId);
      if (target) {
        const effectiveDate = event.data.effectiveDate ?? target.effectiveDate;
        const data = event.data.data === undefined ? target.data : { ...target.data, ...event.data.data };
        const span = factSpan({ effectiveDate, data });
        const old = target.span;
        this.facts.set(event.data.eventId, { effectiveDate, data, span });
        if (this.atEdge(old)) this.recompute();
        else this.widen(span);
      }
    } else if (event.type === 'FactRetracted') {
      const target = this.facts.get(event.data.eventId);
      if (target) {
        this.facts.delete(event.data.eventId);
        if (this.atEdge(target.span)) this.recompute();
      }
    } else {
      const data = event.data as Record<string, unknown>;
      const span = factSpan({ effectiveDate: event.effectiveDate, data });
      this.facts.set(event.eventId, { effectiveDate: event.effectiveDate, data, span });
      this.widen(span);
    }
    const last = this.history[this.history.length - 1];
    if (!last || !same(last.horizon, this.current)) this.history.push({ recordedFrom: event.recordedAt, horizon: this.current && { ...this.current } });
    return this.current;
  }

  private atEdge(span: Horizon): boolean {
    return this.current !== null && (span.from <= this.current.from || span.to >= this.current.to);
  }

  private widen(span: Horizon): void {
    if (this.current === null) this.current = { ...span };
    else this.current = { from: span.from < this.current.from ? span.from : this.current.from, to: span.to > this.current.to ? span.to : this.current.to };
  }

  private recompute(): void {
    this.current = null;
    for (const { span } of this.facts.values()) this.widen(span);
  }
}

/** The horizon of the facts as the record stands (what `HorizonTracker` follows event by event). */
export function horizonOf(facts: readonly { effective: { edtf: string }; data: Record<string, unknown> }[]): Horizon | null {
  let from: Day | null = null;
  let to: Day | null = null;
  for (const fact of facts) {
    const span = factSpan({ effectiveDate: fact.effective.edtf, data: fact.data });
    if (from === null || span.from < from) from = span.from;
    if (to === null || span.to > to) to = span.to;
  }
  return from === null || to === null ? null : { from, to };
}

import { createHash } from 'node:crypto';
import { isRecord } from '../../../libs/records.js';

/**
 * What the KurrentDB adapter keeps in each event's metadata besides the caller's, under one
 * reserved key (`SEAL_KEY`), and strips again when it reads the event:
 *
 * - `link`: the event's link in its stream's SHA-256 hash chain, `chain(previous link, eventHash)`.
 *   Every append names the stream revision it follows, so the writer knows the previous link; the
 *   chain starts again (from `GENESIS`) after an event written without one (before chains existed).
 *   `recordedAt` and the position are not covered: the server sets them after the hash is made.
 * - `append`: an id of the append that wrote the event. The server answers an append whose event
 *   ids already follow the expected revision as a success without writing (its own idempotence,
 *   by ids only): the id tells the writer that the stored events are another append's.
 * - `notBefore`: the latest `recordedAt` the writer knew of (its stream's previous event, and the
 *   whole log as the writer had read it). KurrentDB stamps `created` with the leader's clock; after
 *   a leader change to a node whose clock is behind, `created` could go back. The event's
 *   `recordedAt` is the later of `created` and `notBefore`, so it never goes back along a stream,
 *   nor behind anything acknowledged before the append began.
 */

export const SEAL_KEY = 'governanceLog';
export const SEAL_VERSION = 1;
/** The link before the first event of a chain. */
export const GENESIS = '';

export interface Seal {
  v: number;
  append: string;
  link: string;
  notBefore?: string;
}

/** The fields of an event its hash covers. */
export interface SealedFields {
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  /** The caller's metadata (without the seal). */
  metadata: Record<string, unknown>;
}

/** JSON with object keys sorted: the same text for the same value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The value as the server keeps it (JSON): what a reader gets back, and what is hashed. */
const asStored = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

export function eventHash(e: SealedFields): string {
  const fields = [e.eventId, e.streamId, e.revision, e.type, canonicalJson(asStored(e.data)), canonicalJson(asStored(e.metadata))];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

export function chainLink(previous: string, hash: string): string {
  return createHash('sha256').update(`${previous}|${hash}`).digest('hex');
}

/** The seal of a stored event's metadata, or null when it has none (or not one of ours). */
export function sealOf(metadata: unknown): Seal | null {
  if (!isRecord(metadata)) return null;
  const seal = metadata[SEAL_KEY];
  if (!isRecord(seal) || typeof seal.link !== 'string' || typeof seal.append !== 'string' || typeof seal.v !== 'number') return null;
  if (seal.notBefore !== undefined && typeof seal.notBefore !== 'string') return null;
  return { v: seal.v, append: seal.append, link: seal.link, ...(typeof seal.notBefore === 'string' ? { notBefore: seal.notBefore } : {}) };
}

/** The caller's metadata: the stored metadata without the seal (a value under the key that is not a seal stays). */
export function withoutSeal(metadata: Record<string, unknown>): Record<string, unknown> {
  if (sealOf(metadata) === null) return metadata;
  const { [SEAL_KEY]: _, ...rest } = metadata;
  return rest;
}

/** The instant an event was recorded: the server's `created`, never before the seal's `notBefore`. */
export function recordedAtOf(created: string, seal: Seal | null): string {
  return seal?.notBefore !== undefined && seal.notBefore > created ? seal.notBefore : created;
}

/** What an append follows: the stream's last event (revision -1: none), its link and its instant. */
export interface StreamHead {
  revision: number;
  link: string;
  recordedAt: string | null;
}

/**
 * The metadata of each event of an append: the caller's, with the seal chaining each event to the
 * one before (the first to `head`).
 */
export function sealAppend(
  streamId: string,
  events: readonly { eventId: string; type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }[],
  head: StreamHead,
  append: string,
  notBefore: string | null,
): Record<string, unknown>[] {
  let link = head.link;
  return events.map((e, i) => {
    link = chainLink(link, eventHash({ ...e, streamId, revision: head.revision + 1 + i }));
    const seal: Seal = { v: SEAL_VERSION, append, link, ...(notBefore ? { notBefore } : {}) };
    return { ...e.metadata, [SEAL_KEY]: seal };
  });
}

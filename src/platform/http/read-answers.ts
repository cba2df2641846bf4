import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Answers of the framework reads, sent as they change: only with the framework's revision. Each
 * answer gets a strong ETag made of that revision and the request's path and query; a client that
 * sends it back in If-None-Match gets a 304 without the answer being computed again; an answer is
 * encoded once (JSON, gzip, brotli) and kept, so that the same question is answered from bytes.
 */

/** Answers smaller than this are sent as they are (compression would not pay). */
const COMPRESS_FROM = 1024;

export class EncodedAnswer {
  private gzipped?: Buffer;
  private brotli?: Buffer;

  constructor(readonly json: Buffer) {}

  /** The body for an `Accept-Encoding`, and its `Content-Encoding` (none: identity). */
  encodedFor(acceptEncoding: string | undefined): { body: Buffer; encoding?: 'br' | 'gzip' } {
    if (this.json.length < COMPRESS_FROM) return { body: this.json };
    const accepted = acceptedEncodings(acceptEncoding);
    if (accepted.has('br')) {
      this.brotli ??= brotliCompressSync(this.json, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: this.json.length } });
      return { body: this.brotli, encoding: 'br' };
    }
    if (accepted.has('gzip')) {
      this.gzipped ??= gzipSync(this.json, { level: 6 });
      return { body: this.gzipped, encoding: 'gzip' };
    }
    return { body: this.json };
  }

  get size(): number {
    return this.json.length + (this.gzipped?.length ?? 0) + (this.brotli?.length ?? 0);
  }
}

/** The encodings an `Accept-Encoding` header accepts (q=0 excluded). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q !== undefined && Number(q.slice(2)) === 0)) accepted.add(name === '*' ? 'gzip' : name);
  }
  return accepted;
}

/** A strong ETag: the version the answer depends on, and the question (path and query). */
export function etagOf(version: string, url: string): string {
  return `"${version}-${createHash('sha1').update(url).digest('base64url').slice(0, 16)}"`;
}

/** Does `If-None-Match` name this ETag (or `*`)? Weak forms compare equal (RFC 9110, weak comparison). */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/** Encoded answers by ETag, least recently used first out, within a byte budget. */
export class EncodedAnswers {
  private readonly entries = new Map<string, EncodedAnswer>();
  private bytes = 0;

  constructor(private readonly budgetBytes = 64 * 1024 * 1024) {}

  get(etag: string): EncodedAnswer | undefined {
    const hit = this.entries.get(etag);
    if (hit) {
      this.entries.delete(etag);
      this.entries.set(etag, hit);
    }
    return hit;
  }

  set(etag: string, answer: EncodedAnswer): void {
    this.forget(etag);
    this.entries.set(etag, answer);
    this.bytes += answer.json.length;
    while (this.bytes > this.budgetBytes && this.entries.size > 1) this.forget(this.entries.keys().next().value as string);
  }

  private forget(etag: string): void {
    const old = this.entries.get(etag);
    if (!old) return;
    this.entries.delete(etag);
    this.bytes -= old.json.length;
  }
}

/** Sends an encoded answer with its validators. */
export function sendAnswer(request: IncomingMessage, response: ServerResponse, etag: string, answer: EncodedAnswer): void {
  const { body, encoding } = answer.encodedFor(request.headers['accept-encoding']);
  response.statusCode = 200;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  setValidators(response, etag);
  if (encoding) response.setHeader('Content-Encoding', encoding);
  response.setHeader('Content-Length', body.length);
  response.end(request.method === 'HEAD' ? undefined : body);
}

export function sendNotModified(response: ServerResponse, etag: string): void {
  response.statusCode = 304;
  setValidators(response, etag);
  response.end();
}

function setValidators(response: ServerResponse, etag: string): void {
  response.setHeader('ETag', etag);
  // Always ask again (the revision may have moved); an unchanged answer costs a 304.
  response.setHeader('Cache-Control', 'no-cache');
  response.setHeader('Vary', 'Accept-Encoding');
}

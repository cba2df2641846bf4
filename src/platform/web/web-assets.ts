import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { acceptedEncodings } from '../http/read-answers.js';

/** One file of the web client, as served: its bytes (and their brotli and gzip forms), its type and a strong validator of its content. */
export interface WebAsset {
  body: Buffer;
  brotli?: Buffer;
  gzip?: Buffer;
  contentType: string;
  etag: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** Files smaller than this are sent as they are (compression would not pay). */
const COMPRESS_FROM = 1024;

/** The web client is built to `dist/web` at the package root (`npm run build`, web/build.mjs). */
export function defaultWebDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web');
}

export class WebClientMissing extends Error {}

/** An asset made of these bytes: compressed once (brotli at its best quality, gzip), with an ETag from its SHA-256. */
export function webAsset(body: Buffer, contentType: string): WebAsset {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  if (body.length < COMPRESS_FROM) return { body, contentType, etag };
  return {
    body,
    contentType,
    etag,
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gzip: gzipSync(body, { level: 9 }),
  };
}

/** The bytes to send for an `Accept-Encoding`, and their `Content-Encoding` (none: as they are). */
export function encodedFor(asset: WebAsset, acceptEncoding: string | undefined): { body: Buffer; encoding?: 'br' | 'gzip' } {
  const accepted = acceptedEncodings(acceptEncoding);
  if (asset.brotli && accepted.has('br')) return { body: asset.brotli, encoding: 'br' };
  if (asset.gzip && accepted.has('gzip')) return { body: asset.gzip, encoding: 'gzip' };
  return { body: asset.body };
}

/**
 * The built web client (index.html, styles/*.css, js/*.js) and the files the server makes for it
 * (`generated`, e.g. the event catalogue of the recording form), read once and kept in memory,
 * compressed, each with an ETag so that a browser revalidates with a 304.
 */
@Injectable()
export class WebAssets {
  private files: Map<string, WebAsset> | null = null;

  constructor(
    private readonly dir: string = defaultWebDir(),
    private readonly generated: Record<string, () => unknown> = {},
  ) {}

  /** The asset at a path relative to the client's directory (`index.html`, `js/main.js`), if any. */
  get(path: string): WebAsset | undefined {
    this.files ??= this.load();
    return this.files.get(path);
  }

  private load(): Map<string, WebAsset> {
    if (!existsSync(join(this.dir, 'index.html'))) {
      throw new WebClientMissing(`the web client is not built (${this.dir}/index.html is missing): run npm run build`);
    }
    const files = new Map<string, WebAsset>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (TYPES[extname(name)]) files.set(relative(this.dir, path).split(sep).join('/'), webAsset(readFileSync(path), TYPES[extname(name)]));
      }
    };
    walk(this.dir);
    for (const [path, make] of Object.entries(this.generated)) files.set(path, webAsset(Buffer.from(JSON.stringify(make())), TYPES[extname(path)]));
    return files;
  }
}

/** True when the request's If-None-Match names this ETag (weak or strong) or `*`. */
export function notModified(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const tags = (Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch).split(',').map((t) => t.trim().replace(/^W\//, ''));
  return tags.includes('*') || tags.includes(etag);
}

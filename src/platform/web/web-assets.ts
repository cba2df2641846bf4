import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One file of the web client, as served: its bytes, its type and a strong validator of its content. */
export interface WebAsset {
  body: Buffer;
  contentType: string;
  etag: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The web client is built to `dist/web` at the package root (`npm run build`, web/build.mjs). */
export function defaultWebDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web');
}

export class WebClientMissing extends Error {}

/**
 * The built web client (index.html, styles/*.css, js/*.js), read once and kept in memory: a few
 * dozen kilobytes, with an ETag each from its SHA-256 so that a browser revalidates with a 304.
 */
@Injectable()
export class WebAssets {
  private files: Map<string, WebAsset> | null = null;

  constructor(private readonly dir: string = defaultWebDir()) {}

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
        else if (TYPES[extname(name)]) {
          const body = readFileSync(path);
          const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
          files.set(relative(this.dir, path).split(sep).join('/'), { body, contentType: TYPES[extname(name)], etag });
        }
      }
    };
    walk(this.dir);
    return files;
  }
}

/** True when the request's If-None-Match names this ETag (weak or strong) or `*`. */
export function notModified(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const tags = (Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch).split(',').map((t) => t.trim().replace(/^W\//, ''));
  return tags.includes('*') || tags.includes(etag);
}

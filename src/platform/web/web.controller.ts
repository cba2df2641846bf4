import { Controller, Get, NotFoundException, Param, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { encodedFor, notModified, WebAssets, WebClientMissing, type WebAsset } from './web-assets.js';

/**
 * Everything the page needs comes from the service itself (no CDN, no web fonts): the content
 * security policy allows this origin only, and no inline script.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const FILE = /^[a-z0-9][a-z0-9-]*\.(js|css)$/;
const DIRECTORIES = new Set(['js', 'styles']);

/**
 * The French web page at `/`, its static files (`/assets/js/*.js`, `/assets/styles/*.css`, built to
 * dist/web) and the event catalogue its recording form is made from (`/assets/event-types.json`).
 */
@ApiExcludeController()
@Controller()
export class WebController {
  constructor(private readonly assets: WebAssets) {}

  @Get('/')
  page(@Req() req: IncomingMessage, @Res() res: ServerResponse): void {
    this.send(req, res, this.asset('index.html')!, {
      'Content-Security-Policy': CSP,
      'Referrer-Policy': 'same-origin',
    });
  }

  @Get('/assets/event-types.json')
  eventTypes(@Req() req: IncomingMessage, @Res() res: ServerResponse): void {
    this.send(req, res, this.asset('event-types.json')!, {});
  }

  @Get('/assets/:dir/:file')
  file(@Param('dir') dir: string, @Param('file') file: string, @Req() req: IncomingMessage, @Res() res: ServerResponse): void {
    const asset = DIRECTORIES.has(dir) && FILE.test(file) ? this.asset(`${dir}/${file}`) : undefined;
    if (!asset) throw new NotFoundException(`no such file: /assets/${dir}/${file}`);
    this.send(req, res, asset, {});
  }

  private asset(path: string): WebAsset | undefined {
    try {
      return this.assets.get(path);
    } catch (error) {
      if (error instanceof WebClientMissing) throw new ServiceUnavailableException(error.message);
      throw error;
    }
  }

  /** Revalidated on every use (no-cache), answered 304 when the browser's copy is current; brotli or gzip when accepted. */
  private send(req: IncomingMessage, res: ServerResponse, asset: WebAsset, headers: Record<string, string>): void {
    res.setHeader('Content-Type', asset.contentType);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('ETag', asset.etag);
    res.setHeader('Vary', 'Accept-Encoding');
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (notModified(req.headers['if-none-match'], asset.etag)) {
      res.statusCode = 304;
      res.end();
      return;
    }
    const { body, encoding } = encodedFor(asset, req.headers['accept-encoding']);
    res.statusCode = 200;
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}

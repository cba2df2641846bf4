import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CSS } from './assets/app-css.js';
import { APP_JS } from './assets/app-js.js';
import { INDEX_HTML } from './assets/index-html.js';

/**
 * Everything the page needs comes from the service itself (no CDN, no web fonts): the content
 * security policy allows this origin only.
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

/** The French web page at `/`: state on a date, timeline, known-at, diff and audit log, over the JSON API. */
@ApiExcludeController()
@Controller()
export class WebController {
  @Get('/')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', CSP)
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Referrer-Policy', 'same-origin')
  @Header('Cache-Control', 'no-cache')
  page(): string {
    return INDEX_HTML;
  }

  @Get('/assets/app.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'no-cache')
  script(): string {
    return APP_JS;
  }

  @Get('/assets/app.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'no-cache')
  style(): string {
    return APP_CSS;
  }
}

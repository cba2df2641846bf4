import { createHash } from 'node:crypto';

/**
 * The content security policy of /docs. Swagger UI is served by this service (swagger-ui-dist):
 * scripts, styles and images come from this origin only (its icons are data: URIs), it calls the
 * API here, and nothing may frame it. The page Nest generates holds two <style> blocks and one
 * style attribute (the icon sprite's): each is allowed by its SHA-256, computed from the page
 * actually sent — no 'unsafe-inline', no 'unsafe-eval'.
 */
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The policy for a page: its inline <style> blocks and style attributes by hash. */
export function docsPolicy(html = ''): string {
  const blocks = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => sha256(m[1]));
  const attributes = [...html.matchAll(/\sstyle="([^"]*)"/gi)].map((m) => sha256(m[1]));
  const styles = ["'self'", ...new Set(blocks), ...(attributes.length > 0 ? ["'unsafe-hashes'", ...new Set(attributes)] : [])];
  return [...DIRECTIVES, `style-src ${styles.join(' ')}`].join('; ');
}

interface DocsResponse {
  setHeader(name: string, value: string): void;
  getHeader(name: string): unknown;
  send(body?: unknown): unknown;
}

/** Middleware for /docs and below: the policy on every answer, the page's own hashes on the HTML page. */
export function docsContentSecurityPolicy(_request: unknown, response: DocsResponse, next: () => void): void {
  response.setHeader('Content-Security-Policy', docsPolicy());
  const send = response.send;
  response.send = function (this: DocsResponse, body?: unknown) {
    if (typeof body === 'string' && String(response.getHeader('Content-Type') ?? '').startsWith('text/html')) {
      response.setHeader('Content-Security-Policy', docsPolicy(body));
    }
    return send.call(this, body);
  };
  next();
}

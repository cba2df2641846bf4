import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../src/platform/config/app-config.js';
import { createHttpApp } from '../../src/http-app.js';

const TOKEN = 'secretariat-token-0123456789';

/** Every URL written in a text, except XML namespaces (which are names, not fetched). */
function externalUrls(text: string): string[] {
  return (text.match(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s'"<>)]*/gi) ?? []).filter(
    (url) => !/^(https?:)?\/\/www\.w3\.org\//.test(url),
  );
}

/** The module ids of the page's one script (web/build.mjs puts every module the page uses in it). */
async function scriptModules(http: ReturnType<typeof request>): Promise<{ ids: string[]; text: string }> {
  const res = await http.get('/assets/js/main.js').expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/javascript; charset=utf-8/);
  return { ids: [...res.text.matchAll(/^"([^"]+)": function \(exports, require\)/gm)].map((m) => m[1]), text: res.text };
}
const styleSheets = (html: string) => [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]);

describe('web page and OpenAPI documentation (HTTP)', () => {
  let dataDir: string;
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'governance-web-'));
    app = await createHttpApp(loadConfig({ DATA_DIR: dataDir, API_TOKENS: `secretariat=${TOKEN}` }), { logger: false });
    await app.init();
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('the page at /', () => {
    let html: string;
    beforeAll(async () => {
      const res = await http.get('/').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
      html = res.text;
    });

    it('is an HTML page in French with the expected sections', () => {
      expect(html).toMatch(/^<!doctype html>\s*<html lang="fr">/i);
      for (const label of [
        'Conventions',
        'Signataires',
        'Missions d’appui',
        'Instruments',
        'Instances',
        'Frise chronologique',
        'Connu au',
        'Différences entre deux dates',
        'Journal d’audit',
      ]) {
        expect(html).toContain(label);
      }
      expect(html).toContain('<script type="module" src="/assets/js/main.js"></script>');
      expect(html).toContain('<link rel="stylesheet" href="/assets/styles/page.css">');
      // One script and one style sheet: the first view costs few requests.
      expect(html.match(/<script\b/g)).toHaveLength(1);
      expect(html.match(/<link rel="stylesheet"/g)).toHaveLength(1);
      // No inline script (the content security policy would refuse it).
      expect([...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].every((m) => m[1].trim() === '' && /\bsrc=/.test(m[0]))).toBe(true);
    });

    it('has landmarks, a live state region and a label for every control', () => {
      expect(html).toMatch(/<header[\s>]/);
      expect(html).toMatch(/<nav aria-label="[^"]+"/);
      expect(html).toMatch(/<main id="contenu"/);
      // The state's one-line summary is the live region, not the whole state.
      expect(html).toMatch(/<p id="etat-resume"[^>]*aria-live="polite"/);
      expect(html).not.toMatch(/<section id="etat"[^>]*aria-live/);
      expect(html).toContain('class="skip-link" href="#contenu"');
      const controls = [...html.matchAll(/<(input|select)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[2]);
      expect(controls).toEqual(
        expect.arrayContaining(['framework', 'date', 'date-slider', 'known-at', 'diff-from', 'diff-to', 'audit-actor', 'audit-type']),
      );
      for (const id of controls) expect(html).toContain(`<label for="${id}">`);
    });

    it('is served with a content security policy that allows this origin only', async () => {
      const res = await http.get('/').expect(200);
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).not.toMatch(/https?:/);
    });

    it('loads nothing from elsewhere (no CDN, no web font)', async () => {
      expect(externalUrls(html)).toEqual([]);
      expect(externalUrls((await scriptModules(http)).text)).toEqual([]);
      for (const path of styleSheets(html)) {
        const css = (await http.get(path).expect(200)).text;
        expect(externalUrls(css)).toEqual([]);
        expect(css).not.toMatch(/@import|@font-face|url\((?!#)/);
      }
    });
  });

  describe('the static files', () => {
    let html: string;
    beforeAll(async () => {
      html = (await http.get('/').expect(200)).text;
    });

    it('serves the page as one script holding its modules and the pure modules it shares with the server', async () => {
      const { ids, text } = await scriptModules(http);
      expect(ids).toEqual(expect.arrayContaining(['web/src/main.ts', 'web/src/api.ts', 'web/src/timeline-draw.ts', 'web/src/record-view.ts']));
      // The French dates and the item kinds are the server's own modules, not copies.
      expect(ids).toContain('src/libs/french/french-dates.ts');
      expect(ids).toContain('src/modules/frameworks/domain/state/item-kinds.ts');
      // Only the client's modules, and pure ones: the libs and the domain core (no Nest, no store client).
      for (const id of ids) expect(id).toMatch(/^(web\/src\/[a-z0-9-]+|src\/libs\/[a-z0-9/-]+|src\/modules\/[a-z-]+\/domain\/[a-z0-9/-]+)\.ts$/);
      // It speaks to the JSON API of the service: one answer draws the timeline and the state on any date.
      for (const path of ["'items'", "'history'", "'diff'", "'documents'", "'/api/frameworks'", "'/assets/event-types.json'"]) expect(text).toContain(path);
      expect(text).not.toMatch(/\bimport\s*\(|^\s*import\s/m);
      // No copy of the service's descriptions of the facts: the page shows their label and summary.
      expect(ids).not.toContain('web/src/event-subject.ts');
    });

    it('serves its files compressed (brotli or gzip) when the browser accepts it', async () => {
      for (const path of ['/', '/assets/js/main.js', '/assets/styles/page.css', '/assets/event-types.json']) {
        const plain = await http.get(path).set('Accept-Encoding', 'identity').expect(200);
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(plain.headers.vary).toBe('Accept-Encoding');
        for (const encoding of ['br', 'gzip']) {
          const res = await http.get(path).set('Accept-Encoding', encoding).buffer(true).parse((r, done) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => done(null, Buffer.concat(chunks)));
          });
          expect(res.headers['content-encoding']).toBe(encoding);
          expect(Number(res.headers['content-length'])).toBeLessThan(Buffer.byteLength(plain.text));
        }
      }
    });

    it('serves the event catalogue the recording form is made from: French labels, identities, schemas with EDTF fields marked', async () => {
      const catalogue = (await http.get('/assets/event-types.json').expect(200)).body as {
        types: { type: string; label: string; family: string; identity: { key: string | null; kind: string; creates: boolean } | null; data: { properties: Record<string, { format?: string }> } }[];
        source: { required: string[] };
        createFramework: { properties: Record<string, { format?: string }> };
      };
      const byType = Object.fromEntries(catalogue.types.map((t) => [t.type, t]));
      expect(byType.ConventionExtended).toMatchObject({ label: 'Convention prorogée', family: 'fact', identity: { key: 'conventionId', kind: 'convention', creates: false } });
      expect(byType.ConventionSigned.data.properties.start.format).toBe('edtf');
      expect(byType.ConventionSigned.data.properties.end.format).toBe('edtf');
      expect(byType.ConventionSigned.data.properties.name.format).toBeUndefined();
      expect(byType.FactCorrected).toMatchObject({ family: 'correction', identity: null });
      expect(catalogue.createFramework.properties.effectiveDate.format).toBe('edtf');
      expect(catalogue.source.required.sort()).toEqual(['confidence', 'document', 'passage']);
      const openapi = (await http.get('/docs-json').expect(200)).body as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
      for (const t of catalogue.types) expect(Object.keys(t.data.properties).sort()).toEqual(Object.keys(openapi.components.schemas[`${t.type}Data`].properties).sort());
    });

    it('serves the style sheets as one CSS file, with a narrow-screen layout, a visible focus and print rules', async () => {
      const sheets = await Promise.all(styleSheets(html).map((path) => http.get(path).expect(200)));
      expect(sheets.length).toBe(1);
      for (const res of sheets) expect(res.headers['content-type']).toMatch(/^text\/css; charset=utf-8/);
      const css = sheets.map((res) => res.text).join('\n');
      expect(css).toContain('@media (max-width: 400px)');
      expect(css).toContain(':focus-visible');
      expect(css).toContain('@media print');
    });

    it.each(['/', '/assets/js/main.js', '/assets/styles/page.css', '/assets/event-types.json'])('%s: nosniff, an ETag, and 304 when the browser has it', async (path) => {
      const first = await http.get(path).expect(200);
      expect(first.headers['x-content-type-options']).toBe('nosniff');
      expect(first.headers['cache-control']).toBe('no-cache');
      const etag = first.headers.etag;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
      const again = await http.get(path).set('If-None-Match', etag).expect(304);
      expect(again.text ?? '').toBe('');
      expect(again.headers.etag).toBe(etag);
      await http.get(path).set('If-None-Match', '"something-else"').expect(200);
    });

    it('answers 404 for an unknown file, and never serves a file outside the client', async () => {
      await http.get('/assets/other.js').expect(404);
      await http.get('/assets/js/other.js').expect(404);
      await http.get('/assets/js/..%2F..%2Fpackage.json').expect(404);
      await http.get('/assets/src/main.ts').expect(404);
      await http.get('/assets/js/main.ts').expect(404);
    });
  });

  describe('OpenAPI documentation', () => {
    let doc: {
      openapi: string;
      info: { title: string };
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; in: string; required?: boolean }[];
            responses: Record<string, unknown>;
            security?: Record<string, string[]>[];
            requestBody?: unknown;
            tags?: string[];
          }
        >
      >;
      components: {
        schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }>;
        securitySchemes: Record<string, { type: string; scheme?: string }>;
      };
    };
    beforeAll(async () => {
      const res = await http.get('/docs-json').expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      doc = res.body;
    });

    it('serves the Swagger UI at /docs, with its assets from the service itself', async () => {
      const res = await http.get('/docs').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('swagger-ui');
      const assets = [...res.text.matchAll(/(?:src|href)=["']\.\/docs\/([^"']+)["']/g)].map((m) => m[1]);
      expect(assets).toEqual(expect.arrayContaining(['swagger-ui-bundle.js', 'swagger-ui-init.js', 'swagger-ui.css']));
      for (const asset of assets) await http.get(`/docs/${asset}`).expect(200);
      expect(externalUrls(res.text)).toEqual([]);
    });

    it('lists every endpoint of the API, and not the page', () => {
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths).sort()).toEqual(
        [
          '/api/admin/verify',
          '/api/frameworks',
          '/api/frameworks/{id}/diff',
          '/api/frameworks/{id}/documents',
          '/api/frameworks/{id}/events',
          '/api/frameworks/{id}/history',
          '/api/frameworks/{id}/items',
          '/api/frameworks/{id}/state',
          '/api/frameworks/{id}/timeline',
          '/api/log/head',
          '/api/log/key',
          '/api/log/proof/consistency',
          '/api/log/proof/inclusion',
          '/api/log/receipt',
          '/health',
        ].sort(),
      );
      expect(Object.keys(doc.paths['/api/frameworks']).sort()).toEqual(['get', 'post']);
    });

    it('documents the query parameters from the parameter classes', () => {
      const params = (path: string) =>
        Object.fromEntries((doc.paths[path].get.parameters ?? []).map((p) => [`${p.in}:${p.name}`, p.required ?? false]));
      expect(params('/api/frameworks/{id}/state')).toEqual({ 'path:id': true, 'query:at': true, 'query:knownAt': false });
      expect(params('/api/frameworks/{id}/diff')).toEqual({
        'path:id': true,
        'query:from': true,
        'query:to': true,
        'query:knownAt': false,
      });
      expect(params('/api/frameworks/{id}/timeline')).toEqual({ 'path:id': true, 'query:knownAt': false });
      expect(params('/api/log/receipt')).toEqual({ 'query:position': true });
      expect(params('/api/log/proof/inclusion')).toEqual({ 'query:position': true, 'query:treeSize': false });
      expect(params('/api/log/proof/consistency')).toEqual({ 'query:from': true, 'query:to': false });
      expect(params('/api/frameworks/{id}/history')).toEqual({
        'path:id': true,
        'query:actor': false,
        'query:type': false,
        'query:since': false,
        'query:until': false,
      });
    });

    it('documents the bearer auth, the Idempotency-Key and If-Match headers and the error answers (400/401/403/404/409/422) of a write', () => {
      expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      const append = doc.paths['/api/frameworks/{id}/events'].post;
      expect(append.security).toEqual([{ bearer: [] }]);
      const headers = (append.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
      expect(headers.sort()).toEqual(['Idempotency-Key', 'If-Match']);
      // 200: the answer of a dry run (?dryRun=true).
      expect(Object.keys(append.responses).sort()).toEqual(['200', '201', '400', '401', '403', '404', '409', '422']);
      expect(append.requestBody).toMatchObject({
        content: { 'application/json': { schema: { $ref: '#/components/schemas/EventBodyDto' } } },
      });
      const create = doc.paths['/api/frameworks'].post;
      expect(create.security).toEqual([{ bearer: [] }]);
      expect(Object.keys(create.responses).sort()).toEqual(['201', '400', '401', '403', '409', '422']);
      for (const path of [
        '/api/frameworks/{id}/state',
        '/api/frameworks/{id}/diff',
        '/api/frameworks/{id}/history',
        '/api/frameworks/{id}/timeline',
      ]) {
        expect(Object.keys(doc.paths[path].get.responses).sort()).toEqual(['200', '400', '404']);
      }
    });

    it('describes the request and answer shapes from the DTO classes', () => {
      const schemas = doc.components.schemas;
      expect(Object.keys(schemas.EventBodyDto.properties ?? {}).sort()).toEqual(['data', 'effectiveDate', 'source', 'type']);
      expect(Object.keys(schemas.SourceDto.properties ?? {}).sort()).toEqual(['confidence', 'document', 'note', 'passage']);
      expect(Object.keys(schemas.ConventionSignedData.properties ?? {})).toEqual(
        expect.arrayContaining(['conventionId', 'name', 'start', 'end', 'parties', 'supersedes']),
      );
      expect(Object.keys(schemas.CreateFrameworkDto.properties ?? {})).toEqual(expect.arrayContaining(['id', 'name', 'effectiveDate']));
      expect(Object.keys(schemas.StateAnswerSchema.properties ?? {})).toEqual(
        expect.arrayContaining(['frameworkId', 'at', 'knownAt', 'revision', 'conventions', 'parties', 'missions', 'instruments', 'bodies']),
      );
      expect(Object.keys(schemas.ConventionSchema.properties ?? {})).toEqual(
        expect.arrayContaining(['start', 'end', 'termChanges', 'parties']),
      );
      expect(schemas.ValidationErrorSchema.properties).toHaveProperty('fields');
      expect(schemas.RevisionConflictSchema.properties).toHaveProperty('currentRevision');
      expect(schemas.RuleBrokenSchema.properties).toHaveProperty('rule');
    });
  });
});

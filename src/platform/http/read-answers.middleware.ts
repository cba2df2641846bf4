import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReadModelStore } from '../../infrastructure/read-models/read-model.port.js';
import { EncodedAnswer, EncodedAnswers, etagOf, matches, sendAnswer, sendNotModified } from './read-answers.js';

type Request = IncomingMessage & { originalUrl?: string };
type Response = ServerResponse & { send(body: unknown): Response };

/** The reads whose answers change only with one framework's revision, and the list of frameworks. */
const FRAMEWORK_READ = /^\/api\/frameworks\/([^/?#]+)\/(?:state|timeline|items|history|diff)(?:\?|$)/;
const FRAMEWORK_LIST = /^\/api\/frameworks\/?(?:\?|$)/;

/**
 * Conditional, encoded reads (see `read-answers.ts`): before the request reaches its controller,
 * the framework's revision (the read models' checkpoint for the list) gives the answer's ETag; an
 * If-None-Match that names it is a 304, an answer already encoded is sent from memory; otherwise the
 * controller answers and its JSON is encoded and kept. Reads that wait for a position
 * (`minPosition`), errors and unknown frameworks go through untouched.
 */
export function readAnswersMiddleware(readModels: ReadModelStore, answers = new EncodedAnswers()) {
  return (request: Request, response: Response, next: (error?: unknown) => void): void => {
    const url = request.originalUrl ?? request.url ?? '';
    if (request.method !== 'GET' || url.includes('minPosition=')) return next();
    const framework = FRAMEWORK_READ.exec(url);
    if (!framework && !FRAMEWORK_LIST.test(url)) return next();
    void versionOf(readModels, framework?.[1]).then(
      (version) => {
        if (version === null) return next();
        const etag = etagOf(version, url);
        if (matches(request.headers['if-none-match'], etag)) return sendNotModified(response, etag);
        const kept = answers.get(etag);
        if (kept) return sendAnswer(request, response, etag, kept);
        const send = response.send.bind(response);
        response.send = (body: unknown) => {
          if (response.statusCode !== 200 || !(typeof body === 'string' || Buffer.isBuffer(body))) return send(body);
          const answer = new EncodedAnswer(Buffer.isBuffer(body) ? body : Buffer.from(body));
          answers.set(etag, answer);
          sendAnswer(request, response, etag, answer);
          return response;
        };
        next();
      },
      () => next(),
    );
  };
}

/** `r12`: framework revision 12; `p35`: the read models at position 35 (the list); null: unknown. */
async function versionOf(readModels: ReadModelStore, frameworkId: string | undefined): Promise<string | null> {
  if (frameworkId === undefined) {
    const checkpoint = await readModels.checkpoint();
    return checkpoint === null ? null : `p${checkpoint}`;
  }
  let id: string;
  try {
    id = decodeURIComponent(frameworkId);
  } catch {
    return null;
  }
  const summary = await readModels.getFramework(id);
  return summary ? `r${summary.revision}` : null;
}

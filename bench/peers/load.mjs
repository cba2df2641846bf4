// HTTP load for the bench: autocannon against one server, run as its own process so that the
// load generator does not share the server's event loop.
// Usage: node load.mjs '<json options>'   or   node load.mjs @/path/to/options.json
// Options: { url, paths: [..], connections, duration, headers?, perPathHeaders?: [{..}], distinct? }.
//   distinct: every request takes the next path of `paths` across all connections (no path is asked
//   twice while the list lasts; past its end it starts again, and says so); otherwise each connection cycles
//   through `paths` in order. perPathHeaders[i] are sent with paths[i] (If-None-Match, …).
// Prints one JSON line.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const arg = process.argv[2];
const options = JSON.parse(arg.startsWith('@') ? readFileSync(arg.slice(1), 'utf8') : arg);
const { paths } = options;
const headersOf = (i) => ({ ...(options.headers ?? {}), ...(options.perPathHeaders?.[i] ?? {}) });

let next = 0;
let exhausted = false;
const requests = options.distinct
  ? [
      {
        method: 'GET',
        setupRequest: (request) => {
          if (next >= paths.length) exhausted = true;
          const i = next++ % paths.length;
          return { ...request, path: paths[i], headers: { ...(request.headers ?? {}), ...headersOf(i) } };
        },
      },
    ]
  : paths.map((path, i) => ({ method: 'GET', path, headers: headersOf(i) }));

const result = await autocannon({
  url: options.url,
  connections: options.connections ?? 10,
  duration: options.duration ?? 10,
  headers: options.headers ?? {},
  requests,
});
const codes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    duration: result.duration,
    rps: result.requests.average,
    rpsTotal: result.requests.total / result.duration,
    latency: { p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.average, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: codes,
    distinctPathsUsed: options.distinct ? next : undefined,
    distinctPathsExhausted: options.distinct ? exhausted : undefined,
  }) + '\n',
);

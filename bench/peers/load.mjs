// HTTP load for the bench: autocannon against one server, run as its own process so that the
// load generator does not share the server's event loop. Usage: node load.mjs '<json options>'
// Options: { url, paths: [..], connections, duration, headers? }. Prints one JSON line.
import autocannon from 'autocannon';

const options = JSON.parse(process.argv[2]);
const result = await autocannon({
  url: options.url,
  connections: options.connections ?? 10,
  duration: options.duration ?? 10,
  headers: options.headers ?? {},
  // Each connection cycles through these requests in order.
  requests: options.paths.map((path) => ({ method: 'GET', path })),
});
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
  }) + '\n',
);

// One HTTP writer for P2a, run as its own process (so that the server's process does only the
// server's work): POSTs MilestoneNoted events one at a time, awaiting each answer, round-robin
// over the given frameworks, on one kept-alive connection (node:http, the lightest client at hand:
// the writer shares the machine's cores with the server). Then, with `bare`, as many POSTs of the
// same bodies to the app's bare route (/bench/bare, answered 201 without any work): the HTTP round
// trip alone, with the same client, is P2a's HTTP floor.
// Usage: node http-writer.mjs '<json options>'; prints one JSON line.
// Options: { url, token, frameworks: [ids], appends, warmup, firstDay, offset, bare }.
import http from 'node:http';

const options = JSON.parse(process.argv[2]);
const DAY_MS = 86_400_000;
const dayAfter = (start, n) => new Date(Date.parse(`${start}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const url = new URL(options.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function request(path, body) {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path,
        agent,
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
      },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const statuses = {};
let n = options.offset ?? 0;
function nextBody() {
  // Each framework's milestones are dated one day after the other: no event lands before a recorded fact.
  const f = n % options.frameworks.length;
  const day = dayAfter(options.firstDay, Math.floor(n / options.frameworks.length));
  const body = {
    type: 'MilestoneNoted',
    effectiveDate: day,
    data: { milestoneId: `ms-http-${n}`, name: `Jalon ${n}`, description: 'Ajout du banc de mesure.' },
    source: { document: 'bench/p2a.txt', passage: `Jalon ${n} noté.`, confidence: 'stated' },
  };
  n++;
  return { path: `/api/frameworks/${options.frameworks[f]}/events`, body };
}

async function post() {
  const { path, body } = nextBody();
  const status = await request(path, body);
  statuses[status] = (statuses[status] ?? 0) + 1;
  if (status !== 201) throw new Error(`POST answered ${status}`);
}

async function bare() {
  const { body } = nextBody();
  const status = await request('/bench/bare', body);
  if (status !== 201) throw new Error(`bare POST answered ${status}`);
}

async function timed(count, fn) {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) await fn();
  return (performance.now() - t0) / 1000;
}

for (let i = 0; i < (options.warmup ?? 0); i++) await post();
const seconds = await timed(options.appends, post);
const out = { appends: options.appends, seconds, perSecond: options.appends / seconds, statuses };
if (options.bare && options.appends > 0) {
  for (let i = 0; i < 50; i++) await bare();
  const bareSeconds = await timed(options.appends, bare);
  out.bare = { requests: options.appends, seconds: bareSeconds, perSecond: options.appends / bareSeconds };
}
agent.destroy();
process.stdout.write(JSON.stringify(out) + '\n');

// One HTTP writer for P2a, run as its own process (so that the server's process does only the
// server's work): POSTs MilestoneNoted events one at a time, awaiting each answer, round-robin
// over the given frameworks. Usage: node http-writer.mjs '<json options>'; prints one JSON line.
// Options: { url, token, frameworks: [ids], appends, warmup, firstDay, offset }.
const options = JSON.parse(process.argv[2]);
const DAY_MS = 86_400_000;
const dayAfter = (start, n) => new Date(Date.parse(`${start}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

const statuses = {};
let n = options.offset ?? 0;
async function post() {
  const f = n % options.frameworks.length;
  // Each framework's milestones are dated one day after the other: no event lands before a recorded fact.
  const day = dayAfter(options.firstDay, Math.floor(n / options.frameworks.length));
  const body = {
    type: 'MilestoneNoted',
    effectiveDate: day,
    data: { milestoneId: `ms-http-${n}`, name: `Jalon ${n}`, description: 'Ajout du banc de mesure.' },
    source: { document: 'bench/p2a.txt', passage: `Jalon ${n} noté.`, confidence: 'stated' },
  };
  n++;
  const answer = await fetch(`${options.url}/api/frameworks/${options.frameworks[f]}/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await answer.arrayBuffer();
  statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
  if (answer.status !== 201) throw new Error(`POST answered ${answer.status}`);
}

for (let i = 0; i < (options.warmup ?? 0); i++) await post();
const t0 = performance.now();
for (let i = 0; i < options.appends; i++) await post();
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify({ appends: options.appends, seconds, perSecond: options.appends / seconds, statuses }) + '\n');

#!/usr/bin/env node
// Micro-benchmark of the EDTF parse (`parseEdtf`) on the three forms of the fast path:
// YYYY, YYYY-MM and YYYY-MM-DD. Run by hand, not part of `npm test`:
//
//   npm run build && node bench/edtf-parse.mjs                 # the current build (dist/)
//   node bench/edtf-parse.mjs --module path/to/edtf-date.js    # another build of the module
//
// Every string is parsed once (parseEdtf remembers the dates it parsed, and a history repeats
// the same few dates: what costs is the first parse of each distinct string). Prints the
// median over rounds of the mean time per distinct string, per form.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const arg = process.argv.indexOf('--module');
const file = arg > 0 ? process.argv[arg + 1] : 'dist/modules/frameworks/domain/dates/edtf-date.js';
const { parseEdtf } = await import(pathToFileURL(resolve(file)).href);

const pad = (n, width) => String(n).padStart(width, '0');
const DAYS_IN = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Distinct strings of each form; `round` picks disjoint sets so that no round hits the cache. */
function strings(form, round, count) {
  const out = [];
  for (let i = 0; out.length < count; i++) {
    const year = 1000 + ((round * count + i) % 9000);
    if (form === 'YYYY') out.push(pad(year, 4));
    else if (form === 'YYYY-MM') out.push(`${pad(1000 + ((round * count + i) % 9000), 4)}-${pad((Math.floor((round * count + i) / 9000) % 12) + 1, 2)}`);
    else {
      const k = round * count + i;
      const month = (k % 12) + 1;
      const day = (Math.floor(k / 12) % DAYS_IN[month - 1]) + 1;
      out.push(`${pad(1000 + (Math.floor(k / 336) % 9000), 4)}-${pad(month, 2)}-${pad(day, 2)}`);
    }
  }
  return out;
}

const ROUNDS = { YYYY: [8, 1000], 'YYYY-MM': [8, 5000], 'YYYY-MM-DD': [8, 5000] };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`module: ${file}`);
for (const [form, [rounds, count]] of Object.entries(ROUNDS)) {
  const perCall = [];
  for (let round = 0; round < rounds; round++) {
    const inputs = strings(form, round, count);
    const start = performance.now();
    for (const text of inputs) parseEdtf(text);
    perCall.push(((performance.now() - start) * 1000) / inputs.length);
  }
  // The first round warms the JIT up; it is left out.
  console.log(`${form.padEnd(11)} ${median(perCall.slice(1)).toFixed(2).padStart(8)} µs per distinct string (${rounds - 1} rounds of ${count})`);
}

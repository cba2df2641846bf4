// CPU profiles of a measured window (the V8 sampling profiler that `node --cpu-prof` uses, started
// and stopped around the figure only, through node:inspector), and their summary for the report.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/** Starts profiling this process; `stop(file)` writes the .cpuprofile and resolves its summary. */
export async function startProfile(intervalMicros = 1000) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalMicros });
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      if (file) writeFileSync(file, JSON.stringify(profile));
      return summarizeProfile(profile);
    },
  };
}

const shortUrl = (url) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, '')
    .replace(/^.*\/dist\//, 'dist/')
    .replace(/^.*\/bench\//, 'bench/');

/** Where a frame's code lives: the service (dist/…), a package, Node itself, or V8 (GC, idle…). */
function areaOf(frame) {
  const url = frame.url ?? '';
  if (url.startsWith('node:')) return 'node internals';
  if (url.includes('/node_modules/')) {
    const name = url.replace(/^.*\/node_modules\//, '').split('/');
    return name[0].startsWith('@') ? `${name[0]}/${name[1]}` : name[0];
  }
  if (url.includes('/dist/')) return `service: ${url.replace(/^.*\/dist\//, '').split('/').slice(0, -1).join('/') || '.'}`;
  if (url.includes('/bench/')) return 'bench (load side)';
  return 'other';
}

/**
 * Self time by function (top 15) and by area, as shares of the profile's sampled time; idle
 * time (the event loop waiting) is reported apart and left out of the shares of work. Native
 * code (SQLite, hashing, sockets…) is attributed to the JavaScript that called it: its area is
 * the caller's, and its name says which caller.
 */
export function summarizeProfile(profile, top = 15) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const caller = (id) => {
    for (let p = parent.get(id); p !== undefined; p = parent.get(p)) if (nodes.get(p).callFrame.url) return nodes.get(p).callFrame;
    return null;
  };
  const selfByNode = new Map();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    selfByNode.set(profile.samples[i], (selfByNode.get(profile.samples[i]) ?? 0) + dt);
    total += dt;
  }
  const byFunction = new Map();
  const byArea = new Map();
  const name = (frame) => `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
  let idle = 0;
  for (const [id, micros] of selfByNode) {
    const frame = nodes.get(id).callFrame;
    if (frame.functionName === '(idle)') {
      idle += micros;
      continue;
    }
    let key;
    let area;
    if (frame.url) {
      key = name(frame);
      area = areaOf(frame);
    } else if (frame.functionName.startsWith('(')) {
      key = frame.functionName;
      area = frame.functionName;
    } else {
      const from = caller(id);
      key = `${frame.functionName} (native${from ? `, called by ${name(from)}` : ''})`;
      area = from ? `${areaOf(from)} (native code)` : 'native code';
    }
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    byArea.set(area, (byArea.get(area) ?? 0) + micros);
  }
  const busy = total - idle;
  const rank = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([label, micros]) => ({ name: label, ms: micros / 1000, share: micros / busy }));
  return { totalMs: total / 1000, idleMs: idle / 1000, busyMs: busy / 1000, functions: rank(byFunction, top), areas: rank(byArea, 12) };
}

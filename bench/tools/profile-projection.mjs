// Applies generated histories through FrameworkProjection in memory (as a rebuild does), for a
// CPU profile of the projection alone: `node --cpu-prof --cpu-prof-dir=bench/.cache/profiles
// bench/tools/profile-projection.mjs [frameworks] [events per framework] [--far-future]`.
// Prints the mean time per event. Needs `npm run build`.
import { planFramework } from '../generator.mjs';
import { loadService } from '../lib/service.mjs';

const [frameworks = 10, perFramework = 200] = process.argv.slice(2).filter((a) => !a.startsWith('--')).map(Number);
const farFuture = process.argv.includes('--far-future');
const service = await loadService();
const { FrameworkProjection } = service.domain;

let events = 0;
const t0 = performance.now();
for (let f = 0; f < frameworks; f++) {
  const plan = planFramework('governance-bench-1|profile', f, perFramework);
  const list = plan.events.map((e) => e.body);
  if (farFuture) list.splice(2, 0, { type: 'MilestoneNoted', effectiveDate: '9999-12-31', data: { milestoneId: 'far-future', name: 'Jalon lointain' }, source: list[1].source });
  const projection = FrameworkProjection.resume(plan.id, [], []);
  list.forEach((body, i) => {
    projection.apply({ ...body, eventId: `${plan.id}-${i}`, frameworkId: plan.id, revision: i, position: i + 1, recordedAt: new Date(Date.UTC(2020, 0, 1) + i * 1000).toISOString(), recordedBy: 'bench' });
    events++;
  });
}
const ms = performance.now() - t0;
console.log(`${events} events in ${ms.toFixed(0)} ms: ${(ms / events).toFixed(3)} ms per event`);

/**
 * The horizon of the history on the state shown: outside it (after its last day, or before its
 * first), a banner says so in the service's own words (`horizonNotice`, « L’historique enregistré
 * s’arrête au 31 décembre 2017 : au-delà, rien n’est attesté. »), in a status region read aloud.
 * Inside the horizon the page asks nothing more: the framework's listing gives its horizon as it
 * stands now; as known at an earlier instant, or outside it, the state answer of the service says
 * whether the day lies outside and what to tell the reader.
 */
import { api } from './api.js';
import type { Horizon } from './api-types.js';
import { byId, clear, h } from './dom.js';
import { currentFramework, type StateShown } from './store.js';

/** The horizon of each framework, as known at an instant, at a revision (learnt from the state answers). */
const horizons = new Map<string, Horizon | null>();
let seq = 0;

const inside = (horizon: Horizon, day: string) => horizon.from <= day && day <= horizon.to;

function show(notice: string | null, status: 'inside' | 'outside'): void {
  const region = byId('horizon');
  region.setAttribute('data-state', status);
  const current = region.querySelector('.horizon-banner')?.textContent ?? null;
  if (notice !== null && current !== null && region.getAttribute('data-notice') === notice) return;
  clear(region);
  region.removeAttribute('data-notice');
  if (notice === null) return;
  region.setAttribute('data-notice', notice);
  region.appendChild(h('p', { class: 'horizon-banner' }, [h('span', { class: 'horizon-mark', 'aria-hidden': 'true', text: '⚠ ' }), notice]));
}

/** Says whether the state shown lies outside the horizon (asking the service only when it may). */
export function syncHorizon(framework: string, state: StateShown): void {
  const key = `${framework}|${state.knownAt ?? ''}|${state.revision}`;
  let horizon = horizons.get(key);
  if (horizon === undefined && !state.knownAt) {
    const listed = currentFramework();
    if (listed && listed.id === framework && listed.revision === state.revision) horizon = listed.horizon;
  }
  const mine = ++seq;
  if (horizon && inside(horizon, state.at)) {
    show(null, 'inside');
    return;
  }
  byId('horizon').setAttribute('data-state', 'pending');
  api
    .state(framework, state.at, state.knownAt)
    .then((answer) => {
      horizons.set(key, answer.horizon);
      if (mine !== seq) return;
      show(answer.outsideHorizon ? (answer.horizonNotice ?? null) : null, answer.outsideHorizon ? 'outside' : 'inside');
    })
    .catch(() => {
      // The state itself is drawn already; without the service's answer no banner is shown.
      if (mine === seq) byId('horizon').setAttribute('data-state', 'unknown');
    });
}

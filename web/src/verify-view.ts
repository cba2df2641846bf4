/**
 * « Vérifier un reçu »: a partner pastes a receipt (or chooses its file), the page checks it
 * itself (receipt-checks.ts) and shows each check as a line — « vérifié », « échec » or « non
 * vérifiable » — with what a failure means; then what the service says is at that position (its
 * word only). Bad input is said next to the field; nothing is sent but the log's public reads.
 */
import { api } from './api.js';
import { errorText } from './app.js';
import { frInstant } from './dates.js';
import { byId, clear, h, setText } from './dom.js';
import { spkiOfPem } from './merkle-verify.js';
import { checkReceipt, RESULT_WORD, type Check } from './receipt-checks.js';
import { parseReceipt } from './receipt-parse.js';
import { store } from './store.js';

const MARK = { verified: '✓', failed: '✗', unverifiable: '?' } as const;

function fieldProblem(input: HTMLElement, error: HTMLElement, problem: string | null): void {
  error.hidden = problem === null;
  setText(error, problem ?? '');
  if (problem) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

function checkLine(check: Check): HTMLElement {
  return h('li', { class: 'check', 'data-check': check.id, 'data-result': check.result }, [
    h('p', { class: 'check-head' }, [h('span', { class: `check-result check-${check.result}` }, [h('span', { 'aria-hidden': 'true', text: `${MARK[check.result]} ` }), RESULT_WORD[check.result]]), ' ', h('strong', { text: check.label })]),
    h('p', { class: 'check-detail', text: check.detail }),
  ]);
}

/** What the service's audit logs hold at that position (a framework's history gives each event's position). */
async function eventAt(position: number): Promise<HTMLElement> {
  const frameworks = store.frameworks.length ? store.frameworks : await api.frameworks();
  for (const fw of frameworks) {
    const entry = (await api.history(fw.id)).events.find((e) => e.position === position);
    if (entry) {
      return h('div', { class: 'verify-event', 'data-event-id': entry.eventId }, [
        h('p', { text: `Selon le service, la position ${position} est « ${entry.label} » dans le dispositif « ${fw.name} » : ${entry.summary}` }),
        h('p', { text: `Enregistré par ${entry.recordedBy} le ${frInstant(entry.recordedAt)}${entry.retractedBy ? ' ; retiré depuis' : entry.correctedBy.length ? ' ; corrigé depuis' : ''}.` }),
        h('p', { class: 'help', text: 'C’est la parole du service : la page ne peut pas recalculer l’empreinte de l’événement. Avec un export du journal, « governance audit --receipts … --export … » le vérifie hors ligne.' }),
      ]);
    }
  }
  return h('p', { class: 'verify-event', text: `Aucun dispositif ne montre d’événement à la position ${position} dans son journal d’audit.` });
}

async function verify(): Promise<void> {
  const input = byId<HTMLTextAreaElement>('verif-recu');
  const keyInput = byId<HTMLTextAreaElement>('verif-cle');
  const out = byId('verif-resultats');
  const parsed = parseReceipt(input.value);
  fieldProblem(input, byId('verif-recu-erreur'), parsed.ok ? null : parsed.problem);
  const kept = keyInput.value.trim() || null;
  const keyProblem = kept && !spkiOfPem(kept) ? 'Ce n’est pas une clé publique PEM : collez le texte de « -----BEGIN PUBLIC KEY----- » à « -----END PUBLIC KEY----- », ou laissez le champ vide.' : null;
  fieldProblem(keyInput, byId('verif-cle-erreur'), keyProblem);
  if (!parsed.ok || keyProblem) {
    out.hidden = true;
    (parsed.ok ? keyInput : input).focus();
    return;
  }
  const receipt = parsed.receipt;
  const button = byId<HTMLButtonElement>('verif-submit');
  button.disabled = true;
  out.setAttribute('aria-busy', 'true');
  try {
    const checks = await checkReceipt(receipt, api.log, kept);
    const failed = checks.filter((c) => c.result === 'failed').length;
    const unverifiable = checks.filter((c) => c.result === 'unverifiable').length;
    clear(out);
    out.append(
      h('h3', { id: 'verif-resultats-titre', tabindex: '-1', text: `Reçu de la position ${receipt.position}` }),
      h('p', {
        class: `verify-summary ${failed ? 'verify-failed' : 'verify-ok'}`,
        text: failed
          ? `${failed} vérification${failed > 1 ? 's' : ''} sur ${checks.length} en échec : ce reçu ne tient pas, voyez ci-dessous ce que cela signifie.`
          : `${checks.length - unverifiable} vérification${checks.length - unverifiable > 1 ? 's' : ''} sur ${checks.length} réussie${checks.length - unverifiable > 1 ? 's' : ''}${unverifiable ? ` ; ${unverifiable} non vérifiable${unverifiable > 1 ? 's' : ''}` : ''}.`,
      }),
      h('ul', { id: 'verif-liste', class: 'checks' }, checks.map(checkLine)),
      h('p', {
        class: 'help',
        text: kept
          ? 'La clé et la signature ont été vérifiées avec la clé que vous avez gardée.'
          : 'La clé et la signature ont été vérifiées avec la clé que le service donne aujourd’hui : c’est plus faible qu’avec une clé que vous avez gardée, car un service qui aurait changé de clé et signé de nouveau tout son journal passerait ce contrôle. Collez votre clé ci-dessus pour vérifier avec elle.',
      }),
      h('h4', { text: 'L’événement à cette position' }),
      h('div', { id: 'verif-evenement' }, h('p', { class: 'help', text: 'Chargement…' })),
    );
    out.hidden = false;
    byId('verif-resultats-titre').focus();
    const event = byId('verif-evenement');
    eventAt(receipt.position)
      .then((el) => event.replaceChildren(el))
      .catch((error: unknown) => event.replaceChildren(h('p', { class: 'help', text: `Le journal d’audit n’a pas pu être lu : ${errorText(error)}` })));
  } catch (error) {
    clear(out);
    out.append(h('p', { class: 'message', text: errorText(error) }));
    out.hidden = false;
  } finally {
    button.disabled = false;
    out.setAttribute('aria-busy', 'false');
  }
}

let bound = false;
export function openVerify(): void {
  if (bound) return;
  bound = true;
  byId('verif-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void verify();
  });
  const file = byId<HTMLInputElement>('verif-fichier');
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    chosen
      .text()
      .then((text) => {
        byId<HTMLTextAreaElement>('verif-recu').value = text;
        return verify();
      })
      .catch((error: unknown) => fieldProblem(file, byId('verif-recu-erreur'), `Le fichier n’a pas pu être lu : ${errorText(error)}`));
  });
}

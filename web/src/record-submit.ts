/**
 * Preview, then record: the preview is a dry run of the service (`?dryRun=true`: the same checks as
 * an append, nothing appended) showing what the fact would change on its day, or the rule that
 * refuses it next to the field; « Enregistrer » appends the very body previewed, with an
 * Idempotency-Key (a retry after a lost answer records it once) and If-Match (the revision the page
 * read). A 409 says the record moved on meanwhile and offers to reload and try again.
 */
import { ApiError, api, type AppendAnswer, type DryRunAnswer } from './api.js';
import { afterWrite, errorText, reloadModel } from './app.js';
import { authProblem, forgetIfRefused, token } from './auth.js';
import { frDay, frInstant } from './dates.js';
import { diffColumns } from './diff-view.js';
import { byId, clear, h } from './dom.js';
import type { Field } from './form-fields.js';
import { clearErrors, showFieldError, type ShownProblem } from './record-errors.js';
import { receiptCard } from './receipt-card.js';
import { problemsOf } from './refusal-words.js';
import { store } from './store.js';
import { queryOf, view } from './view-state.js';

export interface FactForm {
  form: HTMLFormElement;
  /** The data key naming the item the fact is about (where a rule without a field is shown). */
  identityKey(): string | null;
  fields(): Field[];
  /** The body to send. */
  body(): Record<string, unknown>;
  /** The prefix of the fields of the data in the body sent (a correction holds the fact's data in `data.data`). */
  dataPrefix?: string;
}

const randomKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/** Shows the problems next to their fields, and listed at the top of the form (with links to them). */
function showProblems(f: FactForm, problems: ShownProblem[], intro: string): void {
  const box = byId('fact-errors');
  clear(box);
  const items = problems.map((p) => {
    const field = p.path ? showFieldError(f.form, p.path, p.message) : null;
    const control = field?.querySelector<HTMLElement>('input, select, textarea');
    const text = Array.isArray(p.message) ? p.message : [p.message];
    return h('li', null, control ? h('a', { href: `#${control.id}`, 'data-focus': control.id }, text) : text);
  });
  box.append(h('p', { class: 'form-errors-title', text: intro }), h('ul', null, items));
  box.hidden = false;
  box.focus();
}

/** JSON as the service wrote it (not French prose: no typography). */
function jsonBlock(value: unknown): HTMLElement {
  const pre = h('pre', { class: 'receipt-json' });
  pre.textContent = JSON.stringify(value, null, 2);
  return pre;
}

function revision(): number | undefined {
  const r = store.model?.revision;
  return r !== undefined && r >= 0 ? r : undefined;
}

export function bindSubmit(f: FactForm): void {
  const previewButton = h('button', { type: 'submit', id: 'fact-preview', text: 'Prévisualiser' });
  f.form.appendChild(h('div', { class: 'form-actions' }, [previewButton, h('p', { class: 'help', text: 'L’aperçu vérifie le fait auprès du service sans rien enregistrer.' })]));
  let idempotency: { json: string; key: string } | null = null;
  let previewed: string | null = null;
  const keyFor = (json: string) => {
    if (idempotency?.json !== json) idempotency = { json, key: randomKey() };
    return idempotency.key;
  };
  const stale = () => {
    const note = document.getElementById('apercu-perime');
    const button = document.getElementById('fact-record') as HTMLButtonElement | null;
    const changed = previewed !== null && JSON.stringify(f.body()) !== previewed;
    if (note) note.hidden = !changed;
    if (button) button.disabled = changed;
  };
  f.form.addEventListener('input', stale);
  f.form.addEventListener('change', stale);
  f.form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run('preview');
  });
  byId('fact-errors').addEventListener('click', (event) => {
    const id = (event.target as Element).closest('a[data-focus]')?.getAttribute('data-focus');
    if (!id) return;
    event.preventDefault();
    document.getElementById(id)?.focus();
  });

  /** The whole exchange with the service for the body in the form: preview, or append (after a preview). */
  async function run(action: 'preview' | 'append'): Promise<void> {
    clearErrors(f.form);
    byId('fact-errors').hidden = true;
    const missing = f.fields().flatMap((field) => field.missing());
    if (missing.length) return showProblems(f, missing, `${missing.length > 1 ? `${missing.length} champs sont à remplir` : 'Un champ est à remplir'} avant l’aperçu.`);
    const body = f.body();
    const json = JSON.stringify(body);
    const framework = view.framework!;
    const options = { token: token() ?? '', idempotencyKey: keyFor(json), revision: revision() };
    previewButton.disabled = true;
    try {
      if (action === 'preview') {
        showPreview(await api.dryRun(framework, body, options));
        previewed = json;
      } else {
        showRecorded(await api.append(framework, body, options));
      }
    } catch (error) {
      refused(error, action);
    } finally {
      previewButton.disabled = false;
    }
  }

  function refused(error: unknown, action: 'preview' | 'append'): void {
    forgetIfRefused(error);
    const preview = byId('apercu');
    if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
      preview.hidden = true;
      const problems: ShownProblem[] = problemsOf(error.status, error.body, f.identityKey(), '');
      const conflicting = error.body.conflictingEventId;
      if (conflicting) {
        const position = store.history?.positionOf[conflicting];
        problems.push({
          path: problems[0]?.path ?? null,
          message: ['Il rendrait incohérent un fait déjà enregistré : ', h('a', { href: `${queryOf({ ...view, panel: null, amend: null, item: null })}#fait-${conflicting}`, text: position !== undefined ? `fait n° ${position} du journal d’audit` : 'voir le journal d’audit' }), '.'],
        });
      }
      return showProblems(f, problems, error.status === 422 ? 'Le service refuse ce fait : une règle s’y oppose. Rien n’a été enregistré.' : 'Le service ne peut pas lire ce fait : des champs sont à corriger. Rien n’a été enregistré.');
    }
    if (error instanceof ApiError && error.status === 409) return conflict(error, action);
    const result = byId('resultat');
    clear(result);
    result.appendChild(h('p', { class: 'message', role: 'alert', text: authProblem(error) ?? errorText(error) }));
  }

  /** 409: the record moved on since the page read it; reload it, then try the same fact again. */
  function conflict(error: ApiError, action: 'preview' | 'append'): void {
    const result = byId('resultat');
    clear(result);
    const retry = h('button', { type: 'button', id: 'fact-retry', text: 'Recharger et réessayer' });
    const seen = revision();
    result.appendChild(
      h('div', { class: 'message conflict-box', role: 'alert' }, [
        h('p', { text: `Le registre a changé depuis votre lecture : vous l’aviez lu à la révision ${seen ?? '?'}, il en est à la révision ${error.body.currentRevision ?? '?'} (un autre enregistrement a eu lieu entre-temps). Rien n’a été enregistré.` }),
        h('p', { text: 'Recharger lit le registre tel qu’il est maintenant, puis vérifie et enregistre de nouveau le même fait.' }),
        retry,
      ]),
    );
    retry.focus();
    retry.addEventListener('click', async () => {
      retry.disabled = true;
      try {
        await reloadModel();
        clear(result);
        await run('preview');
        if (action === 'append' && previewed === JSON.stringify(f.body()) && !byId('apercu').hidden) await run('append');
      } catch (e) {
        result.appendChild(h('p', { class: 'message', text: errorText(e) }));
      }
    });
  }

  function showPreview(answer: DryRunAnswer): void {
    const body = f.body() as { effectiveDate?: unknown; data?: { effectiveDate?: unknown } };
    // The fact's date as typed (a correction's new date, when it has one).
    const typed = body.data?.effectiveDate ?? body.effectiveDate;
    const factDate = typeof typed === 'string' ? typed : undefined;
    const preview = byId('apercu');
    clear(preview);
    byId('resultat').replaceChildren();
    const record = h('button', { type: 'button', id: 'fact-record', text: 'Enregistrer' });
    record.addEventListener('click', () => void run('append'));
    preview.append(
      h('h3', { id: 'apercu-titre', tabindex: '-1', text: 'Aperçu : ce que ce fait changerait' }),
      h('p', { class: 'preview-verdict', text: `Aucune règle ne s’y oppose : le fait peut être enregistré (registre à la révision ${answer.revision}). Rien n’est encore écrit.` }),
      ...answer.changes.map((change, i) => {
        const empty = !change.diff.cameIntoForce.length && !change.diff.ended.length && !change.diff.changed.length;
        return h('section', { class: 'preview-day', 'aria-labelledby': `apercu-jour-${i}`, 'data-day': change.day }, [
          h('h4', { id: `apercu-jour-${i}`, text: `Le ${frDay(change.day)}` }),
          empty ? h('p', { class: 'help', text: 'Aucun changement de l’état ce jour-là.' }) : diffColumns(change.diff, `apercu-${i}-`, 'h5', (e) => (e.since === change.day ? factDate : undefined)),
        ]);
      }),
      h('p', { id: 'apercu-perime', class: 'message', hidden: true, text: 'Le formulaire a changé depuis cet aperçu : prévisualisez à nouveau avant d’enregistrer.' }),
      h('div', { class: 'form-actions' }, [record, h('p', { class: 'help', text: 'Enregistre ce fait tel qu’il est ci-dessus, en votre nom.' })]),
    );
    preview.hidden = false;
    preview.setAttribute('data-days', answer.days.join(' '));
    byId('apercu-titre').focus();
  }

  function showRecorded(answer: AppendAnswer): void {
    store.lastRecorded = answer;
    const day = byId('apercu').getAttribute('data-days')?.split(' ')[0] || null;
    f.form.hidden = true;
    byId('apercu').hidden = true;
    const result = byId('resultat');
    clear(result);
    const main = { ...view, panel: null, amend: null, item: null };
    const again = h('button', { type: 'button', class: 'secondary', id: 'fact-again', text: 'Enregistrer un autre fait' });
    again.addEventListener('click', () => {
      byId('saisie').dispatchEvent(new CustomEvent('record-again', { bubbles: true }));
    });
    result.append(
      h('div', { class: 'success', 'data-event-id': answer.eventId }, [
        h('h3', { id: 'resultat-titre', tabindex: '-1', text: answer.replayed ? 'Fait déjà enregistré' : 'Fait enregistré' }),
        h('p', { text: `${answer.replayed ? 'Ce fait était déjà enregistré (même demande) : rien n’a été ajouté. ' : ''}N° ${answer.position} du journal, révision ${answer.revision}, le ${frInstant(answer.recordedAt)}.` }),
        h('ul', { class: 'success-links' }, [
          day ? h('li', null, h('a', { id: 'voir-etat', href: queryOf({ ...main, at: day }), 'data-day': day, text: `Voir l’état au ${frDay(day)}` })) : null,
          h('li', null, h('a', { id: 'voir-journal', href: `${queryOf(main)}#fait-${answer.eventId}`, 'data-event-id': answer.eventId, text: 'Voir dans le journal d’audit' })),
        ]),
        // The service's answer, kept whole.
        receiptCard(answer),
        h('details', { class: 'receipt' }, [h('summary', { text: 'Réponse du service' }), jsonBlock(answer)]),
        again,
      ]),
    );
    byId('resultat-titre').focus();
    void afterWrite(answer.position);
  }
}

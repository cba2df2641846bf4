/**
 * « Créer un dispositif »: its id, name, description, territory, date of creation and source, as
 * the service's schema of a new framework describes them; once created, the page shows it.
 */
import { ApiError, api } from './api.js';
import { changeView, errorText } from './app.js';
import { authProblem, forgetIfRefused, signedIn, token } from './auth.js';
import { byId, clear, h } from './dom.js';
import type { Field } from './form-fields.js';
import { showMessage } from './messages.js';
import { clearErrors, showFieldError } from './record-errors.js';
import { problemsOf, type Problem } from './refusal-words.js';
import { objectFields } from './record-schema.js';
import { receiptCard } from './receipt-card.js';
import { store } from './store.js';

function read(fields: Field[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.path, f.read()]).filter(([, v]) => v !== undefined));
}

export function openCreateFramework(): void {
  const out = byId('creer-contenu');
  clear(out);
  if (!signedIn()) {
    out.appendChild(
      h('p', { class: 'message', role: 'status' }, ['Connectez-vous d’abord : ', h('a', { href: '?panel=record', 'data-panel': 'record', text: 'se connecter avec un jeton' }), '.']),
    );
    return;
  }
  out.setAttribute('aria-busy', 'true');
  (store.catalogue ? Promise.resolve(store.catalogue) : api.eventTypes())
    .then((catalogue) => {
      store.catalogue = catalogue;
      const fields = objectFields(catalogue.createFramework, '', { model: null, identity: { key: 'id', kind: 'framework', creates: true } });
      const errors = h('div', { id: 'creer-erreurs', class: 'form-errors', tabindex: '-1', hidden: true });
      const submit = h('button', { type: 'submit', id: 'creer-submit', text: 'Créer le dispositif' });
      const form = h('form', { id: 'creer-form', class: 'fact-form', novalidate: true }, [errors, fields.map((f) => f.element), h('div', { class: 'form-actions' }, submit)]);
      let key: string | null = null;
      let lastJson = '';
      /** Shows the problems next to their fields, and listed at the top of the form. */
      const refuse = (problems: Problem[]) => {
        clear(errors);
        errors.append(
          h('p', { class: 'form-errors-title', text: 'Le dispositif n’a pas été créé.' }),
          h('ul', null, problems.map((p) => {
            if (p.path) showFieldError(form, p.path, p.message);
            return h('li', { text: p.message });
          })),
        );
        errors.hidden = false;
        errors.focus();
      };
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        clearErrors(form);
        errors.hidden = true;
        const missing = fields.flatMap((f) => f.missing());
        if (missing.length) return refuse(missing);
        const body = read(fields);
        const json = JSON.stringify(body);
        // A retry of the same body is the same request (Idempotency-Key): the framework is created once.
        if (json !== lastJson) key = crypto.randomUUID();
        lastJson = json;
        submit.disabled = true;
        try {
          const created = await api.createFramework(body, { token: token() ?? '', idempotencyKey: key ?? undefined });
          store.frameworks = await api.frameworks();
          const select = byId<HTMLSelectElement>('framework');
          clear(select);
          for (const f of store.frameworks) select.appendChild(h('option', { value: f.id, text: f.name }));
          changeView({ framework: created.id, at: null, panel: null, item: null, amend: null, knownAt: null, diffShown: false }, 'push');
          showMessage(`Dispositif « ${created.name} » créé (${created.id}) : son premier fait est sa création.`, receiptCard(created, 'p'));
        } catch (error) {
          forgetIfRefused(error);
          refuse(
            error instanceof ApiError && (error.status === 400 || error.status === 422)
              ? problemsOf(error.status, error.body, 'id', '')
              : error instanceof ApiError && error.status === 409
                ? [{ path: 'id', message: 'Un dispositif porte déjà cet identifiant : choisissez-en un autre.' }]
                : [{ path: null, message: authProblem(error) ?? errorText(error) }],
          );
        } finally {
          submit.disabled = false;
        }
      });
      clear(out);
      out.appendChild(form);
    })
    .catch((error: unknown) => showMessage(errorText(error)))
    .finally(() => out.setAttribute('aria-busy', 'false'));
}

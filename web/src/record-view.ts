/**
 * « Enregistrer un fait »: sign in with a token (kept for the tab), choose the kind of fact, fill
 * the fields made for it from the service's catalogue, give its source; then the preview (a dry
 * run) shows what the fact would change and whether a rule refuses it, and « Enregistrer » appends
 * it (record-submit.ts). From the audit log, the same view corrects or retracts a fact (amend.ts).
 */
import { api } from './api.js';
import { ensureDocuments, ensureHistory, errorText } from './app.js';
import { amendForm } from './amend.js';
import { authProblem, signedIn, signIn } from './auth.js';
import { byId, clear, h, setText } from './dom.js';
import { selectField, type Field } from './form-fields.js';
import { buildModel } from './items-model.js';
import { showMessage } from './messages.js';
import { objectFields, fieldFor } from './record-schema.js';
import { bindSubmit, type FactForm } from './record-submit.js';
import { currentFramework, store, type TimelineModel } from './store.js';
import { view } from './view-state.js';

/** Kinds of facts recorded here (creating a framework has its own view; corrections start from the audit log). */
const HIDDEN_TYPES = new Set(['FrameworkEstablished', 'FactCorrected', 'FactRetracted']);

/** The framework as the record stands now (the lists to choose from), whatever « connu au » shows. */
export async function currentModel(): Promise<TimelineModel | null> {
  if (!view.framework) return null;
  if (store.model && store.model.knownAt === null && store.model.frameworkId === view.framework) return store.model;
  return buildModel(await api.items(view.framework, null));
}

/** The source of every fact: document, quoted passage, confidence, note (required for an inferred fact). */
export function sourceFields(model: TimelineModel | null): Field[] {
  const schema = store.catalogue!.source;
  const fields = objectFields(schema, 'source', { model, identity: null });
  const document = fields.find((f) => f.path === 'source.document') as (Field & { input?: HTMLInputElement }) | undefined;
  if (document?.input && store.documents) {
    const id = `${document.input.id}-documents`;
    document.input.setAttribute('list', id);
    document.element.appendChild(h('datalist', { id }, [...store.documents].map(([ref, title]) => h('option', { value: ref, label: title ?? ref }))));
  }
  const confidence = fields.find((f) => f.path === 'source.confidence');
  const note = fields.find((f) => f.path === 'source.note');
  if (confidence && note) {
    const missing = note.missing;
    note.missing = () => (confidence.read() === 'inferred' && note.read() === undefined ? [{ path: note.path, message: 'Un fait déduit dit pourquoi : la note est obligatoire.' }] : missing());
  }
  return fields;
}

function signInState(): void {
  const inside = signedIn();
  byId('connexion').hidden = inside;
  byId('saisie').hidden = !inside;
}

export function bindSignIn(onSignedIn: () => void): void {
  const form = byId<HTMLFormElement>('signin-form');
  const input = byId<HTMLInputElement>('signin-token');
  const error = byId('signin-erreur');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.hidden = true;
    input.removeAttribute('aria-invalid');
    if (!input.value.trim()) {
      setText(error, 'Saisissez votre jeton.');
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    const button = byId<HTMLButtonElement>('signin-submit');
    button.disabled = true;
    signIn(input.value, view.framework)
      .then(() => {
        input.value = '';
        onSignedIn();
      })
      .catch((e: unknown) => {
        setText(error, authProblem(e) ?? errorText(e));
        error.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      })
      .finally(() => (button.disabled = false));
  });
}

/** The form of a new fact: its type, its date, its data (made from the type's schema), its source. */
function factForm(model: TimelineModel | null): FactForm {
  const catalogue = store.catalogue!;
  const types = catalogue.types.filter((t) => !HIDDEN_TYPES.has(t.type));
  const type = selectField('type', 'Type de fait', types.map((t) => ({ value: t.type, label: t.label })), {
    required: true,
    help: 'Les champs qui suivent sont ceux de ce type de fait.',
  });
  type.select.id = 'fact-type';
  type.element.querySelector('label')!.htmlFor = 'fact-type';
  const dataBox = h('div', { class: 'fact-data' });
  let fields: Field[] = [];
  const effective = fieldFor('effectiveDate', catalogue.effectiveDate, 'effectiveDate', true, { model, identity: null });
  effective.element.querySelector('label')!.textContent = 'Date du fait';
  const build = () => {
    const definition = catalogue.types.find((t) => t.type === type.select.value);
    clear(dataBox);
    fields = definition ? objectFields(definition.data, 'data', { model, identity: definition.identity }) : [];
    for (const f of fields) dataBox.appendChild(f.element);
  };
  type.select.addEventListener('change', build);
  const source = sourceFields(model);
  const form = h('form', { id: 'fact-form', class: 'fact-form', novalidate: true }, [
    type.element,
    effective.element,
    dataBox,
    h('fieldset', { class: 'form-group source-group', 'data-field': 'source' }, [
      h('legend', { text: 'Source du fait' }),
      h('p', { class: 'help', text: 'D’où vient le fait : le document, le passage recopié mot pour mot, et si la source le dit (énoncé) ou si on le déduit (déduit, avec la note qui dit pourquoi).' }),
      source.map((f) => f.element),
    ]),
  ]);
  return {
    form,
    identityKey: () => catalogue.types.find((t) => t.type === type.select.value)?.identity?.key ?? null,
    fields: () => [type, effective, ...fields, ...source],
    body: () => ({
      type: type.read(),
      effectiveDate: effective.read(),
      data: Object.fromEntries(fields.map((f) => [f.path.slice('data.'.length), f.read()]).filter(([, v]) => v !== undefined)),
      source: Object.fromEntries(source.map((f) => [f.path.slice('source.'.length), f.read()]).filter(([, v]) => v !== undefined)),
    }),
  };
}

let bound = false;
/** A later opening of the view wins over one still loading. */
let opening = 0;

/** Shows the recording view: the sign-in, or the form (a new fact, or a correction or retraction of one). */
export async function openRecord(): Promise<void> {
  const fw = currentFramework();
  setText(byId('enregistrer-dispositif'), fw ? `Dispositif : ${fw.name} (${fw.id}). Rien n’est écrit avant « Enregistrer » ; l’aperçu ne change rien.` : '');
  setText(byId('enregistrer-titre'), view.amend ? (view.amend.action === 'correct' ? 'Corriger un fait' : 'Retirer un fait') : 'Enregistrer un fait');
  if (!bound) {
    bound = true;
    bindSignIn(() => void openRecord().then(() => byId<HTMLElement>('fact-form').querySelector<HTMLElement>('select, input, textarea')?.focus()));
  }
  signInState();
  if (!signedIn()) return;
  const out = byId('saisie');
  const mine = ++opening;
  clear(out);
  out.setAttribute('aria-busy', 'true');
  try {
    const [catalogue, model] = await Promise.all([store.catalogue ?? api.eventTypes(), currentModel(), ensureDocuments(), view.amend ? ensureHistory() : null]);
    store.catalogue = catalogue;
    if (mine !== opening) return;
    const form = view.amend ? amendForm(view.amend, model) : factForm(model);
    if (!form) return;
    clear(out);
    out.append(
      h('div', { id: 'fact-errors', class: 'form-errors', tabindex: '-1', hidden: true }),
      form.form,
      h('section', { id: 'apercu', class: 'preview', 'aria-labelledby': 'apercu-titre', hidden: true }),
      h('div', { id: 'resultat' }),
    );
    bindSubmit(form);
  } catch (error) {
    showMessage(errorText(error));
  } finally {
    out.setAttribute('aria-busy', 'false');
  }
}

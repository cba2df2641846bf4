/**
 * The fields of the page's forms (recording a fact, creating a framework): each a labelled control
 * with its help, its error next to it, and what it holds (`read`: the value to send, undefined when
 * left empty). Fields are found by their path in the body sent (`data.parties.0.kind`), the same
 * path the service names in its answers, so that a refusal is shown next to the field it names.
 */
import { h, setText } from './dom.js';
import { readEdtf } from './edtf-reading.js';

export interface Field {
  path: string;
  element: HTMLElement;
  required: boolean;
  read(): unknown;
  write(value: unknown): void;
  /** The control that takes the focus (the first one of a group). */
  control(): HTMLElement | null;
  /** Required fields left empty (checked before anything is sent). */
  missing(): { path: string; message: string }[];
}
export interface Choice {
  value: string;
  label: string;
}

let counter = 0;
/** An id for the control of a path (unique in the page). */
export const idFor = (path: string) => `champ-${++counter}-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;

const EMPTY = { path: '', message: '' };
const optionalMark = (required: boolean) => (required ? null : h('span', { class: 'optional', text: ' (facultatif)' }));

/** The label, the help and the place of the error of a field. */
function frame(path: string, label: string, required: boolean, help: string | undefined, control: HTMLElement, extra: HTMLElement[] = []): HTMLElement {
  const id = control.id;
  const described = [help ? `${id}-aide` : '', ...extra.map((e) => e.id)].filter(Boolean).join(' ');
  if (described) control.setAttribute('aria-describedby', described);
  if (required) control.setAttribute('aria-required', 'true');
  return h('div', { class: 'field form-field', 'data-field': path }, [
    h('label', { for: id }, [label, optionalMark(required)]),
    control,
    help ? h('p', { class: 'help', id: `${id}-aide`, text: help }) : null,
    extra,
    h('p', { class: 'field-error', id: `${id}-erreur`, hidden: true }),
  ]);
}

const blank = (path: string, required: boolean, empty: boolean) => (required && empty ? [{ ...EMPTY, path, message: 'Ce champ est obligatoire.' }] : []);

export function textField(path: string, label: string, options: { required: boolean; help?: string; multiline?: boolean; maxLength?: number; list?: Choice[] }): Field & { input: HTMLInputElement | HTMLTextAreaElement } {
  const id = idFor(path);
  const input = options.multiline
    ? h('textarea', { id, name: path, rows: 3, maxlength: options.maxLength ?? null })
    : h('input', { id, name: path, type: 'text', maxlength: options.maxLength ?? null, autocomplete: 'off', list: options.list ? `${id}-liste` : null });
  const list = options.list ? h('datalist', { id: `${id}-liste` }, options.list.map((c) => h('option', { value: c.value, label: c.label }))) : null;
  const element = frame(path, label, options.required, options.help, input);
  if (list) element.appendChild(list);
  return {
    path,
    element,
    input,
    required: options.required,
    read: () => (input.value.trim() === '' ? undefined : input.value.trim()),
    write: (value) => void (input.value = value === undefined || value === null ? '' : String(value)),
    control: () => input,
    missing: () => blank(path, options.required, input.value.trim() === ''),
  };
}

export function selectField(path: string, label: string, choices: Choice[], options: { required: boolean; help?: string; empty?: string }): Field & { select: HTMLSelectElement } {
  const select = h('select', { id: idFor(path), name: path }, [
    h('option', { value: '', text: options.empty ?? (options.required ? '— Choisir —' : '— Aucun —') }),
    choices.map((c) => h('option', { value: c.value, text: c.label })),
  ]);
  return {
    path,
    element: frame(path, label, options.required, options.help, select),
    select,
    required: options.required,
    read: () => select.value || undefined,
    write: (value) => void (select.value = typeof value === 'string' ? value : ''),
    control: () => select,
    missing: () => blank(path, options.required, select.value === ''),
  };
}

/** An EDTF date, with examples and a reading in plain words of what is typed. */
export function edtfField(path: string, label: string, options: { required: boolean; help?: string }): Field & { input: HTMLInputElement } {
  const id = idFor(path);
  const input = h('input', { id, name: path, type: 'text', autocomplete: 'off', spellcheck: 'false', inputmode: 'text', class: 'edtf-input' });
  const reading = h('p', { class: 'edtf-reading', id: `${id}-lecture` });
  const help = options.help ?? 'Comme la source la donne : « 2006 », « 198X » (années 1980), « 2011/2014 » (entre 2011 et 2014), « 2006-05 » (mai 2006), « 1994-07-25 » (au jour près).';
  const update = () => {
    const r = readEdtf(input.value);
    setText(reading, r.text);
    reading.classList.toggle('edtf-unknown', !r.known && r.text !== '');
  };
  input.addEventListener('input', update);
  return {
    path,
    element: frame(path, label, options.required, help, input, [reading]),
    input,
    required: options.required,
    read: () => (input.value.trim() === '' ? undefined : input.value.trim()),
    write: (value) => {
      input.value = typeof value === 'string' ? value : '';
      update();
    },
    control: () => input,
    missing: () => blank(path, options.required, input.value.trim() === ''),
  };
}

export function checkboxGroup(path: string, label: string, choices: Choice[], options: { required: boolean; help?: string }): Field {
  const boxes = choices.map((c) => {
    const id = idFor(`${path}-${c.value}`);
    return { value: c.value, input: h('input', { type: 'checkbox', id, name: path, value: c.value }), id, label: c.label };
  });
  const element = h('fieldset', { class: 'field form-field form-group', 'data-field': path }, [
    h('legend', null, [label, optionalMark(options.required)]),
    options.help ? h('p', { class: 'help', text: options.help }) : null,
    h('div', { class: 'checkboxes' }, boxes.map((b) => h('div', { class: 'checkbox' }, [b.input, h('label', { for: b.id, text: b.label })]))),
    h('p', { class: 'field-error', id: `${idFor(path)}-erreur`, hidden: true }),
  ]);
  const checked = () => boxes.filter((b) => b.input.checked).map((b) => b.value);
  return {
    path,
    element,
    required: options.required,
    read: () => (checked().length ? checked() : undefined),
    write: (value) => boxes.forEach((b) => (b.input.checked = Array.isArray(value) && value.includes(b.value))),
    control: () => boxes[0]?.input ?? null,
    missing: () => (options.required && !checked().length ? [{ path, message: 'Cochez au moins une case.' }] : []),
  };
}

/** Fields that make one object (a fieldset with a legend when `legend` is given). */
export function groupField(path: string, legend: string | null, children: Field[], options: { required: boolean; help?: string } = { required: true }): Field {
  const element = legend
    ? h('fieldset', { class: 'form-group', 'data-field': path }, [
        h('legend', null, [legend, optionalMark(options.required)]),
        options.help ? h('p', { class: 'help', text: options.help }) : null,
        children.map((c) => c.element),
        h('p', { class: 'field-error', id: `${idFor(path)}-erreur`, hidden: true }),
      ])
    : h('div', { class: 'form-group-plain', 'data-field': path }, children.map((c) => c.element));
  const read = () => {
    const value: Record<string, unknown> = {};
    for (const child of children) {
      const v = child.read();
      if (v !== undefined) value[child.path.slice(child.path.lastIndexOf('.') + 1)] = v;
    }
    return Object.keys(value).length ? value : undefined;
  };
  return {
    path,
    element,
    required: options.required,
    read,
    write: (value) => {
      const v = (value ?? {}) as Record<string, unknown>;
      for (const child of children) child.write(v[child.path.slice(child.path.lastIndexOf('.') + 1)]);
    },
    control: () => children[0]?.control() ?? null,
    // An optional group left empty is left out; begun, its required fields are needed.
    missing: () => (!options.required && read() === undefined ? [] : children.flatMap((c) => c.missing())),
  };
}

/** A list of entries (signatories, versions of a source, findings…), each added or removed with a button. */
export function listField(
  path: string,
  legend: string,
  make: (itemPath: string, index: number) => Field,
  options: { min: number; help?: string; add: string; itemLabel: string },
): Field {
  const rows: { field: Field; row: HTMLElement }[] = [];
  const container = h('ol', { class: 'form-list' });
  const error = h('p', { class: 'field-error', id: `${idFor(path)}-erreur`, hidden: true });
  const renumber = () =>
    rows.forEach(({ row }, i) => {
      const remove = row.querySelector<HTMLButtonElement>('.remove-entry');
      if (remove) setText(remove.querySelector('.sr-only')!, ` : ${options.itemLabel} ${i + 1}`);
    });
  const addRow = () => {
    const field = make(`${path}.${rows.length}`, rows.length);
    const remove = h('button', { type: 'button', class: 'secondary remove-entry' }, ['Retirer', h('span', { class: 'sr-only' })]);
    const row = h('li', { class: 'form-list-entry' }, [field.element, remove]);
    remove.addEventListener('click', () => {
      const i = rows.findIndex((r) => r.row === row);
      rows.splice(i, 1);
      row.remove();
      // Paths follow the order (the service names entries by their index).
      rows.forEach((r, k) => rewritePaths(r.row, `${path}.`, k));
      renumber();
      (rows[Math.min(i, rows.length - 1)]?.field.control() ?? addButton).focus();
    });
    rows.push({ field, row });
    container.appendChild(row);
    renumber();
    return field;
  };
  const addButton = h('button', { type: 'button', class: 'secondary add-entry', text: options.add });
  addButton.addEventListener('click', () => addRow().control()?.focus());
  for (let i = 0; i < Math.max(options.min, 1); i++) addRow();
  const element = h('fieldset', { class: 'form-group form-list-group', 'data-field': path }, [
    h('legend', { text: legend }),
    options.help ? h('p', { class: 'help', text: options.help }) : null,
    container,
    addButton,
    error,
  ]);
  const values = () => rows.map((r) => r.field.read()).filter((v) => v !== undefined);
  return {
    path,
    element,
    required: options.min > 0,
    read: () => (values().length ? values() : undefined),
    write: (value) => {
      const list = Array.isArray(value) ? value : [];
      while (rows.length < list.length) addRow();
      rows.forEach((r, i) => r.field.write(list[i]));
    },
    control: () => rows[0]?.field.control() ?? addButton,
    missing: () => {
      const filled = rows.filter((r) => r.field.read() !== undefined);
      const inside = filled.flatMap((r) => r.field.missing());
      return filled.length < options.min ? [...inside, { path, message: `Au moins ${options.min} entrée${options.min > 1 ? 's' : ''}.` }] : inside;
    },
  };
}

/** After a removal, the entries' paths follow their new index. */
function rewritePaths(row: HTMLElement, prefix: string, index: number): void {
  const re = new RegExp(`^${prefix.replace(/[.]/g, '\\.')}\\d+`);
  for (const el of [row, ...row.querySelectorAll<HTMLElement>('[data-field]')]) {
    const path = el.getAttribute('data-field');
    if (path && re.test(path)) el.setAttribute('data-field', path.replace(re, `${prefix}${index}`));
  }
}

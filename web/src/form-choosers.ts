/**
 * Fields that choose among what the framework already holds: a convention, a party, a mission…
 * (from its own lists), a signatory known or new, figures kept as data (name and value).
 */
import { h } from './dom.js';
import { frDay } from './dates.js';
import { groupField, idFor, selectField, textField, type Choice, type Field } from './form-fields.js';
import { slug } from './slug.js';
import type { ModelItem, TimelineModel } from './store.js';

/** « Convention cadre 2003 - 2005 (du 1er janvier 2003 au 31 décembre 2007) »: an item and the span it was in force. */
function itemChoice(item: ModelItem): Choice {
  const first = item.runs[0];
  const last = item.runs[item.runs.length - 1];
  const span = first ? ` (${last.to ? `du ${frDay(first.from)} au ${frDay(last.to)}` : `depuis le ${frDay(first.from)}`})` : '';
  return { value: item.id, label: `${item.name}${item.kind === 'convention' || item.kind === 'party' ? span : ''}` };
}

export function itemChoices(model: TimelineModel, kind: string): Choice[] {
  return model.items.filter((it) => it.kind === kind).map(itemChoice);
}

/** One item of the framework, chosen in its list. */
export function itemPicker(path: string, label: string, model: TimelineModel, kind: string, options: { required: boolean; help?: string }): Field {
  return selectField(path, label, itemChoices(model, kind), options);
}

const NEW = '__nouveau__';

/** A signatory: one the framework knows (its id, name and kind as recorded), or a new one described here. */
export function partyChooser(path: string, label: string, model: TimelineModel, kinds: Choice[], options: { required: boolean }): Field {
  const known = model.items.filter((it) => it.kind === 'party');
  const id = idFor(path);
  const select = h('select', { id, name: path, 'aria-describedby': `${id}-aide` }, [
    h('option', { value: '', text: '— Choisir —' }),
    known.length ? h('optgroup', { label: 'Signataires du dispositif' }, known.map((p) => h('option', { value: p.id, text: p.name }))) : null,
    h('option', { value: NEW, text: 'Nouveau signataire…' }),
  ]);
  const newId = textField(`${path}.id`, 'Identifiant du nouveau signataire', { required: true, help: 'Lettres minuscules, chiffres et tirets : « aubagne », « caf13 ».', maxLength: 64 });
  const newName = textField(`${path}.name`, 'Nom', { required: true, maxLength: 300 });
  const newKind = selectField(`${path}.kind`, 'Nature', kinds, { required: true });
  const fresh = groupField(`${path}`, null, [newName, newId, newKind]);
  const freshBox = h('div', { class: 'new-party', hidden: true }, fresh.element);
  followName(newName.input, newId.input);
  const show = () => {
    freshBox.hidden = select.value !== NEW;
  };
  select.addEventListener('change', show);
  const element = h('div', { class: 'field form-field party-chooser', 'data-field': path }, [
    h('label', { for: id }, label),
    select,
    h('p', { class: 'help', id: `${id}-aide`, text: 'Un signataire déjà enregistré (son nom et sa nature sont repris), ou un nouveau.' }),
    h('p', { class: 'field-error', hidden: true }),
    freshBox,
  ]);
  const read = () => {
    if (select.value === NEW) return fresh.read();
    const party = known.find((p) => p.id === select.value);
    const v = party ? (party.versions[party.versions.length - 1].view as unknown as { id: string; name: string; kind: string }) : undefined;
    return v ? { id: v.id, name: v.name, kind: v.kind } : undefined;
  };
  return {
    path,
    element,
    required: options.required,
    read,
    write: (value) => {
      const v = value as { id?: string } | undefined;
      if (v?.id && known.some((p) => p.id === v.id)) select.value = v.id;
      else if (v?.id) {
        select.value = NEW;
        fresh.write(v);
      } else select.value = '';
      show();
    },
    control: () => select,
    missing: () => (select.value === NEW ? fresh.missing() : options.required && !select.value ? [{ path, message: 'Choisissez un signataire.' }] : []),
  };
}

/** The id follows the name until the reader writes one of their own. */
export function followName(name: HTMLInputElement | HTMLTextAreaElement, id: HTMLInputElement | HTMLTextAreaElement): void {
  let own = false;
  id.addEventListener('input', () => (own = id.value !== ''));
  name.addEventListener('input', () => {
    if (!own) id.value = slug(name.value);
  });
}

/** Figures kept as data: rows of a name and a value (a number when it reads as one). */
export function figuresField(path: string, label: string, options: { help?: string }): Field {
  const rows: { key: HTMLInputElement; value: HTMLInputElement; row: HTMLElement }[] = [];
  const list = h('ol', { class: 'form-list figures-list' });
  const add = () => {
    const n = rows.length + 1;
    const keyId = idFor(`${path}-nom-${n}`);
    const valueId = idFor(`${path}-valeur-${n}`);
    const key = h('input', { id: keyId, type: 'text', autocomplete: 'off' });
    const value = h('input', { id: valueId, type: 'text', autocomplete: 'off' });
    const row = h('li', { class: 'figure-row' }, [
      h('div', { class: 'field' }, [h('label', { for: keyId, text: `Chiffre ${n} : nom` }), key]),
      h('div', { class: 'field' }, [h('label', { for: valueId, text: `Chiffre ${n} : valeur` }), value]),
    ]);
    rows.push({ key, value, row });
    list.appendChild(row);
    return key;
  };
  add();
  const more = h('button', { type: 'button', class: 'secondary add-entry', text: 'Ajouter un chiffre' });
  more.addEventListener('click', () => add().focus());
  const read = () => {
    const out: Record<string, string | number> = {};
    for (const r of rows) {
      const k = r.key.value.trim();
      const v = r.value.value.trim();
      if (k && v) out[k] = /^-?\d+(?:[.,]\d+)?$/.test(v) ? Number(v.replace(',', '.')) : v;
    }
    return Object.keys(out).length ? out : undefined;
  };
  return {
    path,
    element: h('fieldset', { class: 'form-group', 'data-field': path }, [
      h('legend', null, [label, h('span', { class: 'optional', text: ' (facultatif)' })]),
      options.help ? h('p', { class: 'help', text: options.help }) : null,
      list,
      more,
      h('p', { class: 'field-error', hidden: true }),
    ]),
    required: false,
    read,
    write: (value) => {
      const entries = Object.entries((value ?? {}) as Record<string, unknown>);
      while (rows.length < entries.length) add();
      rows.forEach((r, i) => {
        r.key.value = entries[i]?.[0] ?? '';
        r.value.value = entries[i] ? String(entries[i][1]) : '';
      });
    },
    control: () => rows[0].key,
    missing: () => [],
  };
}

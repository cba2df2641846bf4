/**
 * Correcting or retracting a recorded fact (admins), from its entry in the audit log: the fact as
 * the record holds it, the reason, the source of the correction; for a correction, its date and
 * data to change (the item it is about cannot change: the service refuses it). Only what changed is
 * sent: the service applies a correction over the fact's data.
 */
import type { AuditEntry } from './api-types.js';
import { dateLabel } from './dates.js';
import { h } from './dom.js';
import { edtfField, groupField, textField, type Field } from './form-fields.js';
import { objectFields } from './record-schema.js';
import type { FactForm } from './record-submit.js';
import { sourceFields } from './record-view.js';
import { store, type TimelineModel } from './store.js';
import type { Amend } from './view-state.js';

/** The fact as the record holds it: its date and data with the corrections already recorded. */
function asRecorded(target: AuditEntry): { effectiveDate: string; data: Record<string, unknown> } {
  let effectiveDate = target.effectiveDate;
  let data = { ...target.data };
  for (const id of target.correctedBy) {
    const correction = store.history?.byId.get(id)?.data as { effectiveDate?: string; data?: Record<string, unknown> } | undefined;
    if (correction?.effectiveDate) effectiveDate = correction.effectiveDate;
    if (correction?.data) data = { ...data, ...correction.data };
  }
  return { effectiveDate, data };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function amendForm(amend: Amend, model: TimelineModel | null): FactForm | null {
  const target = store.history?.byId.get(amend.eventId);
  const catalogue = store.catalogue!;
  if (!target) {
    const form = h('form', { id: 'fact-form', novalidate: true }, h('p', { class: 'message', role: 'alert', text: `Aucun fait ${amend.eventId} dans ce dispositif.` }));
    return { form, identityKey: () => null, fields: () => [], body: () => ({}) };
  }
  const recorded = asRecorded(target);
  const definition = catalogue.types.find((t) => t.type === target.type);
  const intro = h('div', { class: 'amend-target', 'data-event-id': target.eventId }, [
    h('p', null, [`Fait n° ${target.position} du journal : `, h('strong', { text: target.label }), ` — ${target.summary}`]),
    h('p', { class: 'item-meta', text: `Date d’effet : ${dateLabel(recorded.effectiveDate)} ; enregistré par ${target.recordedBy}.` }),
  ]);
  const reason = textField('data.reason', amend.action === 'correct' ? 'Motif de la correction' : 'Motif du retrait', {
    required: true,
    multiline: true,
    maxLength: 2000,
    help: 'Pourquoi : il reste au journal d’audit, avec la correction ou le retrait.',
  });
  const source = sourceFields(model);
  const sourceBox = h('fieldset', { class: 'form-group source-group', 'data-field': 'source' }, [
    h('legend', { text: amend.action === 'correct' ? 'Source de la correction' : 'Source du retrait' }),
    source.map((f) => f.element),
  ]);
  if (amend.action === 'retract') {
    const form = h('form', { id: 'fact-form', class: 'fact-form', novalidate: true }, [
      intro,
      h('p', { class: 'help', text: 'Le fait reste au journal, marqué retiré ; l’état ne le compte plus, à toutes les dates. « Connu au » montre le registre d’avant.' }),
      reason.element,
      sourceBox,
    ]);
    return {
      form,
      identityKey: () => null,
      fields: () => [reason, ...source],
      body: () => ({
        type: 'FactRetracted',
        effectiveDate: recorded.effectiveDate,
        data: { eventId: target.eventId, reason: reason.read() },
        source: valuesOf(source, 'source.'),
      }),
    };
  }
  const date = edtfField('data.effectiveDate', 'Date d’effet', { required: true });
  date.write(recorded.effectiveDate);
  // The data of the fact, as its type describes it; the item it is about cannot change.
  const key = definition?.identity?.key ?? null;
  const fields: Field[] = definition ? objectFields(definition.data, 'data.data', { model, identity: definition.identity ? { ...definition.identity, creates: false } : null }) : [];
  const data = groupField('data.data', 'Données du fait', fields, { required: false, help: 'Changez ce qui est à corriger ; le reste est gardé tel quel.' });
  data.write(recorded.data);
  for (const field of fields) {
    if (field.path !== `data.data.${key}`) continue;
    field.element.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select, textarea').forEach((control) => (control.disabled = true));
    field.element.appendChild(h('p', { class: 'help', text: 'L’élément dont parle le fait ne se corrige pas : retirez le fait et enregistrez-en un nouveau.' }));
  }
  const form = h('form', { id: 'fact-form', class: 'fact-form', novalidate: true }, [
    intro,
    h('p', { class: 'help', text: 'Seul ce qui change est enregistré, comme une correction du fait : le fait d’origine reste au journal.' }),
    date.element,
    data.element,
    reason.element,
    sourceBox,
  ]);
  return {
    form,
    identityKey: () => null,
    fields: () => [date, ...fields.filter((f) => f.path !== `data.data.${key}`), reason, ...source],
    body: () => {
      const newDate = date.read();
      const newData = (data.read() ?? {}) as Record<string, unknown>;
      const changed = Object.fromEntries(Object.entries(newData).filter(([k, v]) => k !== key && !same(v, recorded.data[k])));
      return {
        type: 'FactCorrected',
        effectiveDate: typeof newDate === 'string' ? newDate : recorded.effectiveDate,
        data: {
          eventId: target.eventId,
          ...(newDate !== undefined && newDate !== recorded.effectiveDate ? { effectiveDate: newDate } : {}),
          ...(Object.keys(changed).length ? { data: changed } : {}),
          reason: reason.read(),
        },
        source: valuesOf(source, 'source.'),
      };
    },
  };
}

function valuesOf(fields: Field[], prefix: string): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.path.slice(prefix.length), f.read()]).filter(([, v]) => v !== undefined));
}

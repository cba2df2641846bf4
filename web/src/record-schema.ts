/**
 * The fields of a fact, made from the JSON schema of its data as the service's event catalogue
 * gives it (`/assets/event-types.json`): an EDTF date gets a date field with its reading, a list
 * of values a select or check boxes, an id that names an item of the framework a choice in its
 * list, a new item's id a field that follows its name. The words are French; a field the page has
 * no words for is still shown, under its own name.
 */
import type { JsonSchema } from './api-types.js';
import { figuresField, followName, itemChoices, itemPicker, partyChooser } from './form-choosers.js';
import { checkboxGroup, edtfField, groupField, listField, selectField, textField, type Choice, type Field } from './form-fields.js';
import { BODY_KIND, INSTRUMENT_KIND, KIND_LABEL, MISSION_DOMAIN, PARTY_KIND } from './labels.js';
import type { TimelineModel } from './store.js';

const FIELD: Record<string, string> = {
  conventionId: 'Convention',
  name: 'Nom',
  start: 'Début',
  end: 'Fin',
  parties: 'Signataires',
  supersedes: 'Remplace la convention',
  newEnd: 'Nouvelle fin',
  reason: 'Motif',
  party: 'Signataire',
  partyId: 'Signataire',
  missionId: 'Mission d’appui',
  domains: 'Domaines',
  description: 'Description',
  instrumentId: 'Instrument',
  kind: 'Nature',
  figures: 'Chiffres',
  bodyId: 'Instance',
  reviewId: 'Bilan ou évaluation',
  findings: 'Constats',
  conductedBy: 'Conduit par',
  milestoneId: 'Jalon',
  conflictId: 'Contradiction',
  subject: 'Objet de la contradiction',
  about: 'Éléments concernés',
  accounts: 'Versions des sources',
  claim: 'Ce que dit la source',
  passage: 'Passage cité',
  resolution: 'Résolution',
  territory: 'Territoire',
  id: 'Identifiant',
  document: 'Document',
  confidence: 'Confiance',
  note: 'Note',
  effectiveDate: 'Date d’effet',
  source: 'Source',
};
/** The label of a new item's id, by the kind of item. */
const NEW_ID: Record<string, string> = {
  convention: 'Identifiant de la nouvelle convention',
  mission: 'Identifiant de la mission',
  instrument: 'Identifiant de l’instrument',
  body: 'Identifiant de l’instance',
  review: 'Identifiant du bilan',
  milestone: 'Identifiant du jalon',
  conflict: 'Identifiant de la contradiction',
  framework: 'Identifiant du dispositif',
};
const HELP: Record<string, string> = {
  start: 'Le premier jour où la convention est en vigueur.',
  end: 'Le dernier jour de son terme ; vide : sans terme fixé.',
  newEnd: 'Le nouveau dernier jour du terme.',
  supersedes: 'La convention qu’elle remplace : celle-ci cesse quand la nouvelle commence.',
  figures: 'Les chiffres gardés comme données, par exemple « ceilingPercent » et « 112 ».',
  findings: 'Un constat par entrée.',
  accounts: 'Au moins deux versions qui se contredisent, chacune avec son passage.',
  passage: 'Le passage de la source, recopié mot pour mot.',
  document: 'La référence du document (fichier, délibération, compte rendu…).',
  note: 'Pour un fait déduit : pourquoi. Obligatoire quand la confiance est « déduit ».',
};
const ENUM: Record<string, Record<string, string>> = {
  kind: { ...PARTY_KIND, ...INSTRUMENT_KIND, ...BODY_KIND, ...KIND_LABEL },
  domains: MISSION_DOMAIN,
  confidence: { stated: 'énoncé (la source le dit)', inferred: 'déduit (voir la note)' },
};
/** A field naming an item of the framework: the kind of item it names. */
const PICKS: Record<string, string> = {
  conventionId: 'convention',
  supersedes: 'convention',
  partyId: 'party',
  missionId: 'mission',
  instrumentId: 'instrument',
  bodyId: 'body',
  conductedBy: 'body',
  reviewId: 'review',
  milestoneId: 'milestone',
  conflictId: 'conflict',
};

export interface SchemaContext {
  /** The framework as the record now stands (its lists to choose from). */
  model: TimelineModel | null;
  /** The item the fact is about: a new one (its id is written) or one of the framework's (chosen). */
  identity: { key: string | null; kind: string; creates: boolean } | null;
}

export const labelOf = (key: string) => FIELD[key] ?? key;
const choicesOf = (key: string, values: string[]): Choice[] => values.map((v) => ({ value: v, label: ENUM[key]?.[v] ?? v }));

function string(key: string, schema: JsonSchema, path: string, required: boolean, ctx: SchemaContext): Field {
  const help = HELP[key];
  if (schema.format === 'edtf') return edtfField(path, labelOf(key), { required, ...(help ? { help: `${help} Comme la source la donne : « 2006 », « 198X », « 2011/2014 », « 2006-05 », « 1994-07-25 ».` } : {}) });
  if (Array.isArray(schema.enum)) return selectField(path, labelOf(key), choicesOf(key, schema.enum as string[]), { required, help });
  const creates = ctx.identity?.creates && ctx.identity.key === key;
  if (creates) return textField(path, NEW_ID[ctx.identity!.kind] ?? labelOf(key), { required, maxLength: 64, help: 'Lettres minuscules, chiffres et tirets (proposé d’après le nom) : « cc-2018 ».' });
  const picks = PICKS[key];
  if (picks && ctx.model && itemChoices(ctx.model, picks).length) return itemPicker(path, labelOf(key), ctx.model, picks, { required, help });
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
  return textField(path, labelOf(key), { required, help, maxLength, multiline: (maxLength ?? 0) > 300 });
}

/** The rows of `about`: a kind of item, then the item among those of that kind. */
function subjectRow(path: string, ctx: SchemaContext, kinds: string[]): Field {
  const kind = selectField(`${path}.kind`, 'Nature de l’élément', choicesOf('kind', kinds), { required: true });
  const items = selectField(`${path}.id`, 'Élément', [], { required: true });
  const refill = () => {
    while (items.select.options.length > 1) items.select.remove(1);
    for (const c of ctx.model ? itemChoices(ctx.model, kind.select.value) : []) items.select.add(new Option(c.label, c.value));
  };
  kind.select.addEventListener('change', refill);
  const group = groupField(path, null, [kind, items]);
  return { ...group, write: (value) => {
    const v = (value ?? {}) as { kind?: string; id?: string };
    kind.write(v.kind);
    refill();
    items.write(v.id);
  } };
}

export function fieldFor(key: string, schema: JsonSchema, path: string, required: boolean, ctx: SchemaContext): Field {
  if (schema.type === 'string' || schema.format === 'edtf') return string(key, schema, path, required, ctx);
  if (schema.type === 'array') {
    const items = (schema.items ?? {}) as JsonSchema;
    const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
    if (Array.isArray(items.enum)) return checkboxGroup(path, labelOf(key), choicesOf(key, items.enum as string[]), { required: min > 0, help: HELP[key] });
    const kinds = (((items.properties as Record<string, JsonSchema> | undefined)?.kind?.enum as string[]) ?? []);
    const make =
      key === 'parties'
        ? (p: string, i: number) => partyChooser(p, `Signataire ${i + 1}`, ctx.model ?? emptyModel(), choicesOf('kind', kinds), { required: true })
        : key === 'about'
          ? (p: string) => subjectRow(p, ctx, kinds)
          : items.type === 'object'
            ? (p: string, i: number) => groupField(p, `${labelOf(key)} : ${i + 1}`, objectFields(items, p, ctx))
            : (p: string, i: number) => textField(p, `${labelOf(key)} : ${i + 1}`, { required: false, multiline: true });
    return listField(path, labelOf(key), make, { min, help: HELP[key], add: key === 'parties' ? 'Ajouter un signataire' : 'Ajouter une entrée', itemLabel: key === 'parties' ? 'signataire' : 'entrée' });
  }
  if (schema.type === 'object' && schema.properties) {
    if (key === 'party') {
      const kinds = (((schema.properties as Record<string, JsonSchema>).kind?.enum as string[]) ?? []);
      return partyChooser(path, labelOf(key), ctx.model ?? emptyModel(), choicesOf('kind', kinds), { required });
    }
    return groupField(path, labelOf(key), objectFields(schema, path, ctx), { required, help: HELP[key] });
  }
  if (schema.type === 'object' && typeof schema.additionalProperties === 'object') return figuresField(path, labelOf(key), { help: HELP[key] });
  return textField(path, labelOf(key), { required, help: HELP[key], multiline: true });
}

/** The fields of every property of an object schema, in its order; a new item's id follows its name. */
export function objectFields(schema: JsonSchema, path: string, ctx: SchemaContext): Field[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const fields = Object.entries(properties).map(([key, property]) => fieldFor(key, property, path ? `${path}.${key}` : key, required.has(key), ctx));
  const byKey = (key: string) => fields.find((f) => f.path.endsWith(`.${key}`) || f.path === key) as (Field & { input?: HTMLInputElement }) | undefined;
  const id = ctx.identity?.creates && ctx.identity.key ? byKey(ctx.identity.key) : undefined;
  const name = byKey('name') ?? byKey('subject');
  if (id?.input && name && 'input' in name) followName((name as Field & { input: HTMLInputElement }).input, id.input);
  // The name comes first, so that the id can follow it.
  if (id && name) fields.sort((a, b) => (a === name ? -1 : b === name ? 1 : 0));
  return fields;
}

function emptyModel(): TimelineModel {
  return { frameworkId: '', knownAt: null, revision: -1, items: [], names: {}, changeDays: [], axisMin: 0, axisMax: 0 };
}

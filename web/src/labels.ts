/** The French words of the page for the service's kinds, types and fields. */
import { KEY_OF_KIND, KIND_OF_KEY, STATE_KINDS } from '../../src/modules/frameworks/domain/state/item-kinds.js';
import type { ItemKind, StateKey } from './api-types.js';

export const KINDS: readonly StateKey[] = STATE_KINDS;

/** The singular kind of each list of a state answer (as the diff and the timeline name them). */
export const KIND_OF: Record<StateKey, string> = KIND_OF_KEY;
/** The list of a state answer that holds each kind of item. */
export const KEY_OF: Record<ItemKind, StateKey> = KEY_OF_KIND;
export function keyOfKind(kind: string): StateKey | string {
  return (Object.keys(KIND_OF) as StateKey[]).find((key) => KIND_OF[key] === kind) ?? kind;
}

export const KIND_LABEL: Record<string, string> = {
  convention: 'Convention',
  party: 'Signataire',
  mission: 'Mission d’appui',
  instrument: 'Instrument',
  body: 'Instance',
  review: 'Bilan',
  milestone: 'Jalon',
  conflict: 'Contradiction des sources',
};
/** [one, several, none] */
export const COUNT_LABEL: Partial<Record<StateKey, [string, string, string]>> = {
  conventions: ['convention en vigueur', 'conventions en vigueur', 'aucune convention en vigueur'],
  parties: ['signataire', 'signataires', 'aucun signataire'],
  missions: ['mission d’appui', 'missions d’appui', 'aucune mission d’appui'],
  instruments: ['instrument', 'instruments', 'aucun instrument'],
  bodies: ['instance', 'instances', 'aucune instance'],
};
export const EMPTY_LABEL: Record<StateKey, string> = {
  conventions: 'Aucune convention en vigueur à cette date.',
  parties: 'Aucun signataire lié à cette date.',
  missions: 'Aucune mission d’appui à cette date.',
  instruments: 'Aucun instrument en vigueur à cette date.',
  bodies: 'Aucune instance à cette date.',
  reviews: 'Aucun bilan ni évaluation à cette date.',
  milestones: 'Aucun jalon à cette date.',
  conflicts: 'Aucune contradiction relevée à cette date.',
};
export const PARTY_KIND: Record<string, string> = {
  state: 'État',
  'family-allowance-fund': 'Caisse d’allocations familiales',
  region: 'Région',
  department: 'Département',
  fund: 'Fonds',
  commune: 'Commune',
  other: 'Autre',
};
export const MISSION_DOMAIN: Record<string, string> = { social: 'sociale', accounting: 'comptable', financial: 'financière' };
export const INSTRUMENT_KIND: Record<string, string> = {
  procedure: 'Procédure',
  'framing-note': 'Note de cadrage',
  'funding-rule': 'Règle de financement',
  website: 'Site internet',
  other: 'Autre',
};
export const BODY_KIND: Record<string, string> = {
  evaluation: 'Instance d’évaluation',
  'territorial-consultation': 'Concertation territoriale',
  'working-group': 'Groupe de travail',
  other: 'Autre',
};
export const CONFIDENCE: Record<string, string> = { stated: 'énoncé', inferred: 'déduit' };
export const CONFIDENCE_HELP: Record<string, string> = { stated: ' (la source le dit)', inferred: ' (déduit de la source, voir la note)' };
export const TERM_CHANGE: Record<string, string> = { extension: 'Prorogation', renewal: 'Reconduction' };
export const FIELD_LABEL: Record<string, string> = {
  name: 'Nom',
  since: 'Depuis',
  sinceEdtf: 'Date de la source',
  approximate: 'Date approximative',
  start: 'Début',
  end: 'Fin',
  originalEnd: 'Fin prévue à la signature',
  termChanges: 'Reconductions et prorogations',
  parties: 'Signataires',
  conventions: 'Conventions',
  supersedes: 'Remplace',
  kind: 'Nature',
  domains: 'Domaines',
  figures: 'Chiffres',
  description: 'Description',
  conflicts: 'Contradictions',
  findings: 'Constats',
  conductedBy: 'Conduit par',
  accounts: 'Versions',
  resolution: 'Résolution',
  about: 'Concerne',
  evidence: 'Preuve',
  attestedUntil: 'Attesté jusqu’au',
  carriedOverFrom: 'Reporté de',
  partiesCarriedOverFrom: 'Signataires reportés de',
  supersedesEvidence: 'Preuve du remplacement',
  lastsFor: 'Adopté pour la durée de',
};
export const FIGURE_LABEL: Record<string, string> = {
  ceilingPercent: 'Plafond (%)',
  reference: 'Référence',
  appliesTo: 'S’applique à',
  commitment: 'Engagement',
};

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
/** « 1 signataire », « 14 signataires », « aucun signataire ». */
export function plural(n: number, forms: readonly string[]): string {
  return n === 0 && forms[2] ? forms[2] : `${n} ${n > 1 ? forms[1] : forms[0]}`;
}

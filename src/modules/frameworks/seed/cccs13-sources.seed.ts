import type { Confidence, GovernanceEvent, PartyRef, Source } from '../domain/events/framework.events.js';

/** What every part of the CCCS13 seed shares: the document, how a source is written, the signatories. */

export const CCCS13_ID = 'cccs13';
export const SEED_DOCUMENT = 'seeds/000_e10eef5306c53b3b.txt';

/** `key` is a stable slug per event, unique in the list; the loader derives the event id from it. */
export type SeedEvent = GovernanceEvent & { key: string };

/** A passage of the seed document, with its confidence and, for what the source does not say in so many words, the reasoning (in French). */
export function source(passage: string, confidence: Confidence, note?: string): Source {
  return note === undefined ? { document: SEED_DOCUMENT, passage, confidence } : { document: SEED_DOCUMENT, passage, confidence, note };
}

/** The signatories named in the seed, named as the seed names them. */
export const CCCS13_PARTIES = {
  etat: { id: 'etat', name: 'État', kind: 'state' },
  caf13: { id: 'caf13', name: 'Caisse d’allocations familiales des Bouches-du-Rhône (CAF13)', kind: 'family-allowance-fund' },
  region: { id: 'region', name: 'Conseil Régional', kind: 'region' },
  departement: { id: 'departement', name: 'Conseil Général', kind: 'department' },
  fasild: {
    id: 'fasild',
    name: "FASILD (Fonds d’Action et de Soutien pour l'Intégration et la Lutte contre les Discriminations)",
    kind: 'fund',
  },
  marseille: { id: 'marseille', name: 'Marseille', kind: 'commune' },
  laCiotat: { id: 'la-ciotat', name: 'La Ciotat', kind: 'commune' },
  aixEnProvence: { id: 'aix-en-provence', name: 'Aix-en-Provence', kind: 'commune' },
  septemesLesVallons: { id: 'septemes-les-vallons', name: 'Septèmes-les-Vallons', kind: 'commune' },
  miramas: { id: 'miramas', name: 'Miramas', kind: 'commune' },
  portDeBouc: { id: 'port-de-bouc', name: 'Port-de-Bouc', kind: 'commune' },
  lesPennesMirabeau: { id: 'les-pennes-mirabeau', name: 'Les Pennes-Mirabeau', kind: 'commune' },
  vitrolles: { id: 'vitrolles', name: 'Vitrolles', kind: 'commune' },
  salonDeProvence: { id: 'salon-de-provence', name: 'Salon-de-Provence', kind: 'commune' },
} as const satisfies Record<string, PartyRef>;

const P = CCCS13_PARTIES;

/** cc-1994: the timeline's « (État – CAF13 - Ville de Marseille) ». */
export const PARTIES_1994: PartyRef[] = [P.etat, P.caf13, P.marseille];

/** cc-2000: the 11 of the timeline's list, in its order, plus FASILD (named by the narrative only). */
export const PARTIES_2000: PartyRef[] = [
  P.etat,
  P.caf13,
  P.region,
  P.departement,
  P.marseille,
  P.laCiotat,
  P.aixEnProvence,
  P.septemesLesVallons,
  P.miramas,
  P.portDeBouc,
  P.lesPennesMirabeau,
  P.fasild,
];

/** From 2006 on: the 12 of cc-2000 plus the two communes that joined in 2006. */
export const PARTIES_FROM_2006: PartyRef[] = [...PARTIES_2000, P.vitrolles, P.salonDeProvence];

/** Why the parties of a convention whose signatories the seed does not name are carried over. */
export const CARRIED_OVER_NOTE =
  'La source ne nomme aucun signataire de cette convention : ses signataires sont reportés de la convention précédente ' +
  '(le récit parle des mêmes « partenaires » qui poursuivent le travail et ne mentionne aucun retrait). ' +
  'Prudence : le FASILD est reporté comme les autres uniquement parce que la source ne dit pas que sa participation a pris fin ' +
  '(voir la contradiction fasild-signataire-2000).';

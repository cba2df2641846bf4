import type { Confidence } from '../domain/events/framework.events.js';

/**
 * Why each fact of the first version of the seed is corrected, in French, with the passage of the
 * document that supports the correction (default: the corrected fact's own passage). A fact whose
 * only change is its note, or the wording of a conflict's accounts, needs no entry: the reason then
 * says that the notes are now in French.
 */
export interface SeedCorrection {
  reason: string;
  passage?: string;
  confidence?: Confidence;
}

/** The revision of the seed these corrections bring a store to. */
export const SEED_REVISION = 2;

const CAF13 = 'Nom de la CAF13 écrit comme dans la source, avec l’apostrophe typographique (« Caisse d’allocations familiales »).';
const carriedOver = (from: string) =>
  `${CAF13} Durée énoncée par la source (confiance « énoncé ») ; signataires reportés de ${from} (partiesCarriedOverFrom) ` +
  'et remplacement de la convention précédente (supersessionConfidence) marqués comme déduits, la source ne les nommant pas.';
const FOR_2008_2010 =
  'Adopté pour la durée de la Convention cadre 2008 – 2010 (lastsFor), comme le dit la source, et non plus en vigueur sans fin : ' +
  'il prend fin avec cette convention. Confiance « énoncé ».';

export const SEED_CORRECTIONS: Readonly<Record<string, SeedCorrection>> = {
  'cc-1994-signed': { reason: CAF13, passage: '(État – CAF13 - Ville de Marseille)' },
  'cc-2000-signed': { reason: `${CAF13} Le remplacement de cc-1994 est marqué comme déduit (supersessionConfidence).` },
  'cc-2003-signed': { reason: carriedOver('cc-2000') },
  'cc-2008-signed': { reason: carriedOver('cc-2003') },
  'cc-2011-signed': { reason: carriedOver('cc-2008') },
  'cc-2015-signed': { reason: carriedOver('cc-2011') },
  'conflict-fasild-signataire-2000': {
    reason:
      'Contradiction liée à toutes les conventions qui portent le FASILD (2003, 2008, 2011, 2015), dont les signataires sont reportés de celle de 2000.',
  },
  'mission-sociale-launched': {
    reason:
      'Datée de l’intervalle du 19 mai 2000 à 2003, ce que permettent les sources (« jusqu’en 2002 » dans le récit, 2003 dans l’historique), ' +
      'et non plus de 2002, année que la source ne donne pas.',
    passage: 'Le travail partenarial jusqu’en 2002 permet notamment',
    confidence: 'inferred',
  },
  'conflict-date-mission-sociale': {
    reason: 'Datée comme la mission (du 19 mai 2000 à 2003), avec une résolution qui garde les deux récits.',
    confidence: 'inferred',
  },
  'financement-112-cucs-adopted': { reason: FOR_2008_2010, passage: 'Sur la période de la Convention cadre 2008 – 2010' },
  'note-cadrage-cucs-adopted': { reason: FOR_2008_2010, passage: 'Sur la période de la Convention cadre 2008 – 2010' },
  'groupe-travail-bilan-created': {
    reason: 'Existe pour le temps du bilan 2009 – 2010 (lastsFor) : la source n’en parle pas au-delà.',
    confidence: 'inferred',
  },
  'bilan-periode-2011-2014-conducted': {
    reason: 'Phrase manquante ajoutée au deuxième constat : « La qualité de la démarche préventive intervient grâce, notamment, à une confiance accrue… ».',
    passage: 'La qualité de la démarche préventive intervient grâce, notamment, à une confiance accrue entre équipements sociaux et institutions',
  },
};

/** The reason of a correction that only puts the notes (and a conflict's accounts and resolution) in French. */
export const IN_FRENCH = 'Notes, comptes rendus et résolutions de la source rédigés en français, comme la source et ses lecteurs.';

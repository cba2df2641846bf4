/**
 * The whole history of the CCCS13 seed document (`seeds/000_e10eef5306c53b3b.txt`, in French),
 * as governance events in an order that is valid when applied one after the other.
 *
 * The seed has two accounts of the same history: a timeline ("Historique", newest first, with
 * year headings) and a narrative by period ("Période 2011 - 2014", "Période 2003 - 2010",
 * "Des années 80 à 2000"). Where they disagree, both accounts are kept in a
 * `SourceConflictNoted` event and the recorded facts say which one they follow.
 *
 * Every `passage` is copied character for character from the seed (typographic apostrophes,
 * dashes); the spec next to this file checks it. Passages never cross the no-break spaces the
 * seed puts before colons.
 */
import type { Confidence, GovernanceEvent, PartyRef, Source } from '../domain/events/framework.events.js';

export const CCCS13_ID = 'cccs13';
export const SEED_DOCUMENT = 'seeds/000_e10eef5306c53b3b.txt';

/** `key` is a stable slug per event, unique in the list; the loader derives the event id from it. */
export type SeedEvent = GovernanceEvent & { key: string };

function source(passage: string, confidence: Confidence, note?: string): Source {
  return note === undefined
    ? { document: SEED_DOCUMENT, passage, confidence }
    : { document: SEED_DOCUMENT, passage, confidence, note };
}

/** The signatories named in the seed. */
export const CCCS13_PARTIES = {
  etat: { id: 'etat', name: 'État', kind: 'state' },
  caf13: { id: 'caf13', name: "Caisse d'allocations familiales des Bouches-du-Rhône (CAF13)", kind: 'family-allowance-fund' },
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

/** cc-1994: the timeline's "(État – CAF13 - Ville de Marseille)". */
const PARTIES_1994: PartyRef[] = [P.etat, P.caf13, P.marseille];

/** cc-2000: the 11 of the timeline's list, in its order, plus FASILD (named by the narrative only). */
const PARTIES_2000: PartyRef[] = [
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
const PARTIES_FROM_2006: PartyRef[] = [...PARTIES_2000, P.vitrolles, P.salonDeProvence];

const NO_SIGNATORIES_NOTE =
  'The seed names no signatories for this convention. The parties are carried over from the previous convention ' +
  '(the narrative speaks of the same "partenaires" continuing the work, and records no withdrawal). ' +
  'Caution: FASILD is carried over like the others only because the seed records no end to its participation.';

export const CCCS13_SEED: SeedEvent[] = [
  // ───────────────────────────── Années 80 ─────────────────────────────
  {
    key: 'framework-established',
    type: 'FrameworkEstablished',
    effectiveDate: '198X',
    data: {
      name: 'Convention cadre des centres sociaux des Bouches-du-Rhône (CCCS13)',
      description:
        'Dispositif partenarial de financement et de soutien des centres sociaux du département, ' +
        'entre l’État, la CAF13, la Région, le Département, le FASILD et des communes.',
      territory: 'Bouches-du-Rhône',
    },
    source: source(
      'Engagés au milieu des années 80, les travaux aboutissent dans un premier temps à la Convention cadre des centres sociaux de la ville de Marseille du 25 juillet 1994.',
      'inferred',
      'No founding act is dated in the seed. The framework is taken to exist from the start of the work that led to it: ' +
        'the narrative says the work began "au milieu des années 80" and the timeline puts "Prémices de la réflexion" under "Années 80". ' +
        'Dated 198X (the decade, as the timeline does); "milieu" would suggest about 1985, which EDTF 198X does not narrow. ' +
        'The name and territory are not written out in the seed: it says "dispositif CCCS", "CAF13" and "communes du département", ' +
        'and every commune listed is in the Bouches-du-Rhône.',
    ),
  },
  {
    key: 'milestone-premices-reflexion',
    type: 'MilestoneNoted',
    effectiveDate: '198X',
    data: {
      milestoneId: 'premices-reflexion',
      name: 'Prémices de la réflexion',
      description: 'Travaux engagés au milieu des années 80, qui aboutissent à la convention de 1994.',
    },
    source: source('Prémices de la réflexion', 'stated', 'Timeline entry under the heading "Années 80".'),
  },

  // ──────────────────────────────── 1994 ───────────────────────────────
  {
    key: 'cc-1994-signed',
    type: 'ConventionSigned',
    effectiveDate: '1994-07-25',
    data: {
      conventionId: 'cc-1994',
      name: 'Convention cadre des centres sociaux de la ville de Marseille',
      start: '1994-07-25',
      parties: PARTIES_1994,
    },
    source: source(
      'la Convention cadre des centres sociaux de la ville de Marseille du 25 juillet 1994',
      'stated',
      'Parties from the timeline, 1994, "1ère Convention cadre": "(État – CAF13 - Ville de Marseille)". ' +
        'The seed states no end: recorded open-ended; it stops being in force when cc-2000 supersedes it.',
    ),
  },

  // ──────────────────────────────── 2000 ───────────────────────────────
  {
    key: 'cc-2000-signed',
    type: 'ConventionSigned',
    effectiveDate: '2000-05-19',
    data: {
      conventionId: 'cc-2000',
      name: '1ère Convention cadre départementale',
      start: '2000-05-19',
      parties: PARTIES_2000,
      supersedes: 'cc-1994',
    },
    source: source(
      "Une nouvelle Convention cadre, élargie, est signée le 19 mai 2000 entre l'État, la Région, le Département, le FASILD (Fonds d’Action et de Soutien pour l'Intégration et la Lutte contre les Discriminations), la Caisse d’allocations familiales et 7 communes du département",
      'stated',
      'Signing date and signatories stated by the narrative; name from the timeline ("1ère Convention cadre départementale"), ' +
        'whose list of 11 signatories omits FASILD (see conflict fasild-signataire-2000). ' +
        'Inferred: it supersedes cc-1994 ("Une nouvelle Convention cadre, élargie" replaces the Marseille one, whose three parties it includes). ' +
        'The seed states no end: recorded open-ended; cc-2003 supersedes it.',
    ),
  },
  {
    key: 'conflict-fasild-signataire-2000',
    type: 'SourceConflictNoted',
    effectiveDate: '2000-05-19',
    data: {
      conflictId: 'fasild-signataire-2000',
      subject: 'FASILD parmi les signataires de la convention cadre du 19 mai 2000',
      about: [
        { kind: 'party', id: 'fasild' },
        { kind: 'convention', id: 'cc-2000' },
      ],
      accounts: [
        {
          claim: 'The narrative lists FASILD among the signatories of the convention signed on 19 May 2000.',
          passage:
            "le FASILD (Fonds d’Action et de Soutien pour l'Intégration et la Lutte contre les Discriminations)",
        },
        {
          claim: 'The timeline lists 11 signatories for 2000 (State, CAF13, Region, Department, 7 communes), without FASILD.',
          passage:
            '(État – CAF13 – Conseil Régional – Conseil Général – Marseille – La Ciotat – Aix-en-Provence – Septèmes-les-Vallons – Miramas – Port-de-Bouc – Les Pennes Mirabeau)',
        },
      ],
      resolution:
        'FASILD is recorded as a party of cc-2000, following the narrative: it is the more detailed account ' +
        '(it names the fund in full and agrees with the timeline on every other signatory), and an omission from a short list ' +
        'is more likely than an invented signatory.',
    },
    source: source(
      '(État – CAF13 – Conseil Régional – Conseil Général – Marseille – La Ciotat – Aix-en-Provence – Septèmes-les-Vallons – Miramas – Port-de-Bouc – Les Pennes Mirabeau)',
      'inferred',
      'The conflict is found by comparing the timeline list (quoted) with the narrative sentence on the signing of 19 May 2000; ' +
        'neither account mentions the other.',
    ),
  },
  {
    key: 'milestone-financement-animation-coordination',
    type: 'MilestoneNoted',
    effectiveDate: '2000-05-19/2002',
    data: {
      milestoneId: 'financement-animation-coordination',
      name: 'Amélioration du financement des dépenses d’animation et de coordination',
      description: 'Le travail partenarial jusqu’en 2002 permet d’améliorer le financement des dépenses d’animation et de coordination des équipements sociaux.',
    },
    source: source(
      'd’améliorer le financement des dépenses d’animation et de coordination des équipements sociaux',
      'inferred',
      'The seed dates it only as the outcome of "Le travail partenarial jusqu’en 2002", in the section that follows the signing of 19 May 2000; ' +
        'dated as the interval from that signing to 2002.',
    ),
  },
  {
    key: 'milestone-cartographie-centres-sociaux',
    type: 'MilestoneNoted',
    effectiveDate: '2000-05-19/2002',
    data: {
      milestoneId: 'cartographie-centres-sociaux',
      name: 'Réflexions de fond (cartographie des centres sociaux)',
    },
    source: source(
      'd’engager des réflexions de fond (cartographie des centres sociaux)',
      'inferred',
      'Dated only by "Le travail partenarial jusqu’en 2002", after the signing of 19 May 2000; dated as that interval.',
    ),
  },
  {
    key: 'milestone-approfondissement-partenariat',
    type: 'MilestoneNoted',
    effectiveDate: '2000-05-19/2002',
    data: {
      milestoneId: 'approfondissement-partenariat',
      name: 'Approfondissement du partenariat entre les signataires',
    },
    source: source(
      'd’approfondir le partenariat entre tous les membres signataires',
      'inferred',
      'Dated only by "Le travail partenarial jusqu’en 2002", after the signing of 19 May 2000; dated as that interval.',
    ),
  },

  // ──────────────────────────────── 2001 ───────────────────────────────
  {
    key: 'mission-comptable-financiere-launched',
    type: 'SupportMissionLaunched',
    effectiveDate: '2001',
    data: {
      missionId: 'mission-comptable-financiere',
      name: 'Mission d’appui à caractère comptable et financier',
      domains: ['accounting', 'financial'],
      description: 'Appui comptable et financier aux centres sociaux.',
    },
    source: source(
      "Mise en place des missions d'appui comptable et financière",
      'stated',
      'Timeline entry under the heading "2001". The narrative agrees that it was put in place during the work up to 2002, ' +
        'but its 2003 section also speaks of "la mise en place" of this mission: see conflict date-mission-comptable-financiere.',
    ),
  },
  {
    key: 'conflict-date-mission-comptable-financiere',
    type: 'SourceConflictNoted',
    effectiveDate: '2001',
    data: {
      conflictId: 'date-mission-comptable-financiere',
      subject: 'Date de mise en place de la mission d’appui comptable et financière (2001 ou 2003)',
      about: [{ kind: 'mission', id: 'mission-comptable-financiere' }],
      accounts: [
        {
          claim: 'Timeline, 2001: the accounting and financial support missions are put in place.',
          passage: "Mise en place des missions d'appui comptable et financière",
        },
        {
          claim: 'Narrative, work up to 2002: the accounting and financial support mission is implemented.',
          passage: 'de mettre en œuvre la mission d’appui à caractère comptable et financier',
        },
        {
          claim: 'Timeline, 2003: the accounting, financial and social support missions are put in place.',
          passage: "Mise en place des missions d'appui comptable, financière et sociale",
        },
        {
          claim: 'Narrative, convention signed in 2003: an accounting and financial support mission is put in place.',
          passage: 'la mise en place d’une mission d’appui à caractère comptable et financier',
        },
      ],
      resolution:
        'The mission is recorded as launched in 2001, following the timeline’s 2001 entry, which the narrative’s own account of the work ' +
        'up to 2002 supports. The 2003 accounts are kept here; they may describe the mission being set on a new footing under the 2003 ' +
        'convention, but the seed does not say so, so no second launch is recorded.',
    },
    source: source(
      'la mise en place d’une mission d’appui à caractère comptable et financier',
      'inferred',
      'Found by comparing the four passages quoted in the accounts: two put the mission in 2001/by 2002, two in 2003.',
    ),
  },

  // ──────────────────────────────── 2002 ───────────────────────────────
  {
    key: 'mission-sociale-launched',
    type: 'SupportMissionLaunched',
    effectiveDate: '2002',
    data: {
      missionId: 'mission-sociale',
      name: 'Mission d’appui à caractère social',
      domains: ['social'],
      description:
        'Répond à des besoins de formation et de soutien technique des centres sociaux mis en évidence par le travail partenarial jusqu’en 2002.',
    },
    source: source(
      '(mise en œuvre de la mission d’appui à caractère social)',
      'inferred',
      'The narrative places its implementation in the work up to 2002 and speaks of its "poursuite" (continuation) under the 2003 convention, ' +
        'so it existed before 2003; the timeline puts it in 2003 (see conflict date-mission-sociale). ' +
        'Following the narrative, it is dated 2002: the latest year consistent with both narrative passages, and after the accounting and ' +
        'financial mission (2001), which both accounts put first.',
    ),
  },
  {
    key: 'conflict-date-mission-sociale',
    type: 'SourceConflictNoted',
    effectiveDate: '2002',
    data: {
      conflictId: 'date-mission-sociale',
      subject: 'Date de mise en place de la mission d’appui à caractère social (avant 2003 ou 2003)',
      about: [{ kind: 'mission', id: 'mission-sociale' }],
      accounts: [
        {
          claim: 'Timeline, 2003: the accounting, financial and social support missions are put in place.',
          passage: "Mise en place des missions d'appui comptable, financière et sociale",
        },
        {
          claim: 'Narrative, convention signed in 2003: the social support mission is continued, so it already existed.',
          passage: 'la poursuite de la mission d’appui à caractère social',
        },
        {
          claim: 'Narrative, work up to 2002: the social support mission is implemented.',
          passage: '(mise en œuvre de la mission d’appui à caractère social)',
        },
      ],
      resolution:
        'The mission is recorded as launched in 2002 (inferred), following the narrative, whose two passages agree that it existed before ' +
        'the 2003 convention; the timeline’s 2003 entry is kept here.',
    },
    source: source(
      'la poursuite de la mission d’appui à caractère social',
      'inferred',
      'Found by comparing the three passages quoted in the accounts.',
    ),
  },

  // ──────────────────────────────── 2003 ───────────────────────────────
  {
    key: 'cc-2003-signed',
    type: 'ConventionSigned',
    effectiveDate: '2003',
    data: {
      conventionId: 'cc-2003',
      name: 'Convention cadre 2003 - 2005',
      start: '2003',
      end: '2005',
      parties: PARTIES_2000,
      supersedes: 'cc-2000',
    },
    source: source(
      'Convention cadre 2003 - 2005',
      'inferred',
      'Term stated by the timeline (2003 - 2005) and the narrative ("La convention cadre signée en 2003"). Inferred: ' +
        'it supersedes cc-2000, and its parties are the 12 of cc-2000. ' +
        NO_SIGNATORIES_NOTE,
    ),
  },
  {
    key: 'dossier-unique-financement-adopted',
    type: 'InstrumentAdopted',
    effectiveDate: '2003',
    data: {
      instrumentId: 'dossier-unique-financement',
      name: 'Dossier unique de financement',
      kind: 'procedure',
    },
    source: source(
      'la mise en place d’un dossier unique de financement',
      'inferred',
      'Stated as an advance the convention signed in 2003 led the partners to ("La convention cadre signée en 2003 conduit les partenaires vers les avancées suivantes"); ' +
        'the seed gives no year of its own, so it is dated 2003, the start of that convention.',
    ),
  },
  {
    key: 'procedure-recrutement-directeurs-adopted',
    type: 'InstrumentAdopted',
    effectiveDate: '2003',
    data: {
      instrumentId: 'procedure-recrutement-directeurs',
      name: 'Procédure de recrutement des directeurs',
      kind: 'procedure',
    },
    source: source(
      'la mise en place d’une procédure de recrutement des directeurs',
      'inferred',
      'Stated as an advance the convention signed in 2003 led the partners to; the seed gives no year of its own, so it is dated 2003, ' +
        'the start of that convention.',
    ),
  },

  // ──────────────────────────── 2006 - 2007 ────────────────────────────
  {
    key: 'cc-2003-renewed-2006',
    type: 'ConventionRenewed',
    effectiveDate: '2006',
    data: { conventionId: 'cc-2003', newEnd: '2006' },
    source: source(
      'La convention est reconduite à deux reprises, en 2006 et en 2007.',
      'inferred',
      'The renewal in 2006 is stated; its one-year period (through 2006) is inferred: the seed gives no term, ' +
        'a second renewal follows in 2007 and the next convention starts in 2008.',
    ),
  },
  {
    key: 'vitrolles-joined-cc-2003',
    type: 'PartyJoined',
    effectiveDate: '2006',
    data: { conventionId: 'cc-2003', party: P.vitrolles },
    source: source(
      'Deux nouveaux signataires : Vitrolles et Salon-de-Provence',
      'stated',
      'Timeline entry under the heading "2006"; the narrative agrees: "Deux nouvelles communes ont intégré le dispositif en 2006". ' +
        'They join the 2003 convention, which was in force (renewed) in 2006.',
    ),
  },
  {
    key: 'salon-de-provence-joined-cc-2003',
    type: 'PartyJoined',
    effectiveDate: '2006',
    data: { conventionId: 'cc-2003', party: P.salonDeProvence },
    source: source(
      'Deux nouveaux signataires : Vitrolles et Salon-de-Provence',
      'stated',
      'Timeline entry under the heading "2006"; the narrative agrees: "Deux nouvelles communes ont intégré le dispositif en 2006". ' +
        'They join the 2003 convention, which was in force (renewed) in 2006.',
    ),
  },
  {
    key: 'cc-2003-renewed-2007',
    type: 'ConventionRenewed',
    effectiveDate: '2007',
    data: { conventionId: 'cc-2003', newEnd: '2007' },
    source: source(
      'La convention est reconduite à deux reprises, en 2006 et en 2007.',
      'inferred',
      'The renewal in 2007 is stated; its one-year period (through 2007) is inferred: the seed gives no term and the next ' +
        'convention (2008 - 2010) starts in 2008.',
    ),
  },

  // ──────────────────────────── 2008 - 2010 ────────────────────────────
  {
    key: 'cc-2008-signed',
    type: 'ConventionSigned',
    effectiveDate: '2008',
    data: {
      conventionId: 'cc-2008',
      name: 'Convention cadre 2008 - 2010',
      start: '2008',
      end: '2010',
      parties: PARTIES_FROM_2006,
      supersedes: 'cc-2003',
    },
    source: source(
      'Convention cadre 2008 - 2010',
      'inferred',
      'Term stated by the timeline (heading "2008") and the narrative ("la Convention cadre 2008 – 2010"). Inferred: it supersedes cc-2003, ' +
        'and its parties are the 14 of cc-2003 after 2006 (the 12 of 2000, Vitrolles and Salon-de-Provence). ' +
        NO_SIGNATORIES_NOTE,
    ),
  },
  {
    key: 'financement-112-cucs-adopted',
    type: 'InstrumentAdopted',
    effectiveDate: '2008',
    data: {
      instrumentId: 'financement-112-cucs',
      name: 'Plan de financement pérenne jusqu’à 112 % du plafond Cnaf (centres sociaux en territoire CUCS)',
      kind: 'funding-rule',
      description:
        'Les partenaires s’engagent sur un plan de financement pérenne, allant jusqu’à 112 % du plafond Cnaf pour les centres sociaux classés en territoire CUCS.',
      figures: {
        ceilingPercent: 112,
        reference: 'plafond Cnaf',
        appliesTo: 'centres sociaux classés en territoire CUCS',
        commitment: 'plan de financement pérenne',
      },
    },
    source: source(
      's’engagent sur un plan de financement pérenne, allant jusqu’à 112 % du plafond Cnaf pour les centres sociaux classés en territoire CUCS',
      'inferred',
      'The commitment is stated for "la période de la Convention cadre 2008 – 2010"; the seed dates it only to that period, ' +
        'so it is dated 2008, the start of the convention.',
    ),
  },
  {
    key: 'note-cadrage-cucs-adopted',
    type: 'InstrumentAdopted',
    effectiveDate: '2008',
    data: {
      instrumentId: 'note-cadrage-cucs',
      name: 'Note de cadrage sur l’articulation entre CUCS et Convention Cadre',
      kind: 'framing-note',
      description:
        'Clarifie l’articulation entre CUCS et Convention Cadre, ainsi que leur complémentarité pour les missions du centre social.',
    },
    source: source(
      'rédigent une note de cadrage clarifiant l’articulation entre CUCS et Convention Cadre, ainsi que leur complémentarité pour les missions du centre social',
      'inferred',
      'Stated for "la période de la Convention cadre 2008 – 2010"; the seed dates it only to that period, so it is dated 2008, the start of the convention.',
    ),
  },
  {
    key: 'milestone-professionnalisation-comptables',
    type: 'MilestoneNoted',
    effectiveDate: '2008/2010',
    data: {
      milestoneId: 'professionnalisation-comptables',
      name: 'Professionnalisation croissante des personnels comptables des centres sociaux',
      description: 'Grâce à la mission d’appui technique.',
    },
    source: source(
      'une professionnalisation croissante des personnels comptables des centres sociaux, grâce à la mission d’appui technique',
      'stated',
      'A trend over "la période de la Convention cadre 2008 – 2010", dated as that interval.',
    ),
  },
  {
    key: 'groupe-travail-bilan-created',
    type: 'BodyCreated',
    effectiveDate: '2009',
    data: {
      bodyId: 'groupe-travail-bilan',
      name: 'Groupe de travail du bilan de la Convention cadre',
      kind: 'working-group',
      description: 'Mène le travail de bilan de la Convention cadre en associant les centres sociaux eux-mêmes.',
    },
    source: source(
      'un travail de bilan de la Convention cadre mené par un groupe de travail et associant les centres sociaux eux-mêmes',
      'inferred',
      'The narrative puts the group in the 2008 – 2010 period without a year; the timeline dates the bilan it led to "2009 - 2010". ' +
        'The group is dated 2009, the first year of the bilan: it must have existed by then, and no earlier date is given. ' +
        'The seed does not say when (or whether) it was dissolved.',
    ),
  },
  {
    key: 'bilan-2009-2010-conducted',
    type: 'ReviewConducted',
    effectiveDate: '2009/2010',
    data: {
      reviewId: 'bilan-2009-2010',
      name: 'Bilan du dispositif et pistes de rénovation',
      conductedBy: 'groupe-travail-bilan',
      findings: [
        'Bilan du dispositif et pistes de rénovation (le détail des pistes n’est pas donné par la source).',
        'Le travail de bilan, mené par un groupe de travail associant les centres sociaux eux-mêmes, pose les prémices d’une évaluation en continu de la Convention cadre.',
      ],
    },
    source: source(
      'Bilan du dispositif et pistes de rénovation',
      'stated',
      'Timeline entry under the heading "2009 - 2010". The narrative adds that the bilan was led by a working group associating the ' +
        'social centres and "pose les prémices d’une évaluation en continu de la Convention cadre".',
    ),
  },

  // ──────────────────────────── 2011 - 2014 ────────────────────────────
  {
    key: 'cc-2011-signed',
    type: 'ConventionSigned',
    effectiveDate: '2011',
    data: {
      conventionId: 'cc-2011',
      name: 'Convention cadre 2011 - 2012',
      start: '2011',
      end: '2012',
      parties: PARTIES_FROM_2006,
      supersedes: 'cc-2008',
    },
    source: source(
      'Convention cadre 2011 - 2012',
      'inferred',
      'Term stated by the timeline and the narrative ("la Convention cadre 2011 – 2012, prorogée à deux reprises"). ' +
        'Inferred: it supersedes cc-2008, and its parties are the 14 of cc-2008. ' +
        NO_SIGNATORIES_NOTE,
    ),
  },
  {
    key: 'instance-evaluation-created',
    type: 'BodyCreated',
    effectiveDate: '2011/2014',
    data: {
      bodyId: 'instance-evaluation',
      name: 'Instance d’Evaluation de la Convention Cadre',
      kind: 'evaluation',
      description: 'Créée pour la mise en œuvre d’une logique d’évaluation en continu du dispositif.',
    },
    source: source(
      'création d’une Instance d’Evaluation de la Convention Cadre',
      'stated',
      'Listed among the work of "Période 2011 - 2014", under "la mise en œuvre d’une logique d’évaluation en continu du dispositif"; ' +
        'dated only to that period.',
    ),
  },
  {
    key: 'evaluations-2011-2014-conducted',
    type: 'ReviewConducted',
    effectiveDate: '2011/2014',
    data: {
      reviewId: 'evaluations-2011-2014',
      name: 'Évaluations en continu du dispositif (2011 - 2014)',
      conductedBy: 'instance-evaluation',
    },
    source: source(
      'conduite et réalisation d’évaluations',
      'inferred',
      'Stated as work of "Période 2011 - 2014", listed right after the creation of the Instance d’Evaluation under the heading of continuous ' +
        'evaluation; that the Instance conducted them is inferred from that layout. The seed gives neither their number nor their findings.',
    ),
  },
  {
    key: 'site-internet-adopted',
    type: 'InstrumentAdopted',
    effectiveDate: '2011/2014',
    data: {
      instrumentId: 'site-internet',
      name: 'Site internet de la Convention cadre',
      kind: 'website',
      description: 'Création et animation du site internet de la Convention cadre.',
    },
    source: source(
      'la création et l’animation du site internet de la Convention cadre',
      'stated',
      'Listed among the work of "Période 2011 - 2014"; dated only to that period.',
    ),
  },
  {
    key: 'instances-territoriales-concertation-created',
    type: 'BodyCreated',
    effectiveDate: '2011/2014',
    data: {
      bodyId: 'instances-territoriales-concertation',
      name: 'Instances Territoriales de Concertation',
      kind: 'territorial-consultation',
      description: 'Mises en place sur des territoires pilotes.',
    },
    source: source(
      'la mise en place d’Instances Territoriales de Concertation sur des territoires pilotes',
      'stated',
      'Listed among the work of "Période 2011 - 2014"; dated only to that period.',
    ),
  },
  {
    key: 'groupes-reflexion-thematiques-created',
    type: 'BodyCreated',
    effectiveDate: '2011/2014',
    data: {
      bodyId: 'groupes-reflexion-thematiques',
      name: 'Groupes de réflexion thématiques',
      kind: 'working-group',
      description: 'Conduits notamment dans le cadre du renouvellement de la Convention cadre.',
    },
    source: source(
      'la conduite de groupes de réflexion thématiques dans le cadre notamment du renouvellement de la Convention cadre.',
      'stated',
      'Listed among the work of "Période 2011 - 2014"; dated only to that period.',
    ),
  },
  {
    key: 'cc-2011-extended-2013',
    type: 'ConventionExtended',
    effectiveDate: '2013',
    data: { conventionId: 'cc-2011', newEnd: '2013' },
    source: source(
      'Prorogée à deux reprises',
      'inferred',
      'Two extensions are stated without dates ("Prorogée à deux reprises"; "la Convention cadre 2011 – 2012, prorogée à deux reprises"). ' +
        'Their dates and one-year terms are inferred from "Période 2011 - 2014" and the next convention starting in 2015: ' +
        'the first runs through 2013.',
    ),
  },
  {
    key: 'cc-2011-extended-2014',
    type: 'ConventionExtended',
    effectiveDate: '2014',
    data: { conventionId: 'cc-2011', newEnd: '2014' },
    source: source(
      'Prorogée à deux reprises',
      'inferred',
      'Two extensions are stated without dates. Their dates and one-year terms are inferred from "Période 2011 - 2014" and the ' +
        'next convention starting in 2015: the second runs through 2014.',
    ),
  },
  {
    key: 'bilan-periode-2011-2014-conducted',
    type: 'ReviewConducted',
    effectiveDate: '2014',
    data: {
      reviewId: 'bilan-periode-2011-2014',
      name: 'Résultats du travail partenarial de la période 2011 - 2014',
      findings: [
        'un meilleur équilibre entre une rigueur de gestion renforcée et une meilleure association des équipements sociaux au dispositif',
        'une prévention renforcée des risques liés au fonctionnement des équipements sociaux qui se traduit notamment par une baisse du nombre de cellules opérationnelles',
        'des ressources techniques supplémentaires',
        'une meilleure information sur le dispositif et les outils à destination des équipements sociaux',
        'une meilleure association des équipements sociaux dans le dispositif et à plusieurs échelles',
        'un fonctionnement du dispositif CCCS qui s’adapte pour rester pertinent et efficace',
        'une prise en compte de la nécessité de couvrir l’ensemble des équipements de l’animation de la vie sociale et une réflexion portant sur les prochaines modalités financières et techniques du dispositif',
      ],
    },
    source: source(
      'De ces efforts communs et concertés, il ressort',
      'inferred',
      'The outcomes of "Période 2011 - 2014" are stated (the findings are quoted from the seed); that they form one review, and its date, ' +
        'are inferred: the seed presents them as the balance of the whole period, so the review is dated 2014, its last year, before the 2015 convention.',
    ),
  },

  // ──────────────────────────── 2015 - 2017 ────────────────────────────
  {
    key: 'cc-2015-signed',
    type: 'ConventionSigned',
    effectiveDate: '2015',
    data: {
      conventionId: 'cc-2015',
      name: 'Convention cadre 2015 - 2017',
      start: '2015',
      end: '2017',
      parties: PARTIES_FROM_2006,
      supersedes: 'cc-2011',
    },
    source: source(
      'Convention cadre 2015 - 2017',
      'inferred',
      'Term stated by the timeline only. Inferred: it supersedes cc-2011 (prepared by the thematic groups "dans le cadre notamment du ' +
        'renouvellement de la Convention cadre"), and its parties are the 14 of cc-2011. ' +
        NO_SIGNATORIES_NOTE,
    ),
  },
];

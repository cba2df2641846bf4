import { CARRIED_OVER_NOTE, CCCS13_PARTIES, PARTIES_2000, PARTIES_FROM_2006, source, type SeedEvent } from './cccs13-sources.seed.js';

const P = CCCS13_PARTIES;

const ATTESTED_FOR_2003 =
  '« La convention cadre signée en 2003 conduit les partenaires vers » cette avancée : la mission fonctionne pendant cette convention, ' +
  'dont la durée signée est 2003 - 2005. Les reconductions de 2006 et 2007 ne sont pas comptées : la source ne dit rien de la mission ' +
  'pendant ces années.';

/** The CCCS13 history from 2003 to 2010 (« Période 2003 - 2010 », and the timeline from 2003 to « 2009 - 2010 »). */
export const CCCS13_2003_2010: SeedEvent[] = [
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
      supersessionConfidence: 'inferred',
      partiesCarriedOverFrom: 'cc-2000',
    },
    source: source(
      'Convention cadre 2003 - 2005',
      'stated',
      'Durée énoncée par l’historique (2003 - 2005) et le récit (« La convention cadre signée en 2003 »). ' +
        'Déduit : elle remplace cc-2000, et ses signataires sont les 12 de cc-2000. ' +
        CARRIED_OVER_NOTE,
    ),
  },
  {
    key: 'mission-sociale-attested-2003-2005',
    type: 'ItemAttested',
    effectiveDate: '2003/2005',
    data: {
      about: { kind: 'mission', id: 'mission-sociale' },
      description: 'Poursuite de la mission d’appui à caractère social sous la convention signée en 2003.',
    },
    source: source('la poursuite de la mission d’appui à caractère social', 'inferred', ATTESTED_FOR_2003),
  },
  {
    key: 'mission-comptable-financiere-attested-2003-2005',
    type: 'ItemAttested',
    effectiveDate: '2003/2005',
    data: {
      about: { kind: 'mission', id: 'mission-comptable-financiere' },
      description: 'Mise en place d’une mission d’appui comptable et financière, avancée de la convention signée en 2003.',
    },
    source: source(
      'la mise en place d’une mission d’appui à caractère comptable et financier',
      'inferred',
      ATTESTED_FOR_2003 + ' Sur la date de lancement de la mission, voir la contradiction date-mission-comptable-financiere.',
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
      'Énoncé comme une avancée vers laquelle la convention signée en 2003 conduit les partenaires (« La convention cadre signée en 2003 ' +
        'conduit les partenaires vers les avancées suivantes ») ; la source ne lui donne pas d’année propre : daté 2003, début de cette convention.',
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
      'Énoncée comme une avancée vers laquelle la convention signée en 2003 conduit les partenaires ; la source ne lui donne pas d’année ' +
        'propre : datée 2003, début de cette convention.',
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
      'La reconduction de 2006 est énoncée ; sa durée d’un an (jusqu’à fin 2006) est déduite : la source ne donne pas de durée, ' +
        'une seconde reconduction suit en 2007 et la convention suivante commence en 2008.',
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
      'Entrée de l’historique sous le titre « 2006 » ; le récit concorde : « Deux nouvelles communes ont intégré le dispositif en 2006 ». ' +
        'Elles rejoignent la convention de 2003, en vigueur (reconduite) en 2006.',
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
      'Entrée de l’historique sous le titre « 2006 » ; le récit concorde : « Deux nouvelles communes ont intégré le dispositif en 2006 ». ' +
        'Elles rejoignent la convention de 2003, en vigueur (reconduite) en 2006.',
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
      'La reconduction de 2007 est énoncée ; sa durée d’un an (jusqu’à fin 2007) est déduite : la source ne donne pas de durée et ' +
        'la convention suivante (2008 - 2010) commence en 2008.',
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
      supersessionConfidence: 'inferred',
      partiesCarriedOverFrom: 'cc-2003',
    },
    source: source(
      'Convention cadre 2008 - 2010',
      'stated',
      'Durée énoncée par l’historique (titre « 2008 ») et le récit (« la Convention cadre 2008 – 2010 »). Déduit : elle remplace cc-2003, ' +
        'et ses signataires sont les 14 de cc-2003 après 2006 (les 12 de 2000, Vitrolles et Salon-de-Provence). ' +
        CARRIED_OVER_NOTE,
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
      lastsFor: { kind: 'convention', id: 'cc-2008' },
    },
    source: source(
      's’engagent sur un plan de financement pérenne, allant jusqu’à 112 % du plafond Cnaf pour les centres sociaux classés en territoire CUCS',
      'stated',
      'Engagement énoncé « Sur la période de la Convention cadre 2008 – 2010 » : adopté pour la durée de cette convention (lastsFor), ' +
        'il prend fin avec elle ; la source ne dit pas qu’il se poursuit après 2010. Daté 2008, début de la convention.',
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
      lastsFor: { kind: 'convention', id: 'cc-2008' },
    },
    source: source(
      'rédigent une note de cadrage clarifiant l’articulation entre CUCS et Convention Cadre, ainsi que leur complémentarité pour les missions du centre social',
      'stated',
      'Rédigée « Sur la période de la Convention cadre 2008 – 2010 » : adoptée pour la durée de cette convention (lastsFor), elle prend fin ' +
        'avec elle ; la source ne dit pas qu’elle vaut après 2010. Datée 2008, début de la convention.',
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
      'Tendance sur « la période de la Convention cadre 2008 – 2010 », datée de cet intervalle.',
    ),
  },
  {
    key: 'mission-comptable-financiere-attested-2008-2010',
    type: 'ItemAttested',
    effectiveDate: '2008/2010',
    data: {
      about: { kind: 'mission', id: 'mission-comptable-financiere' },
      description: 'La mission d’appui technique contribue à la professionnalisation des personnels comptables des centres sociaux.',
    },
    source: source(
      'une professionnalisation croissante des personnels comptables des centres sociaux, grâce à la mission d’appui technique',
      'inferred',
      'Sur « la période de la Convention cadre 2008 – 2010 », la source attribue la professionnalisation des personnels comptables à ' +
        '« la mission d’appui technique » : celle-ci est comprise comme la mission d’appui comptable et financière, la seule qui concerne ' +
        'les personnels comptables ; la source ne la nomme pas ainsi.',
    ),
  },
  // The bilan before the group that existed for its time (`lastsFor` names a review already recorded).
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
      'Entrée de l’historique sous le titre « 2009 - 2010 ». Le récit ajoute que le bilan a été mené par un groupe de travail associant ' +
        'les centres sociaux et qu’il « pose les prémices d’une évaluation en continu de la Convention cadre ».',
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
      lastsFor: { kind: 'review', id: 'bilan-2009-2010' },
    },
    source: source(
      'un travail de bilan de la Convention cadre mené par un groupe de travail et associant les centres sociaux eux-mêmes',
      'inferred',
      'Le récit place le groupe dans la période 2008 – 2010 sans année ; l’historique date le bilan qu’il a mené « 2009 - 2010 ». ' +
        'Le groupe est daté 2009, première année du bilan : il existait alors, et aucune date antérieure n’est donnée. ' +
        'Il existe pour le temps de ce bilan (lastsFor) : la source n’en parle plus ensuite et ne dit pas quand il a été dissous.',
    ),
  },
];

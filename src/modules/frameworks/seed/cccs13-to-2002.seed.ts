import { PARTIES_1994, PARTIES_2000, source, type SeedEvent } from './cccs13-sources.seed.js';

/**
 * FASILD among the signatories of 2000, or not: dated on that signing, but about every convention
 * that carries FASILD over, so recorded once they are (after the 2015 convention).
 */
export const FASILD_CONFLICT: SeedEvent = {
  key: 'conflict-fasild-signataire-2000',
  type: 'SourceConflictNoted',
  effectiveDate: '2000-05-19',
  data: {
    conflictId: 'fasild-signataire-2000',
    subject: 'FASILD parmi les signataires de la convention cadre du 19 mai 2000',
    about: [
      { kind: 'party', id: 'fasild' },
      { kind: 'convention', id: 'cc-2000' },
      { kind: 'convention', id: 'cc-2003' },
      { kind: 'convention', id: 'cc-2008' },
      { kind: 'convention', id: 'cc-2011' },
      { kind: 'convention', id: 'cc-2015' },
    ],
    accounts: [
      {
        claim: 'Le récit compte le FASILD parmi les signataires de la convention signée le 19 mai 2000.',
        passage: "le FASILD (Fonds d’Action et de Soutien pour l'Intégration et la Lutte contre les Discriminations)",
      },
      {
        claim: 'L’historique donne 11 signataires pour 2000 (État, CAF13, Région, Département, 7 communes), sans le FASILD.',
        passage:
          '(État – CAF13 – Conseil Régional – Conseil Général – Marseille – La Ciotat – Aix-en-Provence – Septèmes-les-Vallons – Miramas – Port-de-Bouc – Les Pennes Mirabeau)',
      },
    ],
    resolution:
      'Le FASILD est enregistré comme signataire de cc-2000, selon le récit : c’est le récit le plus détaillé (il nomme le fonds en entier ' +
      'et s’accorde avec l’historique sur tous les autres signataires), et une omission dans une liste courte est plus probable qu’un ' +
      'signataire inventé. Les conventions de 2003, 2008, 2011 et 2015, dont les signataires sont reportés de la précédente, ' +
      'portent le FASILD à leur tour : la contradiction les concerne aussi.',
  },
  source: source(
    '(État – CAF13 – Conseil Régional – Conseil Général – Marseille – La Ciotat – Aix-en-Provence – Septèmes-les-Vallons – Miramas – Port-de-Bouc – Les Pennes Mirabeau)',
    'inferred',
    'Contradiction relevée en comparant la liste de l’historique (citée) et la phrase du récit sur la signature du 19 mai 2000 ; ' +
      'aucun des deux récits ne mentionne l’autre.',
  ),
};


/** The CCCS13 history from the 1980s to 2002 (« Des années 80 à 2000 », and the timeline up to 2001). */
export const CCCS13_TO_2002: SeedEvent[] = [
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
      'Aucun acte fondateur n’est daté dans la source. Le dispositif est considéré comme existant dès le début des travaux qui y ont conduit : ' +
        'le récit dit les travaux « Engagés au milieu des années 80 » et l’historique place « Prémices de la réflexion » sous « Années 80 ». ' +
        'Daté 198X (la décennie, comme l’historique) ; « milieu » suggérerait vers 1985, ce que 198X ne précise pas. ' +
        'Le nom et le territoire ne sont pas écrits tels quels dans la source : elle dit « dispositif CCCS », « CAF13 » et ' +
        '« communes du département », et toutes les communes citées sont des Bouches-du-Rhône.',
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
    source: source('Prémices de la réflexion', 'stated', 'Entrée de l’historique sous le titre « Années 80 ».'),
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
      'Signataires d’après l’historique, 1994, « 1ère Convention cadre » : « (État – CAF13 - Ville de Marseille) ». ' +
        'La source ne donne pas de fin : convention enregistrée sans terme ; elle cesse d’être en vigueur quand cc-2000 la remplace.',
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
      supersessionConfidence: 'inferred',
    },
    source: source(
      "Une nouvelle Convention cadre, élargie, est signée le 19 mai 2000 entre l'État, la Région, le Département, le FASILD (Fonds d’Action et de Soutien pour l'Intégration et la Lutte contre les Discriminations), la Caisse d’allocations familiales et 7 communes du département",
      'stated',
      'Date de signature et signataires énoncés par le récit ; nom d’après l’historique (« 1ère Convention cadre départementale »), ' +
        'dont la liste de 11 signataires omet le FASILD (voir la contradiction fasild-signataire-2000). ' +
        'Déduit : elle remplace cc-1994 (« Une nouvelle Convention cadre, élargie » succède à celle de Marseille, dont elle reprend les trois signataires). ' +
        'La source ne donne pas de fin : convention enregistrée sans terme ; cc-2003 la remplace.',
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
      'La source ne le date que comme résultat du « travail partenarial jusqu’en 2002 », dans la partie qui suit la signature du 19 mai 2000 : ' +
        'daté de l’intervalle entre cette signature et 2002.',
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
      'Daté seulement par « Le travail partenarial jusqu’en 2002 », après la signature du 19 mai 2000 : daté de cet intervalle.',
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
      'Daté seulement par « Le travail partenarial jusqu’en 2002 », après la signature du 19 mai 2000 : daté de cet intervalle.',
    ),
  },
  {
    key: 'mission-sociale-launched',
    type: 'SupportMissionLaunched',
    effectiveDate: '2000-05-19/2003',
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
      'Les sources ne permettent pas de date plus précise que l’intervalle du 19 mai 2000 à 2003 : le récit place sa mise en œuvre dans le ' +
        'travail partenarial qui suit la signature du 19 mai 2000, « jusqu’en 2002 », et parle de sa « poursuite » sous la convention de 2003 ; ' +
        'l’historique la met en place en 2003. Datée de l’intervalle qui contient les deux récits (voir la contradiction date-mission-sociale) : ' +
        'elle compte à partir du 19 mai 2000, date approximative.',
    ),
  },
  {
    key: 'conflict-date-mission-sociale',
    type: 'SourceConflictNoted',
    effectiveDate: '2000-05-19/2003',
    data: {
      conflictId: 'date-mission-sociale',
      subject: 'Date de mise en place de la mission d’appui à caractère social (avant 2003 ou 2003)',
      about: [{ kind: 'mission', id: 'mission-sociale' }],
      accounts: [
        {
          claim: 'Historique, 2003 : les missions d’appui comptable, financière et sociale sont mises en place.',
          passage: "Mise en place des missions d'appui comptable, financière et sociale",
        },
        {
          claim: 'Récit, convention signée en 2003 : la mission d’appui sociale est poursuivie, elle existait donc déjà.',
          passage: 'la poursuite de la mission d’appui à caractère social',
        },
        {
          claim: 'Récit, travail partenarial jusqu’en 2002 : la mission d’appui sociale est mise en œuvre.',
          passage: '(mise en œuvre de la mission d’appui à caractère social)',
        },
      ],
      resolution:
        'La mission est datée de l’intervalle du 19 mai 2000 à 2003, qui contient les deux récits : avant 2003 selon le récit (ses deux passages ' +
        's’accordent pour dire qu’elle existait avant la convention de 2003), en 2003 selon l’historique. Aucun des deux n’est écarté.',
    },
    source: source('la poursuite de la mission d’appui à caractère social', 'inferred', 'Relevée en comparant les trois passages cités.'),
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
      'Entrée de l’historique sous le titre « 2001 ». Le récit s’accorde pour la placer dans le travail partenarial jusqu’en 2002, ' +
        'mais sa partie sur 2003 parle aussi de « la mise en place » de cette mission : voir la contradiction date-mission-comptable-financiere.',
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
          claim: 'Historique, 2001 : les missions d’appui comptable et financière sont mises en place.',
          passage: "Mise en place des missions d'appui comptable et financière",
        },
        {
          claim: 'Récit, travail partenarial jusqu’en 2002 : la mission d’appui comptable et financière est mise en œuvre.',
          passage: 'de mettre en œuvre la mission d’appui à caractère comptable et financier',
        },
        {
          claim: 'Historique, 2003 : les missions d’appui comptable, financière et sociale sont mises en place.',
          passage: "Mise en place des missions d'appui comptable, financière et sociale",
        },
        {
          claim: 'Récit, convention signée en 2003 : une mission d’appui comptable et financière est mise en place.',
          passage: 'la mise en place d’une mission d’appui à caractère comptable et financier',
        },
      ],
      resolution:
        'La mission est enregistrée comme lancée en 2001, selon l’entrée 2001 de l’historique, que confirme le récit du travail jusqu’en 2002. ' +
        'Les récits de 2003 sont gardés ici : ils décrivent peut-être la mission refondée sous la convention de 2003, mais la source ne le dit pas, ' +
        'et aucun second lancement n’est enregistré. Ils attestent en revanche que la mission fonctionne pendant la convention de 2003.',
    },
    source: source(
      'la mise en place d’une mission d’appui à caractère comptable et financier',
      'inferred',
      'Relevée en comparant les quatre passages cités : deux placent la mission en 2001 ou avant 2002, deux en 2003.',
    ),
  },
];

import { CARRIED_OVER_NOTE, PARTIES_FROM_2006, source, type SeedEvent } from './cccs13-sources.seed.js';

const LISTED_2011_2014 = 'Cité parmi les travaux de la « Période 2011 - 2014 » ; daté seulement de cette période.';

/** The CCCS13 history from 2011 to 2017 (« Période 2011 - 2014 », and the timeline's last conventions). */
export const CCCS13_2011_2017: SeedEvent[] = [
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
      supersessionConfidence: 'inferred',
      partiesCarriedOverFrom: 'cc-2008',
    },
    source: source(
      'Convention cadre 2011 - 2012',
      'stated',
      'Durée énoncée par l’historique et le récit (« la Convention cadre 2011 – 2012, prorogée à deux reprises »). ' +
        'Déduit : elle remplace cc-2008, et ses signataires sont les 14 de cc-2008. ' +
        CARRIED_OVER_NOTE,
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
      'Citée parmi les travaux de la « Période 2011 - 2014 », sous « la mise en œuvre d’une logique d’évaluation en continu du dispositif » ; ' +
        'datée seulement de cette période.',
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
      'Énoncées comme travaux de la « Période 2011 - 2014 », citées juste après la création de l’Instance d’Evaluation sous le titre de ' +
        'l’évaluation en continu ; que l’Instance les ait conduites est déduit de cette présentation. La source n’en donne ni le nombre ni les résultats.',
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
    source: source('la création et l’animation du site internet de la Convention cadre', 'stated', LISTED_2011_2014),
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
    source: source('la mise en place d’Instances Territoriales de Concertation sur des territoires pilotes', 'stated', LISTED_2011_2014),
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
    source: source('la conduite de groupes de réflexion thématiques dans le cadre notamment du renouvellement de la Convention cadre.', 'stated', LISTED_2011_2014),
  },
  {
    key: 'cc-2011-extended-2013',
    type: 'ConventionExtended',
    effectiveDate: '2013',
    data: { conventionId: 'cc-2011', newEnd: '2013' },
    source: source(
      'Prorogée à deux reprises',
      'inferred',
      'Deux prorogations sont énoncées sans dates (« Prorogée à deux reprises » ; « la Convention cadre 2011 – 2012, prorogée à deux reprises »). ' +
        'Leurs dates et leurs durées d’un an sont déduites de « Période 2011 - 2014 » et de la convention suivante, qui commence en 2015 : ' +
        'la première court jusqu’à fin 2013.',
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
      'Deux prorogations sont énoncées sans dates. Leurs dates et leurs durées d’un an sont déduites de « Période 2011 - 2014 » et de la ' +
        'convention suivante, qui commence en 2015 : la seconde court jusqu’à fin 2014.',
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
        'une prévention renforcée des risques liés au fonctionnement des équipements sociaux qui se traduit notamment par une baisse du nombre de cellules opérationnelles. ' +
          'La qualité de la démarche préventive intervient grâce, notamment, à une confiance accrue entre équipements sociaux et institutions, ' +
          'au fonctionnement d’une mission d’appui toujours plus en adéquation avec les besoins des équipements, ' +
          'mais aussi grâce à une volonté d’une mise en cohérence des logiques partenariales.',
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
      'Les résultats de la « Période 2011 - 2014 » sont énoncés (les constats sont cités de la source) ; qu’ils forment un seul bilan, ' +
        'et sa date, sont déduits : la source les présente comme le bilan de toute la période, d’où la date 2014, sa dernière année, ' +
        'avant la convention de 2015. « Une mission d’appui » y fonctionne, sans que la source dise laquelle : aucune des deux missions ' +
        'n’en est attestée pour cette période.',
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
      supersessionConfidence: 'inferred',
      partiesCarriedOverFrom: 'cc-2011',
    },
    source: source(
      'Convention cadre 2015 - 2017',
      'stated',
      'Durée énoncée par l’historique seulement. Déduit : elle remplace cc-2011 (préparée par les groupes de réflexion thématiques ' +
        '« dans le cadre notamment du renouvellement de la Convention cadre »), et ses signataires sont les 14 de cc-2011. ' +
        CARRIED_OVER_NOTE,
    ),
  },
];

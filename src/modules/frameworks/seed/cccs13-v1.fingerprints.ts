/**
 * The first version of the CCCS13 seed, as fingerprints (`factFingerprint`) of its facts, by seed
 * key: what a store loaded with it holds. On start, a fact of the stream that still says exactly
 * this is corrected to the current seed (`cccs13.seed-upgrade.ts`); a fact that says something
 * else was corrected by someone and is left alone. The spec next to this file checks them against
 * an export of a store loaded with that version (`test/fixtures/cccs13-seed-v1.export.jsonl`).
 */
export const CCCS13_SEED_V1_FINGERPRINTS: Readonly<Record<string, string>> = {
  'framework-established': '82f79ba7251248394f736ba491f2a2059d8db4a129ef9c26b038e451ca3326a3',
  'milestone-premices-reflexion': '762c17aaf916f4b0dce1d99f75d23c7cb7779e8978868ec1b7dc4407be9b57e7',
  'cc-1994-signed': '6dade8e4ec4dc5f4d96fc513ef4b7c9525f315ed535e31a70627c5530bcea158',
  'cc-2000-signed': '6c9a5106c38c26ee4ac3c2ba1131ab58a9be30f6f26ae30deb293d534ae4d749',
  'conflict-fasild-signataire-2000': '10cf7e13f422d0166e18e0eb035ff5a70fbe06228c36ed256f531bb729d09a5d',
  'milestone-financement-animation-coordination': '17374e89044f01d612b1571a8a43d78330753dcecb33cca8dcd69a5bd4a90928',
  'milestone-cartographie-centres-sociaux': 'ff6b818da5e92b55fe0b7f48ecf6f772c0c732adf5da4031418ad16d5ed3a0f2',
  'milestone-approfondissement-partenariat': '53b10c1aba9b1d4519b42c0bc9733435646033092db016a1c6c76985b39c6982',
  'mission-comptable-financiere-launched': 'a3212909ae432ee5e4bcdd2c4e758f769f588e446b87d55c8b1d23412df32387',
  'conflict-date-mission-comptable-financiere': '089cf6da72418368fa63d7c68a54417f7d118e7a20ff4ec52dcf3531487a791c',
  'mission-sociale-launched': '0bd60ea374592d6bd3d6927ad7ffd4ed85e78b7661166835fd6ee4dac8239ad7',
  'conflict-date-mission-sociale': '79e75898a66d4a5c5ec5cc96f87ecefd23cc3f350f565b4bf310ce52251661d7',
  'cc-2003-signed': '46826dfd0473988a6c77675ffc57fa0fcbe266357925e77251a5a3180834262a',
  'dossier-unique-financement-adopted': '848dd483be45fb9498b1fb7568cd2d7b8f0302f9b09016555f50c854eba7db1d',
  'procedure-recrutement-directeurs-adopted': 'd85e90fdbb74257432b06f09890842410af55b3a568cf8661717990a2a8e8662',
  'cc-2003-renewed-2006': '632338aa89d144c3d5911b222209508d6de307bff53fc4aaa494061ae0be154f',
  'vitrolles-joined-cc-2003': '5eb3ded1496de73052f346629b0616013bddd8a2d2bd3759c6d561a8573ac0c1',
  'salon-de-provence-joined-cc-2003': 'f88209983bcfb70195aca631f250093a19816408aa4a8ae294392f39b2c4041f',
  'cc-2003-renewed-2007': 'f0ab385a71559fa31b5fb5436c331670e57a3c01f6858089b26ac30fc8876a27',
  'cc-2008-signed': '447568b7447a7742b36383d3ab2b393a67bfeb2d9fb8fd4c67758a1ea8d7943f',
  'financement-112-cucs-adopted': '14a788bbfde95dce59eec0610aa5d3df29c7d1bbecb5ec67f271b5a83f254b7b',
  'note-cadrage-cucs-adopted': 'a63a7007488c73c485d48c9d5e09799b463b6acca3bc37b9fced6590a16bb78e',
  'milestone-professionnalisation-comptables': '367ea2a96872c8516d1ab8cf60dcf08fe23be4197e677b42e6cbf53deecebee5',
  'groupe-travail-bilan-created': '27439a64ad73d842aacd1e1045dca6d71bcbd4e1f7f876f041c4d9d778ebdaee',
  'bilan-2009-2010-conducted': '0182fc0a9b54ade5f9941bb84d20f4041d3d149dca86ed8f82ff13086df03086',
  'cc-2011-signed': '588136803eca28acfa6f4f7b4dcbbe06c13b8ca24605ad79e9cb95e19c3a72e8',
  'instance-evaluation-created': 'a39586ecc00d6090133cb1a2d81289d6bf1fa32e7a1298399292b38308e77bb8',
  'evaluations-2011-2014-conducted': 'c70c891902d017e313f3bdac5a21ce7c733d57c7d296c7c7cdc743ad079187bb',
  'site-internet-adopted': '07fcca1aad3b86541becde6d91c1395a6504cd4543de2000468e0038df783bef',
  'instances-territoriales-concertation-created': '7be490f5b0da5467faa783f8bfa598897dfa04936427237f6c90bcbea5080d62',
  'groupes-reflexion-thematiques-created': 'ef23d395aac803b2767cc370b9768287c123edb31d5b53ed8141f19ce1ae195a',
  'cc-2011-extended-2013': '537ec544461d9c3d6172379f05cf0b1442e4df72416aac376799c5f91e79ed33',
  'cc-2011-extended-2014': 'b80a28e4ff2247654224b01b362da3f41c3c53fc12f20473c0def722b6ea64c6',
  'bilan-periode-2011-2014-conducted': '27756b9155299d6cf15ec9adbe059cb5e161aab29a05e17963c920c5f61bbb41',
  'cc-2015-signed': 'ecd1af10a71eaa25456a769f2a72c15f7666c2a8fe993547f6f9a638c17360bf',
};

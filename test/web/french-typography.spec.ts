import { frenchTypography, NBSP, NNBSP, quoted } from '../../web/src/french-typography.js';

const show = (s: string) => s.replaceAll(NNBSP, '⍽').replaceAll(NBSP, '°');

describe('French typography of the page', () => {
  it.each([
    ["Journal d'audit", 'Journal d’audit'],
    ["FASILD (Fonds d’Action et de Soutien pour l'Intégration)", 'FASILD (Fonds d’Action et de Soutien pour l’Intégration)'],
    ['1ère Convention cadre départementale', '1re Convention cadre départementale'],
    ['les 1ères conventions, la 2ème, les 3èmes', 'les 1res conventions, la 2e, les 3es'],
    ['1 janvier 2020', '1er janvier 2020'],
    ['le 1 août 1994 et le 11 mai 2000', 'le 1er août 1994 et le 11 mai 2000'],
    ['postérieur au « connu au »', `postérieur au «${NNBSP}connu au${NNBSP}»`],
    ['«sans espace»', `«${NNBSP}sans espace${NNBSP}»`],
    ['Signataires (14) :', `Signataires (14)${NBSP}:`],
    ['date : 2006 ; lié par : CC', `date${NBSP}: 2006${NNBSP}; lié par${NBSP}: CC`],
    ['Vraiment ? Oui !', `Vraiment${NNBSP}? Oui${NNBSP}!`],
    ['n° 13 du journal', `n°${NBSP}13 du journal`],
    ['jusqu’à 112 % du plafond', `jusqu’à 112${NNBSP}% du plafond`],
  ])('%s', (input, expected) => {
    expect(show(frenchTypography(input))).toBe(show(expected));
  });

  it('leaves alone what is not French prose: times, paths, numbers, English quotes', () => {
    for (const text of ['12:34:56 UTC', '/api/frameworks?at=2007-06-30', 'seeds/000_e10eef5306c53b3b.txt', '2011/2014', '10 juin', '21 janvier', 'A1 janvier']) {
      expect(frenchTypography(text)).toBe(text);
    }
  });

  it('is idempotent', () => {
    const samples = [
      "« connu au » : l'instant ; 1ère fois ! 1 mai ? n° 3, 112 %",
      'Date d’effet : 1er janvier 2003',
      `«${NNBSP}déjà${NNBSP}» ${NBSP}:`,
    ];
    for (const text of samples) {
      const once = frenchTypography(text);
      expect(frenchTypography(once)).toBe(once);
    }
  });

  it('quotes with guillemets and narrow no-break spaces', () => {
    expect(show(quoted("l'État signe"))).toBe(show(`«${NNBSP}l’État signe${NNBSP}»`));
  });
});

/** What the recording form says in French: the reading of an EDTF date, and the service's refusals. */
import { readEdtf } from '../../web/src/edtf-reading.js';
import { authProblem, problemsOf, problemText, ruleField, ruleText } from '../../web/src/refusal-words.js';
import { slug } from '../../web/src/slug.js';

describe('the reading of a date as the source gives it', () => {
  it.each([
    ['2006', 'L’année 2006, soit du 1er janvier 2006 au 31 décembre 2006 : date approximative ; le fait compte à partir du 1er janvier 2006.'],
    ['198X', 'Années 1980, soit du 1er janvier 1980 au 31 décembre 1989 : date approximative ; le fait compte à partir du 1er janvier 1980.'],
    ['2011/2014', 'Entre 2011 et 2014, soit du 1er janvier 2011 au 31 décembre 2014 : date approximative ; le fait compte à partir du 1er janvier 2011.'],
    ['2006-05', 'Mai 2006, soit du 1er mai 2006 au 31 mai 2006 : date approximative ; le fait compte à partir du 1er mai 2006.'],
    ['1994-07-25', 'Le 25 juillet 1994 : date exacte, au jour près.'],
    ['2006?', 'L’année 2006 (date incertaine), soit du 1er janvier 2006 au 31 décembre 2006 : date approximative ; le fait compte à partir du 1er janvier 2006.'],
  ])('%s', (value, reading) => {
    expect(readEdtf(value)).toEqual({ known: true, text: reading });
  });

  it('says when it cannot read a form, and leaves the answer to the service', () => {
    for (const value of ['hier', '2006-13', '20060', '2006/hier']) {
      const r = readEdtf(value);
      expect(r.known).toBe(false);
      expect(r.text).toContain('forme que la page ne sait pas lire');
    }
    expect(readEdtf('  ')).toEqual({ known: false, text: '' });
  });
});

describe('the refusals of the service, in French', () => {
  it('names each rule in French, and the rules of every kind of item', () => {
    expect(ruleText('extension-must-extend')).toBe('la nouvelle fin doit être postérieure à la fin actuelle de la convention');
    expect(ruleText('mission-already-exists')).toBe('une mission d’appui porte déjà cet identifiant');
    expect(ruleText('instrument-not-active')).toBe('cet instrument n’est pas en vigueur (ou n’existe pas encore) à cette date');
    expect(ruleText('body-unknown')).toBe('cette instance est inconnue du registre');
    expect(ruleText('a-rule-to-come')).toBe('règle « a-rule-to-come »');
  });

  it('finds the field of a rule the service does not place', () => {
    expect(ruleField('mission-already-exists', 'missionId')).toBe('data.missionId');
    expect(ruleField('party-already-joined', 'conventionId')).toBe('data.party');
    expect(ruleField('convention-not-in-force', 'conventionId')).toBe('effectiveDate');
    expect(ruleField('idempotency-key-reused', null)).toBeNull();
  });

  it('says the problems of a field in French, keeping the service’s words when it has none', () => {
    expect(problemText('data.name should not be empty')).toBe('Ce champ ne peut pas être vide.');
    expect(problemText('effectiveDate must be an EDTF date such as 2003, 2006-05, 1994-07-25, 198X or 2011/2014')).toContain('Date non reconnue');
    expect(problemText('data.conventionId must be a lowercase id: letters, digits and dashes, 64 at most')).toContain('Identifiant attendu');
    expect(problemText('something new')).toBe('Le service signale : something new');
  });

  it('places a 400 on each field it names, and a 422 on the field of its rule', () => {
    expect(problemsOf(400, { fields: [{ field: 'data.parties.0.kind', problems: ['data.parties.0.kind must be one of the following values: state, commune'] }] }, null)).toEqual([
      { path: 'data.parties.0.kind', message: 'Choisissez une des valeurs proposées.' },
    ]);
    expect(problemsOf(422, { rule: 'extension-must-extend', field: 'data.newEnd', message: 'the new end 2016 is not after the current end 2017-12-31' }, 'conventionId')).toEqual([
      { path: 'data.newEnd', message: 'Refusé : La nouvelle fin doit être postérieure à la fin actuelle de la convention (règle « extension-must-extend »).' },
    ]);
  });
});

describe('an id made from a name', () => {
  it.each([
    ['Aubagne', 'aubagne'],
    ['Convention cadre 2018 – 2020', 'convention-cadre-2018-2020'],
    ['Île-de-France : Élus & Co', 'ile-de-france-elus-co'],
    ['   ', ''],
  ])('%s → %s', (name, id) => expect(slug(name)).toBe(id));
});

describe('a refused token, in French', () => {
  it('says an unknown token (401), too many attempts with the wait (429), a missing role (403)', () => {
    expect(authProblem({ status: 401 })).toContain('Jeton refusé');
    expect(authProblem({ status: 429, retryAfter: 30 })).toBe('Trop de tentatives : le service refuse pour l’instant. Réessayez dans 30 secondes.');
    expect(authProblem({ status: 429, retryAfter: null })).toBe('Trop de tentatives : le service refuse pour l’instant. Réessayez dans un moment.');
    expect(authProblem({ status: 429, retryAfter: 1 })).toBe('Trop de tentatives : le service refuse pour l’instant. Réessayez dans 1 seconde.');
    expect(authProblem({ status: 429, retryAfter: 299 })).toBe('Trop de tentatives : le service refuse pour l’instant. Réessayez dans 5 minutes.');
    expect(authProblem({ status: 403 })).toContain('il faut le rôle administrateur');
    expect(authProblem({ status: 500 })).toBeNull();
    expect(authProblem(new Error('réseau'))).toBeNull();
  });
});

/**
 * The service's refusals in French: it words its messages in English for developers; the page says
 * each rule, and each kind of problem of a field, in French (the service's words kept when the page
 * has none). Pure: no DOM.
 */
import type { ErrorBody } from './api-types.js';
import { KIND_LABEL } from './labels.js';

const RULES: Record<string, string> = {
  'convention-not-in-force': 'la convention n’est pas en vigueur à cette date',
  'convention-unknown': 'cette convention est inconnue du registre',
  'convention-already-exists': 'une convention porte déjà cet identifiant',
  'end-before-start': 'la fin est antérieure au début',
  'convention-without-parties': 'une convention a au moins un signataire',
  'party-listed-twice': 'un signataire figure deux fois',
  'supersedes-later-convention': 'la convention remplacée doit commencer avant celle-ci',
  'convention-already-superseded': 'cette convention est déjà remplacée par une autre',
  'convention-open-ended': 'cette convention n’a pas de terme : elle ne peut être ni prorogée ni reconduite',
  'extension-must-extend': 'la nouvelle fin doit être postérieure à la fin actuelle de la convention',
  'party-already-joined': 'ce signataire est déjà lié par cette convention à cette date',
  'party-not-bound': 'ce signataire n’est pas lié par cette convention à cette date',
  'framework-already-established': 'le dispositif est déjà créé',
  'framework-not-established': 'le dispositif n’est pas créé',
  'framework-already-exists': 'un dispositif porte déjà cet identifiant',
  'before-framework-established': 'aucun fait ne peut être daté d’avant la création du dispositif',
  'conflict-subject-unknown': 'un élément concerné par la contradiction est inconnu du registre',
  'invalid-date': 'cette date n’est pas une date EDTF valide',
  'fact-unknown': 'ce fait n’existe pas dans ce dispositif',
  'correction-of-correction': 'une correction ou un retrait ne se corrige pas : corrigez le fait d’origine',
  'framework-not-retractable': 'la création du dispositif ne peut pas être retirée',
  'fact-already-retracted': 'ce fait est déjà retiré',
  'correction-empty': 'une correction change la date ou les données du fait : rien n’est changé ici',
  'identity-not-correctable': 'l’élément dont parle le fait ne se corrige pas : retirez le fait et enregistrez-en un nouveau',
  'invalid-corrected-data': 'les données corrigées ne sont pas valides',
  'idempotency-key-reused': 'cette demande a déjà servi pour un autre enregistrement',
};
const FEMININE = new Set(['mission', 'instance', 'body', 'review', 'conflict']);

/** A rule of the service, in French: « la nouvelle fin doit être postérieure… ». */
export function ruleText(rule: string): string {
  if (RULES[rule]) return RULES[rule];
  const m = /^([a-z]+)-(already-exists|not-active|unknown)$/.exec(rule);
  if (m) {
    const kind = (KIND_LABEL[m[1]] ?? m[1]).toLowerCase();
    const e = FEMININE.has(m[1]) ? 'e' : '';
    if (m[2] === 'already-exists') return `un${e} ${kind} porte déjà cet identifiant`;
    if (m[2] === 'not-active') return `ce${e ? 'tte' : 't'} ${kind} n’est pas en vigueur (ou n’existe pas encore) à cette date`;
    return `ce${e ? 'tte' : 't'} ${kind} est inconnu${e} du registre`;
  }
  return `règle « ${rule} »`;
}

/** The field a rule is about when the service does not name it. */
export function ruleField(rule: string, identityKey: string | null): string | null {
  if (/-(already-exists)$/.test(rule) && identityKey) return `data.${identityKey}`;
  if (/-(not-active|unknown)$/.test(rule) && identityKey) return `data.${identityKey}`;
  if (rule === 'convention-not-in-force' || rule === 'before-framework-established' || rule === 'invalid-date') return 'effectiveDate';
  if (rule === 'supersedes-later-convention' || rule === 'convention-already-superseded') return 'data.supersedes';
  if (rule === 'party-already-joined') return 'data.party';
  if (rule === 'party-not-bound') return 'data.partyId';
  if (rule === 'conflict-subject-unknown') return 'data.about';
  return null;
}

const PROBLEMS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/should not be empty/, () => 'Ce champ ne peut pas être vide.'],
  [/must be (\d+) characters at most/, (m) => `${m[1]} caractères au plus.`],
  [/must be at least (\d+) characters/, (m) => `${m[1]} caractères au moins.`],
  [/must be a string/, () => 'Ce champ est obligatoire.'],
  [/must be one of the following values/, () => 'Choisissez une des valeurs proposées.'],
  [/must be an EDTF date/, () => 'Date non reconnue : écrivez par exemple 2006, 2006-05, 1994-07-25, 198X ou 2011/2014.'],
  [/must be a lowercase id/, () => 'Identifiant attendu : lettres minuscules, chiffres et tirets (64 au plus), par exemple « cc-2018 ».'],
  [/is not allowed/, () => 'Ce champ n’est pas prévu pour ce type de fait.'],
  [/must contain at least (\d+) element/, (m) => `Au moins ${m[1]} entrée${+m[1] > 1 ? 's' : ''}.`],
  [/must contain (\d+) elements at most/, (m) => `${m[1]} entrées au plus.`],
  [/must be the id \(UUID\)/, () => 'Identifiant de fait attendu.'],
  [/must be a (JSON object|an array)/, () => 'Valeur mal formée.'],
  [/must be a string \(4000 characters at most\), a finite number or a boolean/, () => 'Un nombre ou un texte.'],
];

/** A problem of a field, as the service words it, in French (the service's words kept when unknown). */
export function problemText(problem: string): string {
  for (const [re, say] of PROBLEMS) {
    const m = re.exec(problem);
    if (m) return say(m);
  }
  return `Le service signale : ${problem}`;
}


export interface Problem {
  /** The field it is about (null: the fact as a whole). */
  path: string | null;
  message: string;
}

/** The problems of a refusal (400 or 422), each with the field it is about when known. */
export function problemsOf(status: number, body: ErrorBody, identityKey: string | null, prefix = ''): Problem[] {
  if (status === 400 && body.fields) {
    return body.fields.flatMap((f) => f.problems.map((p) => ({ path: f.field === 'body' || f.field === 'request' ? null : prefix + f.field, message: problemText(p) })));
  }
  if (status === 422 && body.rule) {
    const path = body.field ?? ruleField(body.rule, identityKey);
    const text = ruleText(body.rule);
    const inner = (body as { fields?: { field: string; problems: string[] }[] }).fields ?? [];
    return [
      { path, message: `Refusé : ${text.charAt(0).toUpperCase()}${text.slice(1)} (règle « ${body.rule} »).` },
      ...inner.flatMap((f) => f.problems.map((p) => ({ path: `data.data.${f.field.replace(/^data\./, '')}`, message: problemText(p) }))),
    ];
  }
  return [{ path: null, message: body.message ?? `Le service a répondu ${status}.` }];
}

/** « 42 secondes », or from two minutes on « 5 minutes » (rounded up). */
function waitWords(seconds: number): string {
  if (seconds < 120) return `${seconds} seconde${seconds > 1 ? 's' : ''}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** What a refusal of the token means, in French: 401 (unknown token), 429 (too many attempts, and how long to wait), 403. */
export function authProblem(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || typeof (error as { status?: unknown }).status !== 'number') return null;
  const { status, retryAfter } = error as { status: number; retryAfter?: number | null };
  if (status === 401) return 'Jeton refusé : le service ne reconnaît pas ce jeton. Vérifiez-le (sans espace avant ni après) ou demandez-en un à l’administrateur du service.';
  if (status === 429) {
    const wait = typeof retryAfter === 'number' ? ` dans ${waitWords(retryAfter)}` : ' dans un moment';
    return `Trop de tentatives : le service refuse pour l’instant. Réessayez${wait}.`;
  }
  if (status === 403) return 'Ce jeton ne permet pas cette action : il faut le rôle administrateur pour corriger ou retirer un fait.';
  return null;
}

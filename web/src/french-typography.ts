/**
 * French typography for every text the page writes (its own words and what the service holds):
 * one apostrophe (’), « 1er » and « 1re », narrow no-break spaces inside « » and before ; ! ?, a
 * no-break space before the colon, after « n° » and before « % ». Pure and idempotent.
 */
import { MONTHS as MONTH_NAMES } from '../../src/libs/french/french-dates.js';

export const NNBSP = '\u202F';
export const NBSP = '\u00A0';
const SPACES = '[ \\u00A0\\u202F]';
const MONTHS = MONTH_NAMES.join('|');

const RULES: [RegExp, string][] = [
  // One apostrophe: the typographic one.
  [/'/g, '’'],
  // « 1ère » → « 1re », « 2ème » → « 2e » (and their plurals); « 1 janvier » → « 1er janvier ».
  [/(?<![\p{L}\p{N}])1(?:ère|ere)(s?)(?!\p{L})/gu, '1re$1'],
  [/(?<![\p{L}\p{N}])(\d+)(?:ème|eme)(s?)(?!\p{L})/gu, '$1e$2'],
  [new RegExp(`(?<![\\p{L}\\p{N}])1(?=${SPACES}+(?:${MONTHS})(?!\\p{L}))`, 'gu'), '1er'],
  // Guillemets hold their text with narrow no-break spaces (inserted where missing).
  [new RegExp(`«${SPACES}*`, 'g'), `«${NNBSP}`],
  [new RegExp(`${SPACES}*»`, 'g'), `${NNBSP}»`],
  // Before ; ! ? a narrow no-break space, before : a no-break space (where the text has a space).
  [new RegExp(`${SPACES}+([;!?])`, 'g'), `${NNBSP}$1`],
  [new RegExp(`${SPACES}+:`, 'g'), `${NBSP}:`],
  // « n° 13 », « 112 % »: never split at the line end.
  [new RegExp(`(n°|N°)${SPACES}*(?=\\d)`, 'g'), `$1${NBSP}`],
  [new RegExp(`(\\d)${SPACES}*%`, 'g'), `$1${NNBSP}%`],
];

export function frenchTypography(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

/** A text between guillemets: « text ». */
export function quoted(text: string): string {
  return frenchTypography(`« ${text} »`);
}

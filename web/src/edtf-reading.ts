/**
 * What a date typed in EDTF says, in plain French words, while it is typed: « 2006 » is the year
 * 2006, counted from 1 January 2006 and marked approximate; « 198X » the 1980s; « 2011/2014 »
 * between 2011 and 2014. The page reads the forms the sources use; anything else is left to the
 * service (the preview says whether it accepts it).
 */
import { dateLabel, edtfBounds, frDay, isDay } from './dates.js';

export const EDTF_EXAMPLES = ['2006', '2006-05', '1994-07-25', '198X', '2011/2014'];

export interface EdtfReading {
  /** The page recognised the form. */
  known: boolean;
  text: string;
}

const QUALIFIERS: [RegExp, string][] = [
  [/%/, 'incertaine et approximative'],
  [/\?/, 'incertaine'],
  [/~/, 'approximative'],
];

export function readEdtf(raw: string): EdtfReading {
  const value = raw.trim();
  if (!value) return { known: false, text: '' };
  const bounds = edtfBounds(value);
  const plain = value.replace(/[?~%]/g, '');
  const forms = plain.split('/');
  const recognised = bounds && forms.every((form) => form === '' || form === '..' || edtfBounds(form) !== null) && forms.length <= 2;
  if (!recognised || !bounds.first) {
    return { known: false, text: `« ${value} » : forme que la page ne sait pas lire. Écrivez par exemple 2006, 2006-05, 1994-07-25, 198X ou 2011/2014 ; l’aperçu dira si le service l’accepte.` };
  }
  const qualifier = QUALIFIERS.find(([re]) => re.test(value))?.[1];
  const said = `${/^\d{4}$/.test(plain) ? `l’année ${plain}` : dateLabel(plain)}${qualifier ? ` (date ${qualifier})` : ''}`;
  if (isDay(plain)) return { known: true, text: `Le ${said} : date exacte, au jour près.` };
  const span = bounds.last ? `du ${frDay(bounds.first)} au ${frDay(bounds.last)}` : `à partir du ${frDay(bounds.first)}`;
  return {
    known: true,
    text: `${said.charAt(0).toUpperCase()}${said.slice(1)}, soit ${span} : date approximative ; le fait compte à partir du ${frDay(bounds.first)}.`,
  };
}

/**
 * Dates in French words, for the texts readers see: « 1er janvier 2006 », « 25 juillet 1994 »,
 * « mai 2006 », « années 1980 », « entre 2011 et 2014 ». Plain TypeScript, shared by the server and
 * the web page.
 */

export const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** « 25 juillet 1994 », « 1er janvier 2006 »; anything else as given. */
export function frenchDay(day: string): string {
  const m = DAY.exec(day);
  if (!m || +m[2] < 1 || +m[2] > 12) return day;
  const d = +m[3];
  return `${d === 1 ? '1er' : String(d)} ${MONTHS[+m[2] - 1]} ${m[1].replace(/^0+/, '')}`;
}

/** An EDTF date as the source gives it, in French words. */
export function frenchDate(edtf: string): string {
  const s = edtf.replace(/[?~%]/g, '');
  if (s.includes('/')) {
    const [from, to] = s.split('/');
    return `entre ${from ? frenchDate(from) : '?'} et ${to ? frenchDate(to) : '?'}`;
  }
  if (DAY.test(s)) return frenchDay(s);
  let m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m && +m[2] >= 1 && +m[2] <= 12) return `${MONTHS[+m[2] - 1]} ${m[1]}`;
  if ((m = /^(\d{3})X$/.exec(s))) return `années ${m[1]}0`;
  if ((m = /^(\d{2})XX$/.exec(s))) return `années ${m[1]}00 à ${m[1]}99`;
  return s;
}

/** The view the page shows, mirrored in the address so that it can be shared. */

export interface View {
  framework: string | null;
  /** The day shown. */
  at: string | null;
  /** The instant the record is read as of (null: everything recorded). */
  knownAt: string | null;
  from: string | null;
  to: string | null;
  /** True once the reader compared two dates of their own (the diff then stops following the date). */
  diffShown: boolean;
}

export const view: View = { framework: null, at: null, knownAt: null, from: null, to: null, diffShown: false };

/** The query string of a view: `?framework=…&at=…[&knownAt=…][&from=…&to=…]`. */
export function queryOf(v: View): string {
  const p = new URLSearchParams();
  if (v.framework) p.set('framework', v.framework);
  if (v.at) p.set('at', v.at);
  if (v.knownAt) p.set('knownAt', v.knownAt);
  if (v.diffShown && v.from && v.to) {
    p.set('from', v.from);
    p.set('to', v.to);
  }
  return `?${p.toString()}`;
}

export function writeUrl(): void {
  history.replaceState(null, '', location.pathname + queryOf(view) + location.hash);
}

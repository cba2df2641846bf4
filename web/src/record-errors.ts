/**
 * A refusal of the service, shown where it belongs: each field the service names (400 `fields`,
 * 422 `field`) gets its message next to it, in French, with the rule broken; the list of problems
 * at the top of the form links to each field. The service words its messages in English for
 * developers: the page says them in French, by rule and by kind of problem.
 */
import type { ErrorBody } from './api.js';
import { h, setText } from './dom.js';
import type { Problem } from './refusal-words.js';

/** The field at `path` in `form`, or the nearest field containing it (`data.parties.0.kind` → `data.parties`). */
export function fieldAt(form: ParentNode, path: string): HTMLElement | null {
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const el = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(p)}"]`);
    if (el) return el;
  }
  return null;
}

function errorOf(field: HTMLElement): HTMLElement | null {
  return field.querySelector<HTMLElement>(':scope > .field-error');
}

export function clearErrors(form: ParentNode): void {
  form.querySelectorAll<HTMLElement>('.field-error').forEach((el) => {
    el.hidden = true;
    setText(el, '');
  });
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  form.querySelectorAll('[data-error-for]').forEach((el) => {
    el.setAttribute('aria-describedby', (el.getAttribute('aria-describedby') ?? '').replace(el.getAttribute('data-error-for')!, '').trim());
    el.removeAttribute('data-error-for');
  });
}

/** Shows `message` next to the field at `path`; the field (or nothing) it was shown by. */
export function showFieldError(form: ParentNode, path: string, message: string | (Node | string)[]): HTMLElement | null {
  const field = fieldAt(form, path);
  const error = field ? errorOf(field) : null;
  if (!field || !error) return null;
  error.hidden = false;
  if (!error.id) error.id = `erreur-${Math.random().toString(36).slice(2)}`;
  const before = error.textContent ? [h('br')] : [];
  error.append(...before, ...(Array.isArray(message) ? message : [message]).map((m) => (typeof m === 'string' ? h('span', { text: m }) : m)));
  const control = field.querySelector<HTMLElement>('input, select, textarea');
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    if (!control.getAttribute('data-error-for')) {
      control.setAttribute('aria-describedby', `${control.getAttribute('aria-describedby') ?? ''} ${error.id}`.trim());
      control.setAttribute('data-error-for', error.id);
    }
  }
  return field;
}

/** A problem as the page shows it: its text may hold links (to the fact a refusal names). */
export interface ShownProblem extends Omit<Problem, 'message'> {
  message: string | (Node | string)[];
}

/** The message area under the controls (role="alert"). */
import { byId } from './dom.js';

export function showMessage(text: string): void {
  const el = byId('message');
  el.textContent = text;
  el.hidden = false;
}
export function clearMessage(): void {
  const el = byId('message');
  el.textContent = '';
  el.hidden = true;
}

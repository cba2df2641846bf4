/**
 * The message area under the controls: what went wrong and what the page shows instead. A message
 * stays until the reader acts (changes the view, or closes it), never replaced by a later load.
 */
import { byId, clear, h } from './dom.js';
import { frDay } from './dates.js';
import type { AddressProblem } from './view-state.js';

/** `extra`: more than text (the receipt of a framework just created). */
export function showMessage(lines: string | string[], extra: HTMLElement | null = null): void {
  const text = byId('message-text');
  clear(text);
  for (const line of Array.isArray(lines) ? lines : [lines]) text.appendChild(h('p', { text: line }));
  if (extra) text.appendChild(extra);
  byId('message').hidden = false;
}

export function clearMessage(): void {
  clear(byId('message-text'));
  byId('message').hidden = true;
}

/** What the page says of each problem of the address, naming what it shows instead. */
export function addressMessages(problems: AddressProblem[], shown: { at: string; knownAt: string | null }): string[] {
  const instead = `affichage de l’état au ${frDay(shown.at)} à la place`;
  return problems.map((problem) => {
    switch (problem.kind) {
      case 'at':
        return `La date « ${problem.value} » de l’adresse n’est pas une date valide (AAAA-MM-JJ) : ${instead}.`;
      case 'knownAt':
        return `L’instant « connu au » « ${problem.value} » de l’adresse n’est pas valide : affichage de tout ce qui est enregistré, état au ${frDay(shown.at)}.`;
      case 'diff':
        return `Les dates à comparer de l’adresse (« ${problem.value} ») ne sont pas valides : comparaison des deux années qui précèdent le ${frDay(shown.at)}.`;
      case 'item':
        return `L’élément « ${problem.value} » de l’adresse n’est pas valide (nature:identifiant, par exemple convention:cc-2003) : ${instead}.`;
      case 'panel':
        return `La vue « ${problem.value} » de l’adresse n’existe pas : ${instead}.`;
    }
  });
}

/**
 * The receipt a write answers (201), shown after « Enregistrer » and after a framework is created:
 * its position, the fingerprint of its leaf (short, the whole on demand), the signed head's size
 * and instant, « Télécharger le reçu » (a JSON file) and « Copier ». When the transparency log of
 * the service lags (`receipt: null`), where to fetch the receipt later.
 */
import { frInstant } from './dates.js';
import { h, setText } from './dom.js';
import { download } from './exports.js';
import type { Receipt } from './receipt-parse.js';

/** The receipt's JSON as a partner keeps it (the file, the copy). */
export const receiptJson = (receipt: Receipt): string => `${JSON.stringify(receipt, null, 2)}\n`;

export function receiptCard(answer: { receipt?: Receipt | null; receiptUrl?: string }, headingLevel: 'h4' | 'p' = 'h4'): HTMLElement | null {
  if (answer.receipt === undefined) return null;
  const receipt = answer.receipt;
  const title = h(headingLevel, { class: 'receipt-title', text: 'Reçu du journal de transparence' });
  if (receipt === null) {
    return h('section', { class: 'receipt-card', 'data-receipt': 'pending' }, [
      title,
      h('p', null, [
        'Le reçu n’est pas encore prêt (le journal de transparence de ce service a un peu de retard) : demandez-le plus tard à l’adresse ',
        answer.receiptUrl ? h('a', { href: answer.receiptUrl, class: 'receipt-url', text: answer.receiptUrl }) : '/api/log/receipt',
        '.',
      ]),
    ]);
  }
  const status = h('p', { class: 'receipt-status', role: 'status' });
  const json = receiptJson(receipt);
  const save = h('button', { type: 'button', class: 'secondary receipt-download', text: 'Télécharger le reçu' });
  save.addEventListener('click', () => {
    download(`recu-position-${receipt.position}.json`, 'application/json', json);
    setText(status, `Reçu téléchargé (recu-position-${receipt.position}.json).`);
  });
  const copy = h('button', { type: 'button', class: 'secondary receipt-copy', text: 'Copier' });
  copy.addEventListener('click', () => {
    navigator.clipboard
      .writeText(json)
      .then(() => setText(status, 'Reçu copié dans le presse-papiers.'))
      .catch(() => setText(status, 'Le navigateur a refusé la copie : téléchargez le reçu, ou copiez-le depuis « Empreinte complète et reçu entier ».'));
  });
  return h('section', { class: 'receipt-card', 'data-receipt': 'ready', 'data-position': receipt.position }, [
    title,
    h('dl', { class: 'receipt-facts' }, [
      h('dt', { text: 'Position dans le journal' }),
      h('dd', { class: 'receipt-position', text: `N° ${receipt.position}` }),
      h('dt', { text: 'Empreinte de l’événement' }),
      h('dd', null, h('code', { class: 'receipt-leaf', text: `${receipt.leafHash.slice(0, 12)}…` })),
      h('dt', { text: 'Tête signée' }),
      h('dd', { class: 'receipt-head', text: `${receipt.treeHead.treeSize} événements, signée le ${frInstant(receipt.treeHead.timestamp)}` }),
    ]),
    h('details', { class: 'receipt-whole' }, [
      h('summary', { text: 'Empreinte complète et reçu entier' }),
      h('p', null, ['Empreinte : ', h('code', { class: 'receipt-leaf-full', text: receipt.leafHash })]),
      h('pre', { class: 'receipt-card-json', text: json }),
    ]),
    h('div', { class: 'form-actions' }, [save, copy]),
    status,
    h('p', { class: 'help' }, [
      'Gardez ce reçu : il engage le service sur tout le journal jusqu’à cette tête. « ',
      h('a', { href: '?panel=verify', 'data-panel': 'verify', text: 'Vérifier un reçu' }),
      ' » montre, à tout moment, s’il est toujours dans le journal et si le journal n’a pas été réécrit depuis.',
    ]),
  ]);
}

/**
 * The printed « État au … »: a header saying which framework, which day, as known when, and the
 * address of the view; the sources as footnotes (print-notes.ts); the print style sheet leaves out
 * the controls, the timeline, the differences and the log. « Imprimer l'état » loads the titles of
 * the documents first, so that the notes name them.
 */
import { ensureDocuments, errorText } from './app.js';
import { frDay, frInstant } from './dates.js';
import { byId, setText } from './dom.js';
import { showMessage } from './messages.js';
import { currentFramework, store } from './store.js';
import { view } from './view-state.js';

export function updatePrintHeader(): void {
  const fw = currentFramework();
  const state = store.state;
  setText(byId('impression-dispositif'), `${fw ? fw.name : (view.framework ?? '')}${state ? ` — état au ${frDay(state.at)}` : ''}`);
  setText(
    byId('impression-connu'),
    view.knownAt
      ? `Le registre tel qu’il était connu au ${frInstant(view.knownAt)} (les faits enregistrés ou corrigés après sont ignorés).`
      : `Le registre complet, tel qu’enregistré au ${frInstant(new Date().toISOString())}${state ? ` (révision ${state.revision})` : ''}.`,
  );
  setText(byId('impression-adresse'), `Adresse de cette vue : ${location.href}`);
}

export function bindPrint(): void {
  byId('print-state').addEventListener('click', () => {
    ensureDocuments()
      .catch((error: unknown) => showMessage(errorText(error)))
      .then(() => {
        updatePrintHeader();
        window.print();
      });
  });
  window.addEventListener('beforeprint', updatePrintHeader);
}

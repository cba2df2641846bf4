/**
 * The page served at `/` (French). The script fills it from the JSON API; the URL carries the view
 * (`?framework=cccs13&at=2007-06-30[&knownAt=…][&from=…&to=…]`).
 */
export const INDEX_HTML = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>Historique de la gouvernance</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
</head>
<body>
<a class="skip-link" href="#contenu">Aller au contenu</a>
<header class="site-header">
  <div class="wrap">
    <h1>Historique de la gouvernance</h1>
    <p id="framework-title" class="subtitle">Chargement…</p>
    <nav aria-label="Sections de la page">
      <ul>
        <li><a href="#etat">État à la date</a></li>
        <li><a href="#frise">Frise chronologique</a></li>
        <li><a href="#differences">Différences</a></li>
        <li><a href="#journal">Journal d'audit</a></li>
        <li><a href="/docs">Documentation de l'API</a></li>
      </ul>
    </nav>
  </div>
</header>
<main id="contenu" class="wrap" tabindex="-1">
  <section id="reglages" class="panel" aria-labelledby="reglages-titre">
    <h2 id="reglages-titre">Dispositif et date</h2>
    <form id="controls" class="controls" novalidate>
      <div class="field">
        <label for="framework">Dispositif</label>
        <select id="framework" name="framework"></select>
      </div>
      <div class="field">
        <label for="date">Date</label>
        <input type="date" id="date" name="at" required aria-describedby="date-aide">
        <p id="date-aide" class="help">L'état du dispositif ce jour-là.</p>
      </div>
      <div class="field field-wide">
        <label for="date-slider">Date sur l'ensemble de l'historique</label>
        <input type="range" id="date-slider" name="slider" min="0" max="1" step="1" value="0" aria-describedby="slider-bornes">
        <p id="slider-bornes" class="help"></p>
        <p class="help">Flèches : un jour ; Page précédente / Page suivante : un an.</p>
      </div>
      <div class="field field-wide">
        <label for="known-at">Connu au (instant, UTC)</label>
        <div class="inline-controls">
          <input type="datetime-local" id="known-at" name="knownAt" step="0.001" aria-describedby="known-at-aide known-at-bornes">
          <button type="button" id="known-at-clear">Tout ce qui est enregistré</button>
        </div>
        <p id="known-at-aide" class="help">Vide : l'état des connaissances d'aujourd'hui. Sinon, le registre tel qu'il était à cet instant (les faits enregistrés ou corrigés après sont ignorés).</p>
        <p id="known-at-bornes" class="help"></p>
      </div>
    </form>
    <p id="message" class="message" role="alert" hidden></p>
  </section>

  <section id="etat" class="panel" aria-labelledby="etat-titre" aria-live="polite" aria-busy="true">
    <h2 id="etat-titre">État à la date</h2>
    <p id="etat-resume" class="summary"></p>
    <div class="state-grid">
      <section class="state-block" aria-labelledby="titre-conventions">
        <h3 id="titre-conventions">Conventions</h3>
        <ul id="liste-conventions" class="items" data-kind="conventions"></ul>
      </section>
      <section class="state-block" aria-labelledby="titre-parties">
        <h3 id="titre-parties">Signataires</h3>
        <ul id="liste-parties" class="items" data-kind="parties"></ul>
      </section>
      <section class="state-block" aria-labelledby="titre-missions">
        <h3 id="titre-missions">Missions d'appui</h3>
        <ul id="liste-missions" class="items" data-kind="missions"></ul>
      </section>
      <section class="state-block" aria-labelledby="titre-instruments">
        <h3 id="titre-instruments">Instruments</h3>
        <ul id="liste-instruments" class="items" data-kind="instruments"></ul>
      </section>
      <section class="state-block" aria-labelledby="titre-bodies">
        <h3 id="titre-bodies">Instances</h3>
        <ul id="liste-bodies" class="items" data-kind="bodies"></ul>
      </section>
      <section class="state-block" aria-labelledby="titre-reviews">
        <h3 id="titre-reviews">Bilans et évaluations</h3>
        <ul id="liste-reviews" class="items" data-kind="reviews"></ul>
      </section>
      <section class="state-block" aria-labelledby="titre-milestones">
        <h3 id="titre-milestones">Jalons</h3>
        <ul id="liste-milestones" class="items" data-kind="milestones"></ul>
      </section>
      <section class="state-block" aria-labelledby="titre-conflicts">
        <h3 id="titre-conflicts">Contradictions des sources</h3>
        <ul id="liste-conflicts" class="items" data-kind="conflicts"></ul>
      </section>
    </div>
  </section>

  <section id="frise" class="panel" aria-labelledby="frise-titre">
    <h2 id="frise-titre">Frise chronologique</h2>
    <p id="frise-aide" class="help">Conventions (terme initial, reconductions, prorogations), signataires, missions d'appui, instruments et instances en bandes ; jalons et bilans en repères. Cliquez sur un élément, ou atteignez-le avec Tab et appuyez sur Entrée ou Espace, pour afficher l'état à sa date ; un clic ailleurs sur la frise choisit la date sous le pointeur.</p>
    <ul class="legend" aria-label="Légende">
      <li><span class="swatch swatch-term" aria-hidden="true"></span>Terme initial</li>
      <li><span class="swatch swatch-renewal" aria-hidden="true"></span>Reconduction</li>
      <li><span class="swatch swatch-extension" aria-hidden="true"></span>Prorogation</li>
      <li><span class="swatch swatch-open" aria-hidden="true"></span>Sans terme fixé</li>
      <li><span class="swatch swatch-approx" aria-hidden="true"></span>Début approximatif</li>
      <li><span class="swatch swatch-mark" aria-hidden="true"></span>Jalon ou bilan</li>
    </ul>
    <div id="timeline" class="timeline"></div>
  </section>

  <section id="differences" class="panel" aria-labelledby="differences-titre">
    <h2 id="differences-titre">Différences entre deux dates</h2>
    <p class="help">Ce qui est entré en vigueur, a pris fin ou a changé entre les deux dates. Par défaut : les deux années qui précèdent la date affichée.</p>
    <form id="diff-form" class="controls" novalidate>
      <div class="field">
        <label for="diff-from">Du</label>
        <input type="date" id="diff-from" name="from" required>
      </div>
      <div class="field">
        <label for="diff-to">Au</label>
        <input type="date" id="diff-to" name="to" required>
      </div>
      <div class="field field-button">
        <button type="submit" id="diff-submit">Comparer</button>
      </div>
    </form>
    <div id="diff-result" aria-live="polite"></div>
  </section>

  <section id="journal" class="panel" aria-labelledby="journal-titre">
    <h2 id="journal-titre">Journal d'audit</h2>
    <p class="help">Qui a enregistré quel fait, quand, sur quelle source, et ce qui a été corrigé ou retiré depuis. Les enregistrements postérieurs à l'instant « connu au » sont signalés.</p>
    <form id="audit-filters" class="controls" novalidate>
      <div class="field">
        <label for="audit-actor">Enregistré par</label>
        <select id="audit-actor" name="actor"><option value="">Tous</option></select>
      </div>
      <div class="field">
        <label for="audit-type">Type de fait</label>
        <select id="audit-type" name="type"><option value="">Tous</option></select>
      </div>
    </form>
    <p id="audit-count" class="summary"></p>
    <div id="audit"></div>
  </section>
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>Les mêmes réponses en JSON : <a href="/api/frameworks">/api/frameworks</a> · <a href="/docs">documentation OpenAPI</a>. Les dates marquées <span class="approx-inline">≈ approximatif</span> ne sont connues qu'au mois, à l'année ou à la décennie près.</p>
  </div>
</footer>
</body>
</html>
`;

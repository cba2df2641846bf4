/**
 * The page's script, served at /assets/app.js: plain browser JavaScript over the JSON API (no
 * framework, no bundler, nothing fetched from elsewhere). Kept as a string so that "npm run build"
 * puts it in dist/. It must not contain backticks or dollar-brace sequences (checked by the tests).
 */
export const APP_JS = String.raw`/* Historique de la gouvernance : page web (JavaScript du navigateur, sans dépendance). */
(function () {
  'use strict';

  var API = '/api/frameworks';
  var KINDS = ['conventions', 'parties', 'missions', 'instruments', 'bodies', 'reviews', 'milestones', 'conflicts'];

  // ------------------------------------------------------------------ French labels
  var KIND_OF = {
    conventions: 'convention', parties: 'party', missions: 'mission', instruments: 'instrument',
    bodies: 'body', reviews: 'review', milestones: 'milestone', conflicts: 'conflict',
  };
  var KIND_LABEL = {
    convention: 'Convention', party: 'Signataire', mission: "Mission d'appui", instrument: 'Instrument',
    body: 'Instance', review: 'Bilan', milestone: 'Jalon', conflict: 'Contradiction des sources',
  };
  var COUNT_LABEL = {
    conventions: ['convention en vigueur', 'conventions en vigueur', 'aucune convention en vigueur'],
    parties: ['signataire', 'signataires', 'aucun signataire'],
    missions: ["mission d'appui", "missions d'appui", "aucune mission d'appui"],
    instruments: ['instrument', 'instruments', 'aucun instrument'],
    bodies: ['instance', 'instances', 'aucune instance'],
  };
  var EMPTY_LABEL = {
    conventions: 'Aucune convention en vigueur à cette date.',
    parties: 'Aucun signataire lié à cette date.',
    missions: "Aucune mission d'appui à cette date.",
    instruments: 'Aucun instrument en vigueur à cette date.',
    bodies: 'Aucune instance à cette date.',
    reviews: 'Aucun bilan ni évaluation à cette date.',
    milestones: 'Aucun jalon à cette date.',
    conflicts: 'Aucune contradiction relevée à cette date.',
  };
  var PARTY_KIND = {
    state: 'État', 'family-allowance-fund': "Caisse d'allocations familiales", region: 'Région',
    department: 'Département', fund: 'Fonds', commune: 'Commune', other: 'Autre',
  };
  var MISSION_DOMAIN = { social: 'sociale', accounting: 'comptable', financial: 'financière' };
  var INSTRUMENT_KIND = {
    procedure: 'Procédure', 'framing-note': 'Note de cadrage', 'funding-rule': 'Règle de financement',
    website: 'Site internet', other: 'Autre',
  };
  var BODY_KIND = {
    evaluation: "Instance d'évaluation", 'territorial-consultation': 'Concertation territoriale',
    'working-group': 'Groupe de travail', other: 'Autre',
  };
  var CONFIDENCE = { stated: 'énoncé', inferred: 'déduit' };
  var CONFIDENCE_HELP = { stated: ' (la source le dit)', inferred: ' (déduit de la source, voir la note)' };
  var TERM_CHANGE = { extension: 'Prorogation', renewal: 'Reconduction' };
  var EVENT_TYPE = {
    FrameworkEstablished: 'Création du dispositif', ConventionSigned: 'Convention signée',
    ConventionExtended: 'Convention prorogée', ConventionRenewed: 'Convention reconduite',
    ConventionEnded: 'Fin de convention', PartyJoined: 'Nouveau signataire', PartyWithdrew: "Retrait d'un signataire",
    SupportMissionLaunched: "Mission d'appui lancée", SupportMissionEnded: "Fin de mission d'appui",
    InstrumentAdopted: 'Instrument adopté', InstrumentRepealed: 'Instrument abrogé',
    BodyCreated: 'Instance créée', BodyDissolved: 'Instance dissoute', ReviewConducted: 'Bilan ou évaluation',
    MilestoneNoted: 'Jalon', SourceConflictNoted: 'Contradiction des sources relevée',
    FactCorrected: 'Correction', FactRetracted: "Retrait d'un fait",
  };
  var FIELD_LABEL = {
    name: 'Nom', since: 'Depuis', sinceEdtf: 'Date de la source', approximate: 'Date approximative',
    start: 'Début', end: 'Fin', originalEnd: 'Fin prévue à la signature', termChanges: 'Reconductions et prorogations',
    parties: 'Signataires', conventions: 'Conventions', supersedes: 'Remplace', kind: 'Nature', domains: 'Domaines',
    figures: 'Chiffres', description: 'Description', conflicts: 'Contradictions', findings: 'Constats',
    conductedBy: 'Conduit par', accounts: 'Versions', resolution: 'Résolution', about: 'Concerne',
  };
  var FIGURE_LABEL = {
    ceilingPercent: 'Plafond (%)', reference: 'Référence', appliesTo: "S'applique à", commitment: 'Engagement',
  };
  var MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

  // ------------------------------------------------------------------ days (UTC) and EDTF dates
  var DAY_MS = 86400000;
  function pad(n, width) { var s = String(n); while (s.length < (width || 2)) s = '0' + s; return s; }
  function dayNum(day) { return Math.round(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) / DAY_MS); }
  function numDay(n) { return new Date(n * DAY_MS).toISOString().slice(0, 10); }
  function addDays(day, n) { return numDay(dayNum(day) + n); }
  function isDay(value) { return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && numDay(dayNum(value)) === value; }
  function today() { return new Date().toISOString().slice(0, 10); }
  function minDay(a, b) { return a < b ? a : b; }
  function maxDay(a, b) { return a > b ? a : b; }
  function addYears(day, n) {
    var y = +day.slice(0, 4) + n;
    var candidate = pad(y, 4) + day.slice(4);
    return isDay(candidate) ? candidate : pad(y, 4) + day.slice(4, 8) + '28';
  }
  /** "25 juillet 1994", "1er janvier 2006". */
  function frDay(day) {
    if (!isDay(day)) return String(day);
    var d = +day.slice(8, 10);
    return (d === 1 ? '1er' : String(d)) + ' ' + MONTHS[+day.slice(5, 7) - 1] + ' ' + day.slice(0, 4).replace(/^0+/, '');
  }
  var FR_INSTANT = new Intl.DateTimeFormat('fr-FR', {
    day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'UTC',
  });
  function frInstant(instant) {
    var date = new Date(instant);
    return isNaN(date.getTime()) ? String(instant) : FR_INSTANT.format(date) + ' UTC';
  }
  /** First and last day of an EDTF date (the forms the service stores), or null. */
  function edtfBounds(value) {
    if (typeof value !== 'string') return null;
    var s = value.replace(/[?~%]/g, '');
    var m;
    if (s.indexOf('/') >= 0) {
      var parts = s.split('/');
      var a = edtfBounds(parts[0]);
      var b = edtfBounds(parts[1]);
      return a || b ? { first: a ? a.first : null, last: b ? b.last : null } : null;
    }
    if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) return isDay(s) ? { first: s, last: s } : null;
    if ((m = /^(\d{4})-(\d{2})$/.exec(s)) && +m[2] >= 1 && +m[2] <= 12) {
      var next = +m[2] === 12 ? pad(+m[1] + 1, 4) + '-01-01' : m[1] + '-' + pad(+m[2] + 1) + '-01';
      return { first: s + '-01', last: addDays(next, -1) };
    }
    if ((m = /^(\d{4})$/.exec(s))) return { first: s + '-01-01', last: s + '-12-31' };
    if ((m = /^(\d{3})X$/.exec(s))) return { first: m[1] + '0-01-01', last: m[1] + '9-12-31' };
    if ((m = /^(\d{2})XX$/.exec(s))) return { first: m[1] + '00-01-01', last: m[1] + '99-12-31' };
    return null;
  }
  /** A date as the source gives it, in French: "2006", "mai 2006", "25 juillet 1994", "années 1980", "entre 2011 et 2014". */
  function dateLabel(edtf) {
    if (typeof edtf !== 'string') return '';
    var s = edtf.replace(/[?~%]/g, '');
    var m;
    if (s.indexOf('/') >= 0) {
      var parts = s.split('/');
      return 'entre ' + (dateLabel(parts[0]) || '?') + ' et ' + (dateLabel(parts[1]) || '?');
    }
    if (isDay(s)) return frDay(s);
    if ((m = /^(\d{4})-(\d{2})$/.exec(s))) return MONTHS[+m[2] - 1] + ' ' + m[1];
    if ((m = /^(\d{3})X$/.exec(s))) return 'années ' + m[1] + '0';
    if ((m = /^(\d{2})XX$/.exec(s))) return 'années ' + m[1] + '00 à ' + m[1] + '99';
    return s;
  }
  /** "depuis le 25 juillet 1994", "depuis 2006", "depuis les années 1980", "date : entre 2011 et 2014". */
  function sincePhrase(item) {
    if (!item.approximate) return 'depuis le ' + frDay(item.since);
    var edtf = item.sinceEdtf || item.since;
    if (edtf.indexOf('/') >= 0) return 'date : ' + dateLabel(edtf);
    if (/X/.test(edtf)) return 'depuis les ' + dateLabel(edtf);
    return 'depuis ' + dateLabel(edtf);
  }

  // ------------------------------------------------------------------ DOM helpers (text only: no HTML from data)
  function append(el, children) {
    if (children === null || children === undefined || children === false) return;
    if (!Array.isArray(children)) children = [children];
    children.forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      if (Array.isArray(c)) append(el, c);
      else el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
  }
  function setAttrs(el, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'class') el.setAttribute('class', v);
      else if (k === 'text') el.textContent = v;
      else if (k.slice(0, 2) === 'on' && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    });
  }
  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    setAttrs(el, attrs);
    append(el, children);
    return el;
  }
  var SVG_NS = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, children) {
    var el = document.createElementNS(SVG_NS, tag);
    setAttrs(el, attrs);
    append(el, children);
    return el;
  }
  function $(id) { return document.getElementById(id); }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }
  function capitalize(text) { return text.charAt(0).toUpperCase() + text.slice(1); }
  function plural(n, forms) { return n === 0 && forms[2] ? forms[2] : n + ' ' + (n > 1 ? forms[1] : forms[0]); }

  // ------------------------------------------------------------------ API
  function getJson(path) {
    return fetch(path, { headers: { Accept: 'application/json' } }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (body) {
        if (!response.ok) {
          var detail = body && body.fields
            ? body.fields.map(function (f) { return f.field + ' : ' + f.problems.join(', '); }).join(' ; ')
            : (body && body.message) || response.statusText;
          throw new Error('Le service a répondu ' + response.status + ' : ' + detail);
        }
        return body;
      });
    });
  }
  function frameworkPath(suffix, params) {
    var query = new URLSearchParams();
    Object.keys(params || {}).forEach(function (k) { if (params[k]) query.set(k, params[k]); });
    var qs = query.toString();
    return API + '/' + encodeURIComponent(view.framework) + '/' + suffix + (qs ? '?' + qs : '');
  }

  // ------------------------------------------------------------------ view state (mirrored in the URL)
  var view = { framework: null, at: null, knownAt: null, from: null, to: null, diffShown: false };
  var store = { frameworks: [], model: null, history: null, state: null };
  var seq = { state: 0, model: 0, diff: 0, history: 0 };

  function writeUrl() {
    var p = new URLSearchParams();
    if (view.framework) p.set('framework', view.framework);
    if (view.at) p.set('at', view.at);
    if (view.knownAt) p.set('knownAt', view.knownAt);
    if (view.diffShown && view.from && view.to) {
      p.set('from', view.from);
      p.set('to', view.to);
    }
    history.replaceState(null, '', location.pathname + '?' + p.toString() + location.hash);
  }

  /** The datetime-local value (UTC) of an instant, and back. */
  function instantToField(instant) {
    var date = new Date(instant);
    if (isNaN(date.getTime())) return '';
    var iso = date.toISOString();
    return iso.slice(19, 23) === '.000' ? iso.slice(0, 19) : iso.slice(0, 23);
  }
  /** The instant (UTC) of a datetime-local value, to the millisecond when given; undefined when invalid. */
  function fieldToInstant(value) {
    if (!value) return null;
    var v = /T\d{2}:\d{2}$/.test(value) ? value + ':00' : value;
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/.test(v)) return undefined;
    var date = new Date(v + 'Z');
    return isNaN(date.getTime()) ? undefined : date.toISOString().replace('.000Z', 'Z');
  }

  function showMessage(text) {
    var el = $('message');
    el.textContent = text;
    el.hidden = false;
  }
  function clearMessage() {
    var el = $('message');
    el.textContent = '';
    el.hidden = true;
  }

  // ------------------------------------------------------------------ sources, badges
  function approxBadge(item) {
    var edtf = item.sinceEdtf || item.since;
    var detail = 'date de la source : ' + dateLabel(edtf) + ', comptée à partir du ' + frDay(item.since);
    return h('span', { class: 'approx', title: 'Date approximative (' + detail + ')' }, [
      h('span', { 'aria-hidden': 'true', text: '≈ ' }),
      'approximatif',
      h('span', { class: 'sr-only', text: ' (' + detail + ')' }),
    ]);
  }
  function conflictBadges(item) {
    return (item.conflicts || []).map(function (id) {
      return h('a', { class: 'conflict-badge', href: '#conflit-' + id }, [
        h('span', { 'aria-hidden': 'true', text: '⚠ ' }),
        'sources en désaccord',
      ]);
    });
  }
  function sourceDetails(source, subject, eventId) {
    if (!source) return null;
    var position = store.history && eventId ? store.history.positionOf[eventId] : undefined;
    return h('details', { class: 'source' }, [
      h('summary', null, ['Source', h('span', { class: 'sr-only', text: ' : ' + subject })]),
      h('div', { class: 'source-body' }, [
        h('blockquote', { class: 'passage', text: source.passage }),
        h('dl', null, [
          h('dt', { text: 'Document' }),
          h('dd', { class: 'document', text: source.document }),
          h('dt', { text: 'Confiance' }),
          h('dd', null, [
            h('span', { class: 'confidence confidence-' + source.confidence, text: CONFIDENCE[source.confidence] || source.confidence }),
            CONFIDENCE_HELP[source.confidence] || '',
          ]),
          source.note ? [h('dt', { text: 'Note' }), h('dd', { class: 'note', text: source.note })] : null,
          eventId
            ? [
                h('dt', { text: 'Enregistrement' }),
                h('dd', null, h('a', { href: '#fait-' + eventId, text: position !== undefined ? 'n° ' + position + " du journal d'audit" : "voir le journal d'audit" })),
              ]
            : null,
        ]),
      ]),
    ]);
  }

  // ------------------------------------------------------------------ state on a date
  function nameOfConvention(id) {
    var model = store.model;
    var names = store.history ? store.history.names : {};
    return (names['convention:' + id]) || (model && model.names['conventions:' + id]) || id;
  }

  function itemHead(item, extra) {
    return h('div', { class: 'item-head' }, [
      h('h4', { class: 'item-name', text: item.name }),
      item.approximate ? approxBadge(item) : null,
      conflictBadges(item),
      extra || null,
    ]);
  }

  function renderConvention(c) {
    var end = c.end
      ? "jusqu'au " + frDay(c.end) + (c.endEdtf && !isDay(c.endEdtf) ? ' (fin ' + dateLabel(c.endEdtf) + ')' : '')
      : 'sans terme fixé';
    var changes = (c.termChanges || []).map(function (tc) {
      return h('li', null, [
        h('strong', { text: TERM_CHANGE[tc.kind] || tc.kind }),
        ' (' + dateLabel(tc.effectiveDate) + ") : jusqu'à " + (isDay(tc.newEnd) ? 'au ' + frDay(tc.newEnd) : 'fin ' + dateLabel(tc.newEnd)),
      ]);
    });
    return h('li', { class: 'item convention', 'data-id': c.id, 'data-start': c.start, 'data-end': c.end || '', 'data-approximate': String(c.approximate) }, [
      itemHead(c),
      h('p', { class: 'item-meta' }, [
        'En vigueur ', c.approximate ? 'depuis ' + dateLabel(c.startEdtf) + ' (comptée à partir du ' + frDay(c.start) + ')' : 'depuis le ' + frDay(c.start),
        ', ', h('strong', { class: 'convention-end', text: end }), '.',
      ]),
      c.originalEnd !== null && c.termChanges && c.termChanges.length
        ? h('p', { class: 'item-meta', text: 'Terme prévu à la signature : ' + dateLabel(c.originalEnd) + '.' })
        : null,
      changes.length ? h('div', null, [h('p', { class: 'item-meta', text: 'Reconductions et prorogations :' }), h('ul', { class: 'term-changes' }, changes)]) : null,
      c.supersedes ? h('p', { class: 'item-meta', text: 'Remplace : ' + nameOfConvention(c.supersedes) + '.' }) : null,
      h('p', { class: 'item-meta', text: 'Signataires (' + c.parties.length + ') :' }),
      h('ul', { class: 'party-names' }, c.parties.map(function (p) {
        return h('li', { 'data-party': p.id, text: p.name });
      })),
      sourceDetails(c.source, c.name, c.eventId),
    ]);
  }

  function renderParty(p) {
    return h('li', { class: 'item party', 'data-id': p.id, 'data-approximate': String(p.approximate) }, [
      itemHead(p, h('span', { class: 'kind-badge', text: PARTY_KIND[p.kind] || p.kind })),
      h('p', { class: 'item-meta', text: 'Signataire ' + sincePhrase(p) + ' ; lié par : ' + (p.conventions || []).map(nameOfConvention).join(', ') + '.' }),
      sourceDetails(p.source, p.name, p.eventId),
    ]);
  }

  function renderLasting(kind, item) {
    var dated = kind === 'reviews' || kind === 'milestones' || kind === 'conflicts';
    var meta = [dated ? 'date : ' + (item.approximate ? dateLabel(item.sinceEdtf || item.since) : frDay(item.since)) : sincePhrase(item)];
    if (kind === 'missions' && item.domains) meta.unshift('Domaines : ' + item.domains.map(function (d) { return MISSION_DOMAIN[d] || d; }).join(', '));
    if (kind === 'instruments' && item.kind) meta.unshift(INSTRUMENT_KIND[item.kind] || item.kind);
    if (kind === 'bodies' && item.kind) meta.unshift(BODY_KIND[item.kind] || item.kind);
    if (kind === 'reviews' && item.conductedBy) meta.push('conduit par : ' + nameOf('bodies', item.conductedBy));
    var figures = item.figures && typeof item.figures === 'object'
      ? h('dl', { class: 'figures', 'aria-label': 'Chiffres' }, Object.keys(item.figures).map(function (k) {
          return [h('dt', { text: FIGURE_LABEL[k] || k }), h('dd', { text: String(item.figures[k]) })];
        }))
      : null;
    var extra = [];
    if (item.description) extra.push(h('p', { class: 'item-meta', text: item.description }));
    if (kind === 'reviews' && item.findings && item.findings.length) {
      extra.push(h('ul', { class: 'findings' }, item.findings.map(function (f) { return h('li', { text: f }); })));
    }
    if (kind === 'conflicts') {
      extra.push(h('ul', { class: 'accounts' }, (item.accounts || []).map(function (a) {
        return h('li', null, [a.claim, ' ', h('q', { text: a.passage })]);
      })));
      if (item.resolution) extra.push(h('p', { class: 'item-meta', text: 'Résolution : ' + item.resolution }));
      if (item.about) extra.push(h('p', { class: 'item-meta', text: 'Concerne : ' + item.about.map(function (a) { return (KIND_LABEL[a.kind] || a.kind) + ' ' + nameOf(keyOfKind(a.kind), a.id); }).join(', ') + '.' }));
    }
    return h('li', {
      class: 'item ' + KIND_OF[kind] + (kind === 'conflicts' ? ' conflict-item' : ''),
      id: kind === 'conflicts' ? 'conflit-' + item.id : null,
      'data-id': item.id,
      'data-approximate': String(item.approximate),
    }, [
      itemHead(item),
      h('p', { class: 'item-meta', text: meta.join(' ; ') + '.' }),
      figures,
      extra,
      sourceDetails(item.source, item.name, item.eventId),
    ]);
  }
  function keyOfKind(kind) {
    for (var k in KIND_OF) if (KIND_OF[k] === kind) return k;
    return kind;
  }
  function nameOf(key, id) {
    var model = store.model;
    var names = store.history ? store.history.names : {};
    return names[KIND_OF[key] + ':' + id] || (model && model.names[key + ':' + id]) || id;
  }

  function renderState(state) {
    store.state = state;
    var section = $('etat');
    var known = state.knownAt ? ', tel que connu au ' + frInstant(state.knownAt) : '';
    $('etat-titre').textContent = 'État au ' + frDay(state.at) + known;
    var counts = ['conventions', 'parties', 'missions', 'instruments', 'bodies'].map(function (k) {
      return plural(state[k].length, COUNT_LABEL[k]);
    });
    var empty = KINDS.every(function (k) { return state[k].length === 0; });
    var summary = $('etat-resume');
    clear(summary);
    if (state.knownAt) {
      summary.appendChild(h('span', { class: 'known-at-banner', text: 'Connu au ' + frInstant(state.knownAt) + " : le registre tel qu'il était à cet instant." }));
      summary.appendChild(document.createElement('br'));
    }
    summary.appendChild(document.createTextNode(
      empty && state.knownAt
        ? "Rien n'était encore enregistré pour cette date à cet instant."
        : capitalize(counts.join(', ') + '.'),
    ));
    KINDS.forEach(function (kind) {
      var list = $('liste-' + kind);
      clear(list);
      var items = state[kind];
      if (!items.length) {
        list.appendChild(h('li', { class: 'empty', text: EMPTY_LABEL[kind] }));
        return;
      }
      items.forEach(function (item) {
        list.appendChild(kind === 'conventions' ? renderConvention(item) : kind === 'parties' ? renderParty(item) : renderLasting(kind, item));
      });
    });
    section.setAttribute('data-at', state.at);
    section.setAttribute('data-known-at', state.knownAt || '');
    section.setAttribute('aria-busy', 'false');
    var fw = currentFramework();
    document.title = 'État au ' + frDay(state.at) + ' — ' + (fw ? fw.name : view.framework) + ' — Historique de la gouvernance';
  }

  var stateTimer = null;
  function loadState() {
    clearTimeout(stateTimer);
    if (!view.framework || !view.at) return Promise.resolve();
    var mine = ++seq.state;
    $('etat').setAttribute('aria-busy', 'true');
    return getJson(frameworkPath('state', { at: view.at, knownAt: view.knownAt }))
      .then(function (state) {
        if (mine !== seq.state) return;
        clearMessage();
        renderState(state);
        markTimeline();
      })
      .catch(function (error) {
        if (mine !== seq.state) return;
        $('etat').setAttribute('aria-busy', 'false');
        showMessage(error.message);
      });
  }

  // ------------------------------------------------------------------ date controls
  function setAt(day, options) {
    if (!isDay(day)) return;
    view.at = day;
    if ($('date').value !== day) $('date').value = day;
    syncSlider();
    updateCursor();
    writeUrl();
    if (options && options.debounce) {
      clearTimeout(stateTimer);
      stateTimer = setTimeout(function () {
        loadState();
        followDate();
      }, 150);
    } else {
      loadState();
      followDate();
    }
  }
  /** Until the reader compares two dates of their own, the diff shows the two years up to the date shown. */
  function followDate() {
    if (view.diffShown || !view.at) return;
    view.from = addYears(view.at, -2);
    view.to = view.at;
    $('diff-from').value = view.from;
    $('diff-to').value = view.to;
    loadDiff();
  }
  function syncSlider() {
    var slider = $('date-slider');
    var model = store.model;
    if (!model || !view.at) return;
    var n = dayNum(view.at);
    slider.value = String(Math.min(Math.max(n, model.axisMin), model.axisMax));
    slider.setAttribute('aria-valuetext', frDay(view.at));
    $('date-aide').textContent = 'État du dispositif le ' + frDay(view.at) + '.';
  }
  function setupSlider() {
    var model = store.model;
    var slider = $('date-slider');
    if (!model) return;
    slider.min = String(model.axisMin);
    slider.max = String(model.axisMax);
    $('slider-bornes').textContent = 'Du ' + frDay(numDay(model.axisMin)) + ' au ' + frDay(numDay(model.axisMax)) + '.';
    syncSlider();
  }

  // ------------------------------------------------------------------ timeline model: the facts, then the state sampled on every day it may change
  function buildModel(timelines, states, days) {
    var names = {};
    var records = {};
    var order = [];
    states.forEach(function (state, i) {
      KINDS.forEach(function (key) {
        state[key].forEach(function (item) {
          var k = key + ':' + item.id;
          names[k] = item.name;
          var rec = records[k];
          if (!rec) {
            rec = records[k] = { key: key, id: item.id, present: [], views: [] };
            order.push(k);
          }
          rec.present[i] = true;
          rec.views[i] = item;
        });
      });
    });
    var n = days.length;
    var items = order.map(function (k) {
      var rec = records[k];
      var runs = [];
      for (var i = 0; i < n; i++) {
        if (!rec.present[i]) continue;
        var j = i;
        while (j + 1 < n && rec.present[j + 1]) j++;
        runs.push({ from: days[i], to: j + 1 < n ? addDays(days[j + 1], -1) : null, first: rec.views[i], last: rec.views[j] });
        i = j;
      }
      return { key: rec.key, id: rec.id, name: rec.views.filter(Boolean).pop().name, runs: runs };
    });
    var lastDay = days.length ? addDays(days[days.length - 1], -1) : today();
    var maxEvent = null;
    timelines.forEach(function (tl) {
      tl.events.forEach(function (e) { if (!maxEvent || e.to > maxEvent) maxEvent = e.to; });
    });
    var axisEnd = maxDay(lastDay, maxEvent || lastDay);
    items.forEach(function (it) {
      if (it.key !== 'conventions') return;
      it.runs.forEach(function (r) {
        if (r.last.end) axisEnd = maxDay(axisEnd, r.last.end);
        if (r.to === null && r.last.end === null) axisEnd = maxDay(axisEnd, today());
      });
    });
    var axisStart = days.length ? days[0].slice(0, 4) + '-01-01' : addYears(today(), -10);
    axisEnd = axisEnd.slice(0, 4) + '-12-31';
    return {
      items: items,
      names: names,
      days: days,
      axisMin: dayNum(axisStart),
      axisMax: dayNum(axisEnd),
      eventCount: timelines[timelines.length - 1].events.length,
    };
  }

  function boundaryDays(timelines) {
    var days = {};
    function add(day) { if (isDay(day)) days[day] = true; }
    timelines.forEach(function (tl) {
      tl.events.forEach(function (e) {
        if (e.retractedBy) return;
        add(e.from);
        var d = e.data || {};
        ['start', 'end', 'newEnd'].forEach(function (k) {
          var b = edtfBounds(d[k]);
          if (!b) return;
          if (b.first) add(b.first);
          if (b.last) add(addDays(b.last, 1));
        });
      });
    });
    return Object.keys(days).sort();
  }

  function loadModel() {
    var mine = ++seq.model;
    var container = $('timeline');
    container.setAttribute('data-ready', 'false');
    var requests = [getJson(frameworkPath('timeline'))];
    if (view.knownAt) requests.push(getJson(frameworkPath('timeline', { knownAt: view.knownAt })));
    return Promise.all(requests)
      .then(function (timelines) {
        var days = boundaryDays(timelines);
        return Promise.all(days.map(function (day) {
          return getJson(frameworkPath('state', { at: day, knownAt: view.knownAt }));
        })).then(function (states) { return { timelines: timelines, states: states, days: days }; });
      })
      .then(function (loaded) {
        if (mine !== seq.model) return false;
        store.model = buildModel(loaded.timelines, loaded.states, loaded.days);
        setupSlider();
        renderTimeline();
        return true;
      });
  }

  // ------------------------------------------------------------------ timeline picture (SVG)
  var GROUPS = [
    { key: 'conventions', label: 'Conventions' },
    { key: 'parties', label: 'Signataires' },
    { key: 'missions', label: "Missions d'appui" },
    { key: 'instruments', label: 'Instruments' },
    { key: 'bodies', label: 'Instances' },
    { key: 'marks', label: 'Jalons et bilans' },
  ];
  var layout = null;

  function conventionSegments(run, axisEndDay) {
    var v = run.last;
    var stop = run.to || axisEndDay;
    var segments = [];
    var original = v.originalEnd ? edtfBounds(v.originalEnd) : null;
    if (!original || !original.last) {
      segments.push({ kind: 'open', from: run.from, to: stop });
      return segments;
    }
    segments.push({ kind: 'term', from: run.from, to: minDay(original.last, stop) });
    var previousEnd = original.last;
    (v.termChanges || []).forEach(function (tc) {
      var b = edtfBounds(tc.newEnd);
      if (!b || !b.last || previousEnd >= stop || b.last <= previousEnd) return;
      segments.push({ kind: tc.kind, from: addDays(previousEnd, 1), to: minDay(b.last, stop), change: tc });
      previousEnd = b.last;
    });
    if (previousEnd < stop) segments.push({ kind: 'open', from: addDays(previousEnd, 1), to: stop });
    return segments;
  }

  function truncate(text, max) {
    return text.length > max ? text.slice(0, Math.max(1, max - 1)) + '…' : text;
  }

  function renderTimeline() {
    var container = $('timeline');
    var model = store.model;
    clear(container);
    if (!model || !model.items.length) {
      container.appendChild(h('p', { class: 'help', text: view.knownAt ? "Aucun fait n'était enregistré à l'instant « connu au »." : 'Rien à dessiner : aucune convention, aucun signataire, aucune mission, aucun instrument, aucune instance ni aucun jalon enregistré.' }));
      container.setAttribute('data-ready', 'true');
      layout = null;
      return;
    }
    var width = Math.max(280, Math.floor(container.clientWidth || 800));
    var narrow = width < 560;
    var labelW = narrow ? 96 : 210;
    var x0 = labelW + 6;
    var x1 = width - 22;
    var span = model.axisMax - model.axisMin + 1;
    function x(day) { return x0 + ((dayNum(day) - model.axisMin) / span) * (x1 - x0); }
    function xEnd(day) { return x0 + ((dayNum(day) + 1 - model.axisMin) / span) * (x1 - x0); }
    var axisEndDay = numDay(model.axisMax);
    var rowH = 18;
    var barH = 12;
    var groupH = 22;
    var top = 28;
    var maxChars = Math.floor((labelW - 8) / 6.4);

    var root = svg('svg', {
      xmlns: SVG_NS, width: width, role: 'group', 'aria-labelledby': 'frise-titre', 'aria-describedby': 'frise-aide',
      'data-axis-start': numDay(model.axisMin), 'data-axis-end': axisEndDay,
    });
    root.appendChild(svg('defs', null, [
      svg('pattern', { id: 'pattern-renewal', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, [
        svg('rect', { width: 6, height: 6, fill: '#0f766e' }),
        svg('rect', { width: 2, height: 6, fill: '#5eead4' }),
      ]),
      svg('pattern', { id: 'pattern-extension', width: 7, height: 7, patternUnits: 'userSpaceOnUse' }, [
        svg('rect', { width: 7, height: 7, fill: '#7e22ce' }),
        svg('rect', { x: 5, width: 2, height: 7, fill: '#d8b4fe' }),
      ]),
    ]));
    var bg = svg('rect', { class: 'plot-bg', x: x0, y: top - 6, width: x1 - x0, height: 10 });
    root.appendChild(bg);
    var grid = svg('g', { class: 'grid', 'aria-hidden': 'true' });
    root.appendChild(grid);
    var content = svg('g', { class: 'lanes' });
    root.appendChild(content);

    var y = top;
    var elements = [];
    function laneLabel(text, yy, full) {
      content.appendChild(svg('text', { class: 'lane-label', x: 4, y: yy + barH - 2 }, [
        truncate(text, maxChars),
        full && text.length > maxChars ? svg('title', { text: text }) : null,
      ]));
    }
    function element(tag, attrs, label, date, extra) {
      var el = svg(tag, Object.assign({
        tabindex: '0', role: 'button', 'aria-label': label + ' — afficher l\u2019état au ' + frDay(date) + '.',
        'data-date': date,
      }, attrs), svg('title', { text: label }));
      Object.keys(extra || {}).forEach(function (k) { el.setAttribute('data-' + k, extra[k]); });
      content.appendChild(el);
      elements.push(el);
      return el;
    }
    function bar(cls, from, to, yy, label, extra) {
      var bx = x(from);
      var bw = Math.max(3, xEnd(to) - bx);
      return element('rect', { class: 'el ' + cls, x: bx.toFixed(1), y: yy, width: bw.toFixed(1), height: barH, rx: 2 }, label, from,
        Object.assign({ from: from, to: to }, extra));
    }
    function period(from, to, open) {
      return 'du ' + frDay(from) + (open ? ', sans fin connue' : ' au ' + frDay(to));
    }

    GROUPS.forEach(function (group) {
      var groupItems = model.items.filter(function (it) {
        return group.key === 'marks' ? ['milestones', 'reviews', 'conflicts'].indexOf(it.key) >= 0 : it.key === group.key;
      });
      if (!groupItems.length) return;
      content.appendChild(svg('text', { class: 'group-label', x: 4, y: y + 14, text: group.label }));
      y += groupH;
      if (group.key === 'conventions') {
        var rows = [];
        var runs = [];
        groupItems.forEach(function (it) { it.runs.forEach(function (r) { runs.push({ item: it, run: r }); }); });
        runs.sort(function (a, b) { return a.run.from < b.run.from ? -1 : a.run.from > b.run.from ? 1 : 0; });
        runs.forEach(function (entry) {
          var stop = entry.run.to || axisEndDay;
          var row = 0;
          while (row < rows.length && rows[row] >= entry.run.from) row++;
          rows[row] = stop;
          entry.row = row;
        });
        runs.forEach(function (entry) {
          var yy = y + entry.row * rowH;
          var v = entry.run.last;
          conventionSegments(entry.run, axisEndDay).forEach(function (seg, i) {
            var what = seg.kind === 'term' ? 'terme initial' : seg.kind === 'open' ? 'sans terme fixé' : (TERM_CHANGE[seg.kind] || seg.kind).toLowerCase();
            var label = entry.item.name + ' (' + what + ') : ' + period(seg.from, seg.to, seg.kind === 'open' && !entry.run.to) +
              (i === 0 && v.approximate ? ' ; début approximatif (' + dateLabel(v.startEdtf) + ')' : '');
            var el = bar('bar-' + seg.kind + (i === 0 && v.approximate ? ' approx-start' : ''), seg.from, seg.to, yy, label,
              { kind: 'convention', id: entry.item.id, segment: seg.kind });
            if (i === 0) {
              var room = Number(el.getAttribute('width')) - 6;
              var year = (v.startEdtf || v.start || '').slice(0, 4);
              var candidates = [entry.item.name, year + (v.originalEnd ? '–' + String(v.originalEnd).slice(0, 4) : ''), year];
              var fits = candidates.filter(function (t) { return t && t.length * 6.2 <= room; })[0];
              if (fits) content.appendChild(svg('text', { class: 'bar-text', x: (Number(el.getAttribute('x')) + 3).toFixed(1), y: yy + barH - 2, 'aria-hidden': 'true', text: fits }));
            }
          });
        });
        laneLabel(rows.length > 1 ? 'Conventions cadres' : 'Convention cadre', y);
        y += Math.max(1, rows.length) * rowH;
      } else if (group.key === 'marks') {
        var levels = [];
        var marks = [];
        groupItems.forEach(function (it) {
          var first = it.runs[0];
          if (!first) return;
          marks.push({ item: it, day: first.first.since || first.from, view: first.first });
        });
        marks.sort(function (a, b) { return a.day < b.day ? -1 : a.day > b.day ? 1 : 0; });
        marks.forEach(function (m) {
          var mx = x(m.day);
          var level = 0;
          while (level < levels.length && levels[level] > mx - 11) level++;
          levels[level] = mx;
          m.level = level;
          m.x = mx;
        });
        var labelFor = { milestones: 'Jalon', reviews: 'Bilan', conflicts: 'Contradiction des sources' };
        marks.forEach(function (m) {
          var cy = y + m.level * rowH + barH / 2;
          var r = 6;
          var d = 'M' + m.x.toFixed(1) + ' ' + (cy - r) + ' l' + r + ' ' + r + ' l-' + r + ' ' + r + ' l-' + r + ' -' + r + ' z';
          var label = (labelFor[m.item.key] || 'Jalon') + ' : ' + m.item.name + ', ' + (m.view.approximate ? dateLabel(m.view.sinceEdtf) + ' (approximatif)' : frDay(m.day));
          var cls = 'el mark mark-' + KIND_OF[m.item.key];
          if (m.item.key === 'reviews') {
            element('circle', { class: cls, cx: m.x.toFixed(1), cy: cy, r: 5.5 }, label, m.day, { kind: 'review', id: m.item.id });
          } else {
            element('path', { class: cls, d: d }, label, m.day, { kind: KIND_OF[m.item.key], id: m.item.id });
          }
        });
        laneLabel('Jalons, bilans, contradictions', y);
        y += Math.max(1, levels.length) * rowH;
      } else {
        var kind = KIND_OF[group.key];
        groupItems.sort(function (a, b) {
          var fa = a.runs[0] ? a.runs[0].from : '';
          var fb = b.runs[0] ? b.runs[0].from : '';
          return fa < fb ? -1 : fa > fb ? 1 : a.name.localeCompare(b.name, 'fr');
        });
        groupItems.forEach(function (it) {
          it.runs.forEach(function (run) {
            var stop = run.to || axisEndDay;
            var role = group.key === 'parties' ? 'signataire ' : '';
            var label = it.name + ' : ' + role + period(run.from, stop, !run.to) + (run.first.approximate ? ' ; début approximatif (' + dateLabel(run.first.sinceEdtf) + ')' : '');
            bar('bar-' + kind + (run.first.approximate ? ' approx-start' : ''), run.from, stop, y, label, { kind: kind, id: it.id });
          });
          laneLabel(it.name, y, true);
          y += rowH;
        });
      }
      y += 6;
    });

    var height = y + 4;
    bg.setAttribute('height', String(height - top + 2));
    bg.setAttribute('y', String(top - 4));
    // Year ticks
    var years = (model.axisMax - model.axisMin) / 365.25;
    var stepChoices = [1, 2, 5, 10, 20, 50, 100];
    var step = stepChoices.filter(function (s) { return (x1 - x0) / (years / s) >= 38; })[0] || 100;
    var firstYear = +numDay(model.axisMin).slice(0, 4);
    var lastYear = +numDay(model.axisMax).slice(0, 4) + 1;
    for (var yr = Math.ceil(firstYear / step) * step; yr <= lastYear; yr += step) {
      var tx = x(pad(yr, 4) + '-01-01');
      if (tx < x0 - 0.5 || tx > x1 + 0.5) continue;
      grid.appendChild(svg('line', { class: 'tick', x1: tx.toFixed(1), x2: tx.toFixed(1), y1: top - 8, y2: height }));
      if (tx > width - 14) continue;
      grid.appendChild(svg('text', { class: 'tick-label', x: tx.toFixed(1), y: top - 12, 'text-anchor': 'middle', text: String(yr) }));
    }
    var cursor = svg('line', { class: 'cursor', y1: top - 6, y2: height, 'aria-hidden': 'true' });
    var cursorLabel = svg('text', { class: 'cursor-label', y: height + 12, 'aria-hidden': 'true' });
    root.appendChild(cursor);
    root.appendChild(cursorLabel);
    root.setAttribute('height', String(height + 16));
    root.setAttribute('viewBox', '0 0 ' + width + ' ' + (height + 16));
    container.appendChild(root);
    layout = { root: root, x: x, x0: x0, x1: x1, span: span, cursor: cursor, cursorLabel: cursorLabel, elements: elements, width: width };
    container.setAttribute('data-ready', 'true');
    container.setAttribute('data-known-at', view.knownAt || '');
    updateCursor();
    markTimeline();
  }

  function updateCursor() {
    if (!layout || !view.at) return;
    var model = store.model;
    var n = Math.min(Math.max(dayNum(view.at), model.axisMin), model.axisMax);
    var cx = layout.x(numDay(n)).toFixed(1);
    layout.cursor.setAttribute('x1', cx);
    layout.cursor.setAttribute('x2', cx);
    var label = frDay(view.at);
    layout.cursorLabel.textContent = label;
    var anchorEnd = Number(cx) > layout.width - 90;
    layout.cursorLabel.setAttribute('x', cx);
    layout.cursorLabel.setAttribute('text-anchor', anchorEnd ? 'end' : Number(cx) < layout.x0 + 60 ? 'start' : 'middle');
  }
  /** Elements in force on the date shown get aria-current (announced, and styled by nothing but the cursor). */
  function markTimeline() {
    if (!layout || !view.at) return;
    layout.elements.forEach(function (el) {
      var from = el.getAttribute('data-from');
      var to = el.getAttribute('data-to');
      if (from && to && from <= view.at && view.at <= to) el.setAttribute('aria-current', 'date');
      else el.removeAttribute('aria-current');
    });
  }

  function onTimelineActivate(event) {
    var target = event.target;
    if (!target || !target.closest) return;
    var el = target.closest('.el');
    if (el && el.getAttribute('data-date')) {
      setAt(el.getAttribute('data-date'));
      return;
    }
    if (target.classList && target.classList.contains('plot-bg') && layout) {
      var rect = layout.root.getBoundingClientRect();
      var scale = layout.width / rect.width;
      var px = (event.clientX - rect.left) * scale;
      var model = store.model;
      var n = Math.round(model.axisMin + ((px - layout.x0) / (layout.x1 - layout.x0)) * layout.span);
      setAt(numDay(Math.min(Math.max(n, model.axisMin), model.axisMax)));
    }
  }

  // ------------------------------------------------------------------ diff between two dates
  function describeValue(field, value) {
    if (value === null || value === undefined) return '—';
    if (typeof value === 'boolean') return value ? 'oui' : 'non';
    if (isDay(value)) return frDay(value);
    if (typeof value === 'string') return /Edtf$/.test(field) || field === 'originalEnd' ? dateLabel(value) : value;
    if (typeof value === 'number') return String(value);
    if (Array.isArray(value)) {
      return value.map(function (v) {
        if (v && typeof v === 'object') {
          if (v.newEnd) return (TERM_CHANGE[v.kind] || v.kind) + ' (' + dateLabel(v.effectiveDate) + ')';
          return v.name || v.claim || v.id || JSON.stringify(v);
        }
        if (field === 'conventions') return nameOfConvention(v);
        if (field === 'domains') return MISSION_DOMAIN[v] || v;
        return String(v);
      }).join(', ') || '—';
    }
    if (typeof value === 'object') {
      return Object.keys(value).map(function (k) { return (FIGURE_LABEL[k] || k) + ' : ' + value[k]; }).join(' ; ');
    }
    return String(value);
  }
  function describeChange(change) {
    var label = FIELD_LABEL[change.field] || change.field;
    var before = change.before;
    var after = change.after;
    if ((change.field === 'parties' || change.field === 'termChanges' || change.field === 'conventions' || change.field === 'conflicts') &&
        (Array.isArray(before) || before === null) && (Array.isArray(after) || after === null)) {
      var key = function (v) { return v && typeof v === 'object' ? (v.id || v.eventId || JSON.stringify(v)) : String(v); };
      var was = (before || []).map(key);
      var now = (after || []).map(key);
      var added = (after || []).filter(function (v) { return was.indexOf(key(v)) < 0; });
      var removed = (before || []).filter(function (v) { return now.indexOf(key(v)) < 0; });
      var parts = [];
      if (added.length) parts.push('ajout de ' + describeValue(change.field, added));
      if (removed.length) parts.push('retrait de ' + describeValue(change.field, removed));
      return h('li', null, [h('strong', { text: label }), ' : ' + (parts.join(' ; ') || 'réordonné')]);
    }
    return h('li', null, [h('strong', { text: label }), ' : ' + describeValue(change.field, before) + ' → ' + describeValue(change.field, after)]);
  }
  function eventSubject(e) {
    var d = e.data || {};
    var names = store.history ? store.history.names : {};
    function conv(id) { return names['convention:' + id] || nameOfConvention(id); }
    switch (e.type) {
      case 'ConventionSigned': return d.name + (d.parties ? ' (' + d.parties.length + ' signataires)' : '');
      case 'ConventionExtended':
      case 'ConventionRenewed': return conv(d.conventionId) + ' : fin portée à ' + dateLabel(d.newEnd);
      case 'ConventionEnded': return conv(d.conventionId);
      case 'PartyJoined': return (d.party ? d.party.name : '?') + ' rejoint ' + conv(d.conventionId);
      case 'PartyWithdrew': return (names['party:' + d.partyId] || d.partyId) + ' quitte ' + conv(d.conventionId);
      case 'SupportMissionEnded': return names['mission:' + d.missionId] || d.missionId;
      case 'InstrumentRepealed': return names['instrument:' + d.instrumentId] || d.instrumentId;
      case 'BodyDissolved': return names['body:' + d.bodyId] || d.bodyId;
      case 'SourceConflictNoted': return d.subject;
      case 'FactCorrected':
      case 'FactRetracted': {
        var pos = store.history ? store.history.positionOf[d.eventId] : undefined;
        return (pos !== undefined ? 'fait n° ' + pos : 'fait ' + d.eventId) + ' : ' + d.reason;
      }
      default: return d.name || d.subject || '';
    }
  }

  function renderDiff(diff) {
    var out = $('diff-result');
    clear(out);
    var title = 'Du ' + frDay(diff.from) + ' au ' + frDay(diff.to) + (diff.knownAt ? ', tel que connu au ' + frInstant(diff.knownAt) : '');
    function column(id, heading, entries, render) {
      return h('section', { class: 'diff-column', 'aria-labelledby': id }, [
        h('h4', { id: id, text: heading + ' (' + entries.length + ')' }),
        entries.length
          ? h('ul', { class: 'diff-list', 'data-list': id }, entries.map(render))
          : h('p', { class: 'help', text: 'Aucun.' }),
      ]);
    }
    out.appendChild(h('h3', { text: title }));
    out.appendChild(h('div', { class: 'diff-columns' }, [
      column('diff-entres', 'Entrés en vigueur', diff.cameIntoForce, function (e) {
        return h('li', { 'data-kind': e.kind, 'data-id': e.id }, [
          h('span', { class: 'diff-new', text: 'Nouveau' }), ' ',
          (KIND_LABEL[e.kind] || e.kind) + ' : ', h('strong', { class: 'diff-name', text: e.name }),
          ', ' + sincePhrase({ since: e.since, approximate: e.approximate, sinceEdtf: sinceEdtfOf(e) }) + ' ',
          e.approximate ? approxBadge({ since: e.since, sinceEdtf: sinceEdtfOf(e) }) : null,
        ]);
      }),
      column('diff-termines', 'Terminés', diff.ended, function (e) {
        return h('li', { 'data-kind': e.kind, 'data-id': e.id }, [
          h('span', { class: 'diff-ended', text: 'Terminé' }), ' ',
          (KIND_LABEL[e.kind] || e.kind) + ' : ', h('strong', { class: 'diff-name', text: e.name }),
        ]);
      }),
      column('diff-modifies', 'Modifiés', diff.changed, function (c) {
        var fields = c.fields.filter(function (f) {
          if (/Edtf$/.test(f.field)) {
            var base = f.field.replace(/Edtf$/, '');
            return !c.fields.some(function (g) { return g.field === base; });
          }
          return true;
        });
        return h('li', { 'data-kind': c.kind, 'data-id': c.id }, [
          (KIND_LABEL[c.kind] || c.kind) + ' : ', h('strong', { class: 'diff-name', text: c.name }),
          h('ul', { class: 'field-changes' }, fields.map(describeChange)),
        ]);
      }),
    ]));
    var events = diff.events || [];
    out.appendChild(h('section', { class: 'diff-events', 'aria-labelledby': 'diff-faits' }, [
      h('h4', { id: 'diff-faits', text: "Faits datés dans l'intervalle (" + events.length + ')' }),
      events.length
        ? h('ul', { class: 'diff-list' }, events.map(function (e) {
            return h('li', null, [
              h('strong', { text: dateLabel(e.effectiveDate) }), e.approximate ? ' ≈' : '', ' — ',
              (EVENT_TYPE[e.type] || e.type) + ' : ' + eventSubject(e) + ' ',
              sourceDetails(e.source, (EVENT_TYPE[e.type] || e.type) + ' ' + eventSubject(e), e.eventId),
            ]);
          }))
        : h('p', { class: 'help', text: 'Aucun.' }),
    ]));
    out.setAttribute('data-from', diff.from);
    out.setAttribute('data-to', diff.to);
    out.setAttribute('data-known-at', diff.knownAt || '');
  }
  /** The date as the source gives it, for an item that came into force (from the sampled states). */
  function sinceEdtfOf(entry) {
    var model = store.model;
    if (!model) return entry.since;
    var key = keyOfKind(entry.kind);
    var found = null;
    model.items.forEach(function (it) {
      if (it.key === key && it.id === entry.id) it.runs.forEach(function (r) { if (r.first.since === entry.since) found = r.first.sinceEdtf; });
    });
    return found || entry.since;
  }

  function loadDiff() {
    var from = view.from;
    var to = view.to;
    if (!view.framework || !isDay(from) || !isDay(to)) return Promise.resolve();
    var mine = ++seq.diff;
    $('diff-result').setAttribute('aria-busy', 'true');
    return getJson(frameworkPath('diff', { from: from, to: to, knownAt: view.knownAt }))
      .then(function (diff) {
        if (mine !== seq.diff) return;
        renderDiff(diff);
        $('diff-result').setAttribute('aria-busy', 'false');
      })
      .catch(function (error) {
        if (mine !== seq.diff) return;
        $('diff-result').setAttribute('aria-busy', 'false');
        clear($('diff-result'));
        $('diff-result').appendChild(h('p', { class: 'message', text: error.message }));
      });
  }

  // ------------------------------------------------------------------ audit log
  function indexHistory(answer) {
    var positionOf = {};
    var names = {};
    answer.events.forEach(function (e) {
      positionOf[e.eventId] = e.position;
      var d = e.data || {};
      if (d.conventionId && d.name) names['convention:' + d.conventionId] = d.name;
      if (d.missionId && d.name) names['mission:' + d.missionId] = d.name;
      if (d.instrumentId && d.name) names['instrument:' + d.instrumentId] = d.name;
      if (d.bodyId && d.name) names['body:' + d.bodyId] = d.name;
      if (d.reviewId && d.name) names['review:' + d.reviewId] = d.name;
      if (d.milestoneId && d.name) names['milestone:' + d.milestoneId] = d.name;
      (d.parties || []).forEach(function (p) { names['party:' + p.id] = p.name; });
      if (d.party) names['party:' + d.party.id] = d.party.name;
    });
    return { events: answer.events, positionOf: positionOf, names: names };
  }

  function fillSelect(select, values, labels) {
    var current = select.value;
    while (select.options.length > 1) select.remove(1);
    values.forEach(function (v) { select.appendChild(h('option', { value: v, text: labels ? labels[v] || v : v })); });
    if (values.indexOf(current) >= 0) select.value = current;
  }

  function renderAudit() {
    var out = $('audit');
    clear(out);
    if (!store.history) return;
    var all = store.history.events;
    var actor = $('audit-actor').value;
    var type = $('audit-type').value;
    var rows = all.filter(function (e) { return (!actor || e.recordedBy === actor) && (!type || e.type === type); });
    var knownAt = view.knownAt ? new Date(view.knownAt).getTime() : null;
    var later = 0;
    $('audit-count').textContent = (rows.length === all.length ? plural(all.length, ['enregistrement', 'enregistrements']) : rows.length + ' sur ' + all.length + ' enregistrements') + ", dans l'ordre d'enregistrement.";
    var pos = store.history.positionOf;
    function ref(eventId, prefix) {
      return h('a', { href: '#fait-' + eventId, text: prefix + (pos[eventId] !== undefined ? 'n° ' + pos[eventId] : eventId) });
    }
    var labels = ['N°', 'Enregistré le', 'Par', 'Fait', "Date d'effet", 'Source', 'Corrections'];
    var table = h('table', { class: 'audit-table' }, [
      h('caption', { text: "Journal d'audit" + (currentFramework() ? ' — ' + currentFramework().name : '') }),
      h('thead', null, h('tr', null, labels.map(function (l) { return h('th', { scope: 'col', text: l }); }))),
      h('tbody', null, rows.map(function (e) {
        var isLater = knownAt !== null && new Date(e.recordedAt).getTime() > knownAt;
        if (isLater) later++;
        var corrections = [];
        if (e.corrects) corrections.push(h('span', { class: 'tag tag-correction', text: 'correction' }), ' ', ref(e.corrects, 'corrige le fait '));
        if (e.retracts) corrections.push(h('span', { class: 'tag tag-retraction', text: 'retrait' }), ' ', ref(e.retracts, 'retire le fait '));
        (e.correctedBy || []).forEach(function (id) { corrections.push(h('div', null, ref(id, 'corrigé par '))); });
        if (e.retractedBy) corrections.push(h('div', null, ref(e.retractedBy, 'retiré par ')));
        var subject = eventSubject(e);
        return h('tr', {
          id: 'fait-' + e.eventId,
          class: [isLater ? 'later' : '', e.retractedBy ? 'retracted' : ''].join(' ').trim() || null,
          'data-event-id': e.eventId,
          'data-type': e.type,
        }, [
          h('td', { 'data-label': labels[0], class: 'col-nowrap', text: String(e.position) }),
          h('td', { 'data-label': labels[1] }, [
            h('time', { datetime: e.recordedAt, text: frInstant(e.recordedAt) }),
            isLater ? [' ', h('span', { class: 'tag', text: 'postérieur au « connu au »' })] : null,
          ]),
          h('td', { 'data-label': labels[2], class: 'actor col-nowrap', text: e.recordedBy }),
          h('td', { 'data-label': labels[3] }, [
            h('strong', { text: EVENT_TYPE[e.type] || e.type }), ' : ', h('span', { class: 'fact-name', text: subject }),
          ]),
          h('td', { 'data-label': labels[4], text: dateLabel(e.effectiveDate) }),
          h('td', { 'data-label': labels[5] }, [
            h('span', { class: 'document', text: e.source ? e.source.document : '' }),
            sourceDetails(e.source, (EVENT_TYPE[e.type] || e.type) + ' n° ' + e.position, null),
          ]),
          h('td', { 'data-label': labels[6] }, corrections.length ? corrections : '—'),
        ]);
      })),
    ]);
    out.appendChild(table);
    if (knownAt !== null && later) {
      $('audit-count').textContent += ' ' + plural(later, ['enregistrement postérieur', 'enregistrements postérieurs']) + ' à l\u2019instant « connu au ».';
    }
  }

  function loadHistory() {
    var mine = ++seq.history;
    return getJson(frameworkPath('history')).then(function (answer) {
      if (mine !== seq.history) return;
      store.history = indexHistory(answer);
      var actors = [];
      var types = [];
      answer.events.forEach(function (e) {
        if (actors.indexOf(e.recordedBy) < 0) actors.push(e.recordedBy);
        if (types.indexOf(e.type) < 0) types.push(e.type);
      });
      fillSelect($('audit-actor'), actors.sort());
      fillSelect($('audit-type'), types, EVENT_TYPE);
      var bounds = $('known-at-bornes');
      if (answer.events.length) {
        bounds.textContent = 'Enregistrements du ' + frInstant(answer.events[0].recordedAt) + ' au ' + frInstant(answer.events[answer.events.length - 1].recordedAt) + '.';
      } else {
        bounds.textContent = '';
      }
      renderAudit();
    });
  }

  // ------------------------------------------------------------------ framework
  function currentFramework() {
    return store.frameworks.filter(function (f) { return f.id === view.framework; })[0] || null;
  }

  function loadFramework() {
    var fw = currentFramework();
    $('framework-title').textContent = fw ? fw.name + (fw.description ? ' — ' + fw.description : '') : '';
    return Promise.all([loadModel(), loadHistory()])
      .then(function () {
        var model = store.model;
        if (!view.at && model) view.at = minDay(today(), numDay(model.axisMax));
        if (!view.at) view.at = today();
        $('date').value = view.at;
        syncSlider();
        updateCursor();
        if (!view.diffShown || !isDay(view.from) || !isDay(view.to)) {
          view.from = addYears(view.at, -2);
          view.to = view.at;
        }
        $('diff-from').value = view.from;
        $('diff-to').value = view.to;
        writeUrl();
        return Promise.all([loadState(), loadDiff()]);
      })
      .catch(function (error) { showMessage(error.message); });
  }

  // ------------------------------------------------------------------ start
  function bind() {
    $('controls').addEventListener('submit', function (e) { e.preventDefault(); });
    $('framework').addEventListener('change', function () {
      view.framework = $('framework').value;
      store.model = null;
      store.history = null;
      writeUrl();
      loadFramework();
    });
    $('date').addEventListener('change', function () {
      var value = $('date').value;
      if (isDay(value)) {
        clearMessage();
        setAt(value);
      } else if (value) {
        showMessage('Date invalide : utilisez le format AAAA-MM-JJ.');
      }
    });
    var slider = $('date-slider');
    slider.addEventListener('input', function () { setAt(numDay(Number(slider.value)), { debounce: true }); });
    slider.addEventListener('change', function () { setAt(numDay(Number(slider.value))); });
    slider.addEventListener('keydown', function (e) {
      if (e.key !== 'PageUp' && e.key !== 'PageDown') return;
      e.preventDefault();
      var model = store.model;
      if (!model || !view.at) return;
      var next = addYears(view.at, e.key === 'PageUp' ? 1 : -1);
      var n = Math.min(Math.max(dayNum(next), model.axisMin), model.axisMax);
      setAt(numDay(n), { debounce: true });
    });
    $('known-at').addEventListener('change', function () {
      var instant = fieldToInstant($('known-at').value);
      if (instant === undefined) {
        showMessage('Instant « connu au » invalide.');
        return;
      }
      setKnownAt(instant);
    });
    $('known-at-clear').addEventListener('click', function () {
      $('known-at').value = '';
      setKnownAt(null);
    });
    $('diff-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var from = $('diff-from').value;
      var to = $('diff-to').value;
      if (!isDay(from) || !isDay(to)) {
        showDiffProblem('Indiquez deux dates (AAAA-MM-JJ).');
        return;
      }
      if (to < from) {
        showDiffProblem('La date « Au » ne peut pas précéder la date « Du ».');
        return;
      }
      view.from = from;
      view.to = to;
      view.diffShown = true;
      writeUrl();
      loadDiff();
    });
    $('audit-actor').addEventListener('change', renderAudit);
    $('audit-type').addEventListener('change', renderAudit);
    var timeline = $('timeline');
    timeline.addEventListener('click', onTimelineActivate);
    timeline.addEventListener('keydown', function (e) {
      if (e.key !== 'Enter' && e.key !== ' ' && e.key !== 'Spacebar') return;
      var el = e.target && e.target.closest ? e.target.closest('.el') : null;
      if (!el) return;
      e.preventDefault();
      setAt(el.getAttribute('data-date'));
    });
    var lastWidth = 0;
    var pending = false;
    var observer = new ResizeObserver(function () {
      var width = Math.floor(timeline.clientWidth);
      if (width === lastWidth || pending) return;
      pending = true;
      requestAnimationFrame(function () {
        pending = false;
        var w = Math.floor(timeline.clientWidth);
        if (w !== lastWidth && store.model) {
          lastWidth = w;
          var focused = document.activeElement;
          var key = focused && focused.getAttribute && focused.classList.contains('el')
            ? [focused.getAttribute('data-kind'), focused.getAttribute('data-id'), focused.getAttribute('data-from')] : null;
          renderTimeline();
          if (key) {
            var again = layout && layout.elements.filter(function (el) {
              return el.getAttribute('data-kind') === key[0] && el.getAttribute('data-id') === key[1] && el.getAttribute('data-from') === key[2];
            })[0];
            if (again) again.focus();
          }
        }
      });
    });
    observer.observe(timeline);
  }
  function showDiffProblem(text) {
    var out = $('diff-result');
    clear(out);
    out.appendChild(h('p', { class: 'message', role: 'alert', text: text }));
  }
  function setKnownAt(instant) {
    clearMessage();
    view.knownAt = instant;
    writeUrl();
    renderAudit();
    loadModel().catch(function (error) { showMessage(error.message); });
    loadState();
    loadDiff();
  }

  function start() {
    bind();
    var p = new URLSearchParams(location.search);
    var at = p.get('at');
    var knownAt = p.get('knownAt');
    var from = p.get('from');
    var to = p.get('to');
    if (at) {
      if (isDay(at)) view.at = at;
      else showMessage('Date invalide dans l’adresse : « ' + at + ' ».');
    }
    if (knownAt) {
      var field = instantToField(knownAt);
      if (field) {
        view.knownAt = fieldToInstant(field);
        $('known-at').value = field;
      } else {
        showMessage('Instant « connu au » invalide dans l’adresse : « ' + knownAt + ' ».');
      }
    }
    if (isDay(from) && isDay(to) && from <= to) {
      view.from = from;
      view.to = to;
      view.diffShown = true;
    }
    getJson(API)
      .then(function (frameworks) {
        store.frameworks = frameworks;
        var select = $('framework');
        clear(select);
        frameworks.forEach(function (f) { select.appendChild(h('option', { value: f.id, text: f.name })); });
        if (!frameworks.length) {
          $('framework-title').textContent = '';
          showMessage("Aucun dispositif n'est enregistré.");
          $('etat').setAttribute('aria-busy', 'false');
          return;
        }
        var wanted = p.get('framework');
        if (wanted && !frameworks.some(function (f) { return f.id === wanted; })) {
          showMessage('Dispositif inconnu : « ' + wanted + ' ». Affichage de « ' + frameworks[0].name + ' ».');
          wanted = null;
        }
        view.framework = wanted || frameworks[0].id;
        select.value = view.framework;
        return loadFramework();
      })
      .catch(function (error) { showMessage(error.message); });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;

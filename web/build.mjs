// Builds the browser client into dist/web: type-checks web/src against the DOM (web/tsconfig.json),
// then writes the page as three files, so that the first view costs few requests:
//   js/main.js        every module reachable from web/src/main.ts, in one script — the client's own
//                     modules and the pure modules it shares with the server (src/libs/…); the
//                     server types it imports with `import type` are erased;
//   styles/page.css   the style sheets of web/styles, in the order of STYLES (print rules included);
//   index.html        the page, naming those two files.
// No bundler is needed: each module is compiled alone (TypeScript, CommonJS form) and wrapped in a
// function of a small module table, in the order the modules are first required.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const WEB = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(WEB, '..');
const SRC = join(WEB, 'src');
const OUT = join(ROOT, 'dist/web');
/** The style sheets, in cascade order (print.css last: its rules apply to paper only). */
const STYLES = ['base.css', 'state.css', 'evidence.css', 'timeline.css', 'diff-audit.css', 'versions.css', 'record.css', 'receipt.css', 'print.css'];

const configPath = join(WEB, 'tsconfig.json');
const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: fail });
if (!config) fail('web/tsconfig.json could not be read');
const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
const diagnostics = ts.getPreEmitDiagnostics(program);
if (diagnostics.length > 0) fail(ts.formatDiagnosticsWithColorAndContext(diagnostics, { ...ts.sys, getCanonicalFileName: (f) => f, getNewLine: () => '\n' }));

/** Module id (path from the project root) → its code, as a function body of (exports, require). */
const modules = new Map();
function add(file) {
  const id = relative(ROOT, file).split(sep).join('/');
  if (modules.has(id)) return id;
  if (id.startsWith('..') || !id.endsWith('.ts')) fail(`the client may only import modules of the project: ${file}`);
  modules.set(id, null);
  const { outputText, diagnostics: problems } = ts.transpileModule(readFileSync(file, 'utf8'), {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, removeComments: true, isolatedModules: true },
  });
  if (problems?.length) fail(ts.formatDiagnostics(problems, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' }));
  const code = outputText.replace(/\brequire\("([^"]+)"\)/g, (_, specifier) => {
    if (!specifier.startsWith('.')) fail(`${id} imports ${specifier}: the page loads no package`);
    return `require(${JSON.stringify(add(resolve(dirname(file), specifier.replace(/\.js$/, '.ts'))))})`;
  });
  modules.set(id, code);
  return id;
}
const entry = add(join(SRC, 'main.ts'));
const definitions = [...modules].map(([id, code]) => `${JSON.stringify(id)}: function (exports, require) {\n${code.trim()}\n}`).join(',\n');
const bundle = `// Historique de la gouvernance: the page's modules (web/src, and the pure modules it shares with the server), built by web/build.mjs.
(() => {
'use strict';
const definitions = {
${definitions}
};
const loaded = {};
function require(id) {
  let exports = loaded[id];
  if (!exports) {
    exports = loaded[id] = {};
    definitions[id](exports, require);
  }
  return exports;
}
require(${JSON.stringify(entry)});
})();
`;

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'js'), { recursive: true });
mkdirSync(join(OUT, 'styles'), { recursive: true });
writeFileSync(join(OUT, 'js/main.js'), bundle);
writeFileSync(join(OUT, 'styles/page.css'), STYLES.map((name) => `/* ${name} */\n${readFileSync(join(WEB, 'styles', name), 'utf8').trim()}\n`).join('\n'));
writeFileSync(join(OUT, 'index.html'), readFileSync(join(WEB, 'index.html'), 'utf8'));
console.log(`web client: ${modules.size} modules in js/main.js (${bundle.length} bytes), ${STYLES.length} style sheets in styles/page.css`);

function fail(message) {
  console.error(typeof message === 'string' ? message : ts.flattenDiagnosticMessageText(message.messageText, '\n'));
  process.exit(1);
}

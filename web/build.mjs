// Builds the browser client into dist/web: type-checks web/src against the DOM (web/tsconfig.json),
// emits its modules alone to dist/web/js (the server types it imports with `import type` are erased),
// and copies index.html and the style sheets. No bundler: the browser loads the ES modules as they are.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const WEB = dirname(fileURLToPath(import.meta.url));
const SRC = join(WEB, 'src');
const OUT = resolve(WEB, '../dist/web');

const configPath = join(WEB, 'tsconfig.json');
const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: fail });
if (!config) fail('web/tsconfig.json could not be read');
const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
const diagnostics = ts.getPreEmitDiagnostics(program);
if (diagnostics.length > 0) fail(ts.formatDiagnosticsWithColorAndContext(diagnostics, { ...ts.sys, getCanonicalFileName: (f) => f, getNewLine: () => '\n' }));

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'js'), { recursive: true });
const modules = [];
for (const file of program.getSourceFiles()) {
  if (file.isDeclarationFile || !resolve(file.fileName).startsWith(SRC + sep)) continue;
  const emitted = program.emit(file, (name, text) => {
    // A module of types only (erased) is `export {};`: nothing to load.
    if (!name.endsWith('.js') || text.replace(/\/\/.*$/gm, '').trim() === 'export {};') return;
    const target = join(OUT, 'js', relative(SRC, resolve(file.fileName)).replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    modules.push(relative(OUT, target).split(sep).join('/'));
  });
  if (emitted.emitSkipped) fail(`could not emit ${file.fileName}`);
}

// Every module is announced in the page, so that the browser fetches them at once rather than import by import.
const preload = modules
  .filter((m) => m !== 'js/main.js')
  .sort()
  .map((m) => `<link rel="modulepreload" href="/assets/${m}">`)
  .join('\n');
writeFileSync(join(OUT, 'index.html'), readFileSync(join(WEB, 'index.html'), 'utf8').replace('<!-- modulepreload -->', preload));
mkdirSync(join(OUT, 'styles'), { recursive: true });
for (const css of readdirSync(join(WEB, 'styles')).filter((f) => f.endsWith('.css'))) copyFileSync(join(WEB, 'styles', css), join(OUT, 'styles', basename(css)));


function fail(message) {
  console.error(typeof message === 'string' ? message : ts.flattenDiagnosticMessageText(message.messageText, '\n'));
  process.exit(1);
}

// Bundles the package's code into dist/ (tsc writes only the declarations):
// the CLI (dist/bin/postmortem.js), the library (dist/index.js) and the build's
// worker thread (dist/pipeline/build-worker.js), sharing their chunks in
// dist/bin/chunks/. One file to load instead of hundreds roughly halves
// start-up, commands stay separate chunks loaded only when chosen, and the
// package installs with no dependencies: their code is in the bundle, their
// licences in dist/THIRD-PARTY-LICENSES.md.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { build } from 'esbuild';

// Chunk names carry a content hash: clear the old ones so dist/ holds only this build.
for (const path of ['dist/bin', 'dist/index.js', 'dist/pipeline/build-worker.js']) rmSync(path, { recursive: true, force: true });

// Which code the bundle holds (src/tool-id.ts): its sources and the locked dependencies,
// so build's manifest never trusts postmortems an earlier version of the tool wrote.
const buildId = createHash('sha256');
for (const file of ['package.json', 'package-lock.json', ...readdirSync('src', { recursive: true }).map((name) => join('src', String(name))).sort()]) {
  if (file === 'package.json' || file === 'package-lock.json' || file.endsWith('.ts')) buildId.update(file).update(readFileSync(file));
}

const bundled = await build({
  metafile: true,
  entryPoints: {
    'bin/postmortem': 'src/cli/bin.ts',
    index: 'src/index.ts',
    // Started by src/pipeline/worker-pool.ts as a worker thread.
    'pipeline/build-worker': 'src/pipeline/build-worker.ts',
    // Loaded with require() beside the chunk that holds unsafe-links.ts, only when a field needs the parser.
    'bin/chunks/unsafe-links-parser': 'src/rules/unsafe-links-parser.ts',
    // The same for the review checks' prose parser (src/checks/prose.ts loads it).
    'bin/chunks/prose-parser': 'src/checks/prose-parser.ts',
  },
  define: { __POSTMORTEM_BUILD_ID__: JSON.stringify(buildId.digest('base64url')) },
  outdir: 'dist',
  chunkNames: 'bin/chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS dependencies inside an ES module bundle still call require() for Node's own modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
  // yaml's ES module build (the one browsers get): its Node build is CommonJS, which esbuild can
  // neither tree-shake nor hoist, so each of its 60 modules ran in a wrapper at start-up. The two
  // builds are the same code but for how a warning is printed, and parse-yaml.ts prints none.
  alias: { yaml: './node_modules/yaml/browser/index.js' },
});
// BUNDLE_METAFILE=meta.json writes esbuild's account of which module went into which chunk
// (what each command loads at start-up; https://esbuild.github.io/analyze/ reads it).
if (process.env.BUNDLE_METAFILE) writeFileSync(process.env.BUNDLE_METAFILE, JSON.stringify(bundled.metafile));

// The parsers are required by a path relative to the module that loads them: it must be a chunk beside them.
for (const [loader, parser] of [['src/checks/prose.ts', 'prose-parser.js'], ['src/rules/unsafe-links.ts', 'unsafe-links-parser.js']]) {
  const holders = Object.entries(bundled.metafile.outputs).filter(([, output]) => loader in output.inputs);
  if (holders.length === 0 || holders.some(([path]) => !existsSync(join(dirname(path), parser)))) {
    throw new Error(`${loader} is bundled into ${holders.map(([path]) => path).join(', ') || 'no file'}, not beside ${parser}`);
  }
}

writeFileSync('dist/THIRD-PARTY-LICENSES.md', thirdPartyLicences(bundled.metafile));

/** The licence of every package the bundle holds code of, from its package.json and its licence file. */
function thirdPartyLicences(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/)((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.set(match[1] + match[2], match[2]);
  }
  // By name and version: a package installed in two places is listed once.
  const listed = new Map();
  for (const [folder, name] of packages) {
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    const licenceFile = readdirSync(folder).find((file) => /^(licen[cs]e|copying)([.-]|$)/i.test(file));
    if (!licenceFile) throw new Error(`${name} has no licence file to ship with the bundle`);
    const text = readFileSync(join(folder, licenceFile), 'utf8').trim();
    listed.set(`${name} ${manifest.version}`, `Licence: ${manifest.license}\n\n\`\`\`\`text\n${text}\n\`\`\`\`\n`);
  }
  const sections = [...listed.keys()].sort().map((title) => `## ${title}\n\n${listed.get(title)}`);
  const head = '# Third-party licences\n\nThe code of these packages is bundled into `dist/` (see scripts/bundle.mjs); their licences follow.\n';
  return [head, ...sections].join('\n');
}

// Mermaid's browser bundle, which publish copies into html and MkDocs sites, is
// the only file of the package the tool needs: copied here (with its licence)
// from the dev dependency, so installing postmortem does not pull 80 MB of mermaid.
const mermaidRoot = dirname(createRequire(import.meta.url).resolve('mermaid/package.json'));
mkdirSync('dist/assets', { recursive: true });
copyFileSync(join(mermaidRoot, 'dist', 'mermaid.min.js'), 'dist/assets/mermaid.min.js');
// publish keeps it as bytes and decodes it only to write it (src/publish/target.ts, SiteFile): it must be UTF-8 that decodes and encodes back to itself.
const mermaidBytes = readFileSync('dist/assets/mermaid.min.js');
if (!Buffer.from(mermaidBytes.toString('utf8'), 'utf8').equals(mermaidBytes)) throw new Error('mermaid.min.js is not valid UTF-8');
copyFileSync(join(mermaidRoot, 'LICENSE'), 'dist/assets/mermaid.LICENSE');

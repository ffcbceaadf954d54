// Bundles the CLI into dist/bin/ (after tsc has built dist/): one file to load
// instead of hundreds, which roughly halves start-up. Commands stay separate
// chunks, loaded only when chosen. The library (dist/index.js) is tsc's output.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { build } from 'esbuild';

// Chunk names carry a content hash: clear the old ones so dist/bin holds only this build.
rmSync('dist/bin', { recursive: true, force: true });

// Which code the bundle holds (src/tool-id.ts): its sources and the locked dependencies,
// so build's manifest never trusts postmortems an earlier version of the tool wrote.
const buildId = createHash('sha256');
for (const file of ['package.json', 'package-lock.json', ...readdirSync('src', { recursive: true }).map((name) => join('src', String(name))).sort()]) {
  if (file === 'package.json' || file === 'package-lock.json' || file.endsWith('.ts')) buildId.update(file).update(readFileSync(file));
}

// BUNDLE_METAFILE=meta.json writes esbuild's account of which module went into which chunk
// (what each command loads at start-up; https://esbuild.github.io/analyze/ reads it).
const metafilePath = process.env.BUNDLE_METAFILE;
const bundled = await build({
  metafile: Boolean(metafilePath),
  entryPoints: {
    postmortem: 'src/cli/bin.ts',
    // Loaded with require() beside the chunk that holds unsafe-links.ts, only when a field needs the parser.
    'chunks/unsafe-links-parser': 'src/rules/unsafe-links-parser.ts',
    // The same for the review checks' prose parser (src/checks/prose.ts loads it).
    'chunks/prose-parser': 'src/checks/prose-parser.ts',
  },
  define: { __POSTMORTEM_BUILD_ID__: JSON.stringify(buildId.digest('base64url')) },
  outdir: 'dist/bin',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS dependencies inside an ES module bundle still call require() for Node's own modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
if (metafilePath) writeFileSync(metafilePath, JSON.stringify(bundled.metafile));

// Mermaid's browser bundle, which publish copies into html and MkDocs sites, is
// the only file of the package the tool needs: copied here (with its licence)
// from the dev dependency, so installing postmortem does not pull 80 MB of mermaid.
const mermaidRoot = dirname(createRequire(import.meta.url).resolve('mermaid/package.json'));
mkdirSync('dist/assets', { recursive: true });
copyFileSync(join(mermaidRoot, 'dist', 'mermaid.min.js'), 'dist/assets/mermaid.min.js');
copyFileSync(join(mermaidRoot, 'LICENSE'), 'dist/assets/mermaid.LICENSE');

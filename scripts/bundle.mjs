// Bundles the CLI into dist/bin/ (after tsc has built dist/): one file to load
// instead of hundreds, which roughly halves start-up. Commands stay separate
// chunks, loaded only when chosen. The library (dist/index.js) is tsc's output.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

// Chunk names carry a content hash: clear the old ones so dist/bin holds only this build.
rmSync('dist/bin', { recursive: true, force: true });

await build({
  entryPoints: { postmortem: 'src/cli/bin.ts' },
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

// Mermaid's browser bundle, which publish copies into html and MkDocs sites, is
// the only file of the package the tool needs: copied here (with its licence)
// from the dev dependency, so installing postmortem does not pull 80 MB of mermaid.
const mermaidRoot = dirname(createRequire(import.meta.url).resolve('mermaid/package.json'));
mkdirSync('dist/assets', { recursive: true });
copyFileSync(join(mermaidRoot, 'dist', 'mermaid.min.js'), 'dist/assets/mermaid.min.js');
copyFileSync(join(mermaidRoot, 'LICENSE'), 'dist/assets/mermaid.LICENSE');

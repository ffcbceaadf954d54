// Bundles the CLI into dist/bin/ (after tsc has built dist/): one file to load
// instead of hundreds, which roughly halves start-up. Commands stay separate
// chunks, loaded only when chosen. The library (dist/index.js) is tsc's output.
import { rmSync } from 'node:fs';
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

// The library's type declarations as one self-contained file, for the package (`npm pack` and
// `npm publish` run it after the build): dist/index.d.ts with the types it uses from the bundled
// packages (yaml, mdast, TypeBox…) written into it, as their code is into the bundle. tsc's
// declarations import them by name, and none is installed beside the package: a user's type
// check failed on them, or, with skipLibCheck, quietly read every incident type as `any`.
// Node's own types stay a reference to @types/node, which any TypeScript project on Node has.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDtsBundle } from 'dts-bundle-generator';

/** Every package whose types the declarations name, besides Node's. */
const INLINED = ['yaml', 'mdast', '@types/mdast', 'unist', '@types/unist', 'nlcst', '@types/nlcst', '@sinclair/typebox', 'handlebars', 'ajv', 'yargs', '@types/yargs', 'vfile', 'unified', 'unist-util-visit', 'remark-stringify'];

const [bundled] = generateDtsBundle(
  [
    {
      filePath: 'src/index.ts',
      libraries: { inlinedLibraries: INLINED, allowedTypesLibraries: ['node'] },
      // Only what src/index.ts exports is exported; the types it refers to are declared, not exported.
      output: { exportReferencedTypes: false, noBanner: true },
    },
  ],
  { preferredConfigPath: 'tsconfig.json' },
);
if (/^import |\bfrom ['"](?!node:)/m.test(bundled)) throw new Error('dist/index.d.ts still imports a package');

// The declarations tsc wrote for the build are replaced by the one file.
for (const name of readdirSync('dist', { recursive: true })) {
  if (String(name).endsWith('.d.ts')) rmSync(join('dist', String(name)));
}
writeFileSync('dist/index.d.ts', bundled);

import assert from 'node:assert/strict';
import { type SpawnSyncReturns, execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ROOT, tempDir } from './helpers.js';
import { THOROUGH } from './depth.js';

/**
 * The package as users get it: `npm pack` (which builds through `prepack`;
 * `npm test` packs the dist/ it has just built, see test/depth.ts), then
 * installed globally into a prefix of its own, and as a dev dependency
 * of an incident repository, and run from there. npm runs offline: the
 * package has no dependencies to fetch, so nothing comes from the network.
 * The Node running the tests runs npm and the tool too (its folder leads PATH),
 * so under `.ci/run`'s Node 22 and 24 runs this checks those versions.
 */

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const NPM_ENV = {
  ...process.env,
  PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
  npm_config_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  CI: 'true',
  POSTMORTEM_NOW: '2026-11-25T15:20:00Z',
};

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = NPM_ENV): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 180_000 });
}

function succeeds(result: SpawnSyncReturns<string>, what: string): string {
  assert.equal(result.status, 0, `${what} exited with ${result.status}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** The machine's global npm prefix: the tests install elsewhere and must leave it as it was. */
function globalPackages(): string[] {
  const prefix = execFileSync('npm', ['prefix', '--global'], { encoding: 'utf8', env: NPM_ENV }).trim();
  const folder = join(prefix, 'lib', 'node_modules');
  return existsSync(folder) ? readdirSync(folder).sort() : [];
}

/** The files `npm pack` would see in a clean clone: tracked, plus new files not ignored, as they are now. */
function stageClone(): string {
  const stage = join(tempDir('postmortem-stage-'), 'incident-postmortem');
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' });
  for (const path of listed.split('\0').filter(Boolean)) {
    // A worktree may link node_modules in; it is linked below, not copied.
    if (!existsSync(join(ROOT, path)) || path === 'node_modules') continue;
    mkdirSync(dirname(join(stage, path)), { recursive: true });
    cpSync(join(ROOT, path), join(stage, path));
  }
  // The build needs the dev dependencies; the repository's own install is used, not copied.
  symlinkSync(join(ROOT, 'node_modules'), join(stage, 'node_modules'));
  return stage;
}

/** `1.7 MB` from the README's statement of the tarball's size. */
function statedSize(readme: string, what: RegExp): number {
  const match = what.exec(readme);
  assert.ok(match, `the README states ${what}`);
  return Number(match[1]) * 1e6;
}

describe('the npm package', () => {
  let tarball = '';
  let files: string[] = [];

  before(() => {
    const stage = stageClone();
    const packed = join(dirname(stage), 'packed');
    mkdirSync(packed);
    // At the thorough depth the scripts run: prepack builds dist/ in the staged copy, as `npm publish` would.
    // `npm test` has just built dist/ with the same script: the staged copy takes it, and npm packs it as it is.
    const manifest = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.equal(manifest.scripts.prepack, 'npm run build && node scripts/bundle-types.mjs', 'npm pack and npm publish build dist/ first, then its one declaration file');
    if (!THOROUGH) {
      cpSync(join(ROOT, 'dist'), join(stage, 'dist'), { recursive: true });
      // What prepack does after the build: the declarations need the generated sources the build writes.
      succeeds(run(process.execPath, ['--import', 'tsx', 'scripts/write-generated.ts'], stage), 'write-generated');
      succeeds(run(process.execPath, ['scripts/bundle-types.mjs'], stage), 'bundle-types');
    }
    const output = succeeds(run('npm', ['pack', '--json', '--pack-destination', packed, ...(THOROUGH ? [] : ['--ignore-scripts'])], stage), 'npm pack');
    const [info] = JSON.parse(output.slice(output.indexOf('['))) as [{ filename: string; files: { path: string }[] }];
    tarball = join(packed, info.filename);
    files = info.files.map((file) => file.path);
  });

  it('holds only what runs, at the size the README states', () => {
    for (const needed of ['package.json', 'README.md', 'LICENSE', 'dist/bin/postmortem.js', 'dist/index.js', 'dist/index.d.ts', 'dist/pipeline/build-worker.js', 'dist/THIRD-PARTY-LICENSES.md', 'dist/assets/mermaid.min.js', 'dist/assets/mermaid.LICENSE', 'templates/README.md', 'schema/incident.schema.json']) {
      assert.ok(files.includes(needed), `the package holds ${needed}`);
    }
    // Every built-in template, in its family's folder (templates/postmortem/, templates/report/).
    for (const family of ['postmortem', 'report']) {
      const names = readdirSync(join(ROOT, 'templates', family)).filter((name) => name.endsWith('.hbs'));
      assert.ok(names.includes(`${family}.hbs`), `templates/${family}/ holds its main template`);
      for (const name of names) assert.ok(files.includes(`templates/${family}/${name}`), `the package holds templates/${family}/${name}`);
    }
    // The dependencies' code is in the bundle, their licences beside it: an install fetches nothing else.
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: object; peerDependencies?: object; optionalDependencies?: object };
    assert.deepEqual([manifest.dependencies, manifest.peerDependencies, manifest.optionalDependencies], [undefined, undefined, undefined], 'no dependencies to install');
    const licences = readFileSync(join(ROOT, 'dist', 'THIRD-PARTY-LICENSES.md'), 'utf8');
    for (const bundled of ['yaml', 'handlebars', 'yargs', 'unified', 'ajv']) assert.match(licences, new RegExp(`^## ${bundled} \\d`, 'm'), `the licence of ${bundled}`);
    // The reference the README links to and the CLI's messages name (`see docs/import.md`), beside them.
    for (const page of readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md'))) assert.ok(files.includes(`docs/${page}`), `the package holds docs/${page}`);
    // One declaration file, which names no package: none is installed beside it.
    assert.deepEqual(files.filter((path) => path.endsWith('.d.ts')), ['dist/index.d.ts']);
    const stray = files.filter((path) => /^(src|test|bench|scripts|incidents|\.ci|node_modules)\//.test(path) || /\.test\.|fixtures\//.test(path));
    assert.deepEqual(stray, [], 'no sources, tests, fixtures or benchmarks');
    const size = statSync(tarball).size;
    const stated = statedSize(readFileSync(join(ROOT, 'README.md'), 'utf8'), /tarball of about ([\d.]+) MB/);
    assert.ok(Math.abs(size - stated) / stated < 0.15, `the tarball is ${(size / 1e6).toFixed(2)} MB; the README says ${stated / 1e6} MB`);
  });

  it('installs globally into a prefix of its own and runs init, new, log, build and publish, leaving the global prefix alone', () => {
    const before = globalPackages();
    const prefix = tempDir('postmortem-global-');
    succeeds(run('npm', ['install', '--global', '--prefix', prefix, tarball], prefix), 'npm install --global');
    const bin = join(prefix, 'bin', 'postmortem');
    const env = { ...NPM_ENV, PATH: [join(prefix, 'bin'), NPM_ENV.PATH].join(delimiter) };
    const work = tempDir('postmortem-user-');
    const postmortem = (...args: string[]) => succeeds(run('postmortem', args, work, env), `postmortem ${args.join(' ')}`);

    assert.equal(postmortem('--version').trim(), VERSION);
    postmortem('init');
    assert.ok(existsSync(join(work, 'postmortem.config.yaml')));
    assert.match(postmortem('new', 'Checkout errors', '--severity', 'SEV2', '--services', 'checkout', '--started', '2026-11-25T14:00Z'), /created incidents\/2026-11-25-checkout-errors\.yaml/);
    postmortem('log', '2026-11-25-checkout-errors', 'Alerts fire on checkout', '--kind', 'detected', '--at', '2026-11-25T14:05Z');
    postmortem('log', '2026-11-25-checkout-errors', 'Rolled back the deploy', '--kind', 'resolved', '--at', '2026-11-25T14:40Z');
    assert.match(postmortem('build'), /1 written/);
    const page = readFileSync(join(work, 'postmortems', '2026-11-25-checkout-errors.md'), 'utf8');
    assert.match(page, /Checkout errors/);
    assert.match(page, /40 minutes/);
    postmortem('publish', '--target', 'html', '--out', 'site', '--as-of', '2026-11-30');
    assert.ok(existsSync(join(work, 'site', 'index.html')));
    assert.ok(existsSync(join(work, 'site', 'assets', 'mermaid.min.js')), 'the copied Mermaid bundle ships with the package');

    assert.ok(existsSync(bin));
    assert.deepEqual(readdirSync(join(prefix, 'lib', 'node_modules')), ['incident-postmortem'], 'the package alone is installed');
    assert.ok(!existsSync(join(prefix, 'lib', 'node_modules', 'incident-postmortem', 'node_modules')), 'with no dependencies');
    assert.deepEqual(globalPackages(), before, "the machine's global packages are unchanged");
  });

  it('installs as a dev dependency of an incident repository, where npx postmortem validate runs it', () => {
    const repo = tempDir('postmortem-repo-');
    writeFileSync(join(repo, 'package.json'), `${JSON.stringify({ name: 'incidents', private: true }, null, 2)}\n`);
    mkdirSync(join(repo, 'incidents'));
    cpSync(join(ROOT, 'incidents', '2022-10-25-messaging-outage.yaml'), join(repo, 'incidents', '2022-10-25-messaging-outage.yaml'));
    succeeds(run('npm', ['install', '--save-dev', tarball], repo), 'npm install --save-dev');
    const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
    assert.ok(manifest.devDependencies?.['incident-postmortem'], 'recorded as a dev dependency');
    assert.ok(existsSync(join(repo, 'package-lock.json')), 'pinned by the lock file');

    assert.deepEqual(readdirSync(join(repo, 'node_modules')).filter((name) => !name.startsWith('.')), ['incident-postmortem'], 'nothing else is installed');

    assert.match(succeeds(run('npx', ['postmortem', 'validate'], repo), 'npx postmortem validate'), /1 file: 1 ok/);
    // The library, by the package's name, building on two worker threads (the bundled worker ships too).
    writeFileSync(
      join(repo, 'use-library.mjs'),
      [
        "import { buildPostmortems, defaultConfig, validateIncidents } from 'incident-postmortem';",
        'const config = defaultConfig(process.cwd());',
        'const checked = await validateIncidents({ config, cwd: process.cwd() });',
        "const built = await buildPostmortems({ config, cwd: process.cwd(), out: 'library-out', workers: 2 });",
        'console.log(JSON.stringify([checked.summary.ok, checked.summary.invalid, built.summary.written]));',
        '',
      ].join('\n'),
    );
    const used = succeeds(run(process.execPath, ['use-library.mjs'], repo), 'the library');
    assert.deepEqual(JSON.parse(used), [1, 0, 1], 'one valid incident, one postmortem written');
    assert.match(readFileSync(join(repo, 'library-out', '2022-10-25-messaging-outage.md'), 'utf8'), /^# /m);
    // Its types, as a TypeScript user of the library checks them: strict, the libraries' declarations checked too.
    writeFileSync(
      join(repo, 'use-types.mts'),
      [
        "import { type Diagnostic, type IncidentData, type ResolvedConfig, defaultConfig, validateIncidents } from 'incident-postmortem';",
        'const config: ResolvedConfig = defaultConfig(process.cwd());',
        'const checked = await validateIncidents({ config, cwd: process.cwd() });',
        'const first: Diagnostic | undefined = checked.diagnostics[0];',
        'const incident = {} as IncidentData;',
        'const title: string = incident.title;',
        '// @ts-expect-error: no such field, so the types are real and not `any`',
        'const missing: number = incident.no_such_field;',
        'console.log(first?.line, title, missing);',
        '',
      ].join('\n'),
    );
    const compilerOptions = { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', skipLibCheck: false, noEmit: true, types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')] };
    writeFileSync(join(repo, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['use-types.mts'] }));
    succeeds(run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], repo), 'tsc on a use of the library');
    writeFileSync(join(repo, 'incidents', 'broken.yaml'), 'id: broken\ntitle: [\n');
    const broken = run('npx', ['postmortem', 'validate'], repo);
    assert.equal(broken.status, 1, broken.stderr);
    assert.match(broken.stdout, /^incidents\/broken\.yaml:\d+:\d+: error: /m);
  });
});

describe('the Node.js it needs', () => {
  it('is said before anything else loads, as package.json engines states it', async () => {
    const { MINIMUM_NODE, unsupportedNode } = await import('../src/cli/node-version.js');
    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    assert.equal(`>=${MINIMUM_NODE.replace(/\.0$/, '')}`, engines);
    assert.match(unsupportedNode('v18.20.4') ?? '', /^postmortem needs Node\.js 20\.19\.0 or later; this is v18\.20\.4\./);
    assert.ok(unsupportedNode('v20.18.3'));
    for (const version of ['v20.19.0', 'v20.20.2', 'v22.1.0', 'v24.0.0', 'v100.0.0']) assert.equal(unsupportedNode(version), undefined, version);
    // As the built CLI runs it: a Node that says it is 18 is refused before any chunk loads, with exit 2.
    const bin = join(ROOT, 'dist', 'bin', 'postmortem.js');
    const run = spawnSync(process.execPath, ['--import', 'data:text/javascript,Object.defineProperty(process,"version",{value:"v18.20.4"})', bin, 'validate'], { encoding: 'utf8' });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /^postmortem needs Node\.js 20\.19\.0 or later; this is v18\.20\.4\./);
  });
});

#!/usr/bin/env node
// Builds the extension and packages it as groundwork-<version>-<target>.vsix in the repo root.
//
//   node scripts/package.mjs [--target linux-x64] [--skip-build]
//
// esbuild bundles everything except what must stay a real package (LanceDB: a native addon and its
// apache-arrow peer). Those are found by scanning dist/*.js for bare require()s, their runtime closure
// is copied from node_modules into a staging folder together with dist/, media/ and a manifest without
// dev dependencies or scripts, the LanceDB binary package for the target is added (fetched with
// `npm pack` when it is not installed), and vsce packages that folder. The .vsix is then listed and
// checked: the bundles, the grammar and runtime .wasm files and the LanceDB binary must be in it;
// sources, tests, maps and dev dependencies must not.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** vsce target → os, cpu, libc and LanceDB's binary package suffix. */
const TARGETS = {
  'linux-x64': { os: 'linux', cpu: 'x64', libc: 'glibc', lancedb: 'linux-x64-gnu' },
  'linux-arm64': { os: 'linux', cpu: 'arm64', libc: 'glibc', lancedb: 'linux-arm64-gnu' },
  'alpine-x64': { os: 'linux', cpu: 'x64', libc: 'musl', lancedb: 'linux-x64-musl' },
  'alpine-arm64': { os: 'linux', cpu: 'arm64', libc: 'musl', lancedb: 'linux-arm64-musl' },
  'darwin-arm64': { os: 'darwin', cpu: 'arm64', lancedb: 'darwin-arm64' },
  'win32-x64': { os: 'win32', cpu: 'x64', lancedb: 'win32-x64-msvc' },
  'win32-arm64': { os: 'win32', cpu: 'arm64', lancedb: 'win32-arm64-msvc' },
};

/** Files that never belong in the .vsix, wherever they are. */
const DROP_FILE = /(\.map|\.d\.[cm]?ts|\.[cm]?ts|\.tsx|\.flow|\.tsbuildinfo)$|^(CHANGELOG|HISTORY)(\.md)?$/i;
const DROP_DIR = new Set(['node_modules', 'test', 'tests', '__tests__', 'docs', 'example', 'examples', '.github']);

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const args = { target: 'linux-x64', build: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--target') args.target = argv[++i];
    else if (argv[i].startsWith('--target=')) args.target = argv[i].slice('--target='.length);
    else if (argv[i] === '--skip-build') args.build = false;
    else fail(`unknown argument ${argv[i]} (usage: package.mjs [--target <vsce target>] [--skip-build])`);
  }
  if (!TARGETS[args.target]) {
    fail(`no LanceDB binary package exists for target "${args.target}"; supported: ${Object.keys(TARGETS).join(', ')}`);
  }
  return args;
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

function checkDist() {
  const dist = path.join(ROOT, 'dist');
  for (const file of ['extension.js', 'cli.js', 'parseWorker.js']) {
    if (!fs.existsSync(path.join(dist, file))) fail(`dist/${file} is missing after the build`);
  }
  const grammars = fs.existsSync(path.join(dist, 'grammars')) ? fs.readdirSync(path.join(dist, 'grammars')) : [];
  if (!grammars.some((f) => f.endsWith('.wasm'))) fail('dist/grammars/ holds no grammar .wasm file');
}

/** Package names that the bundles load at run time (bare, non-builtin require/import specifiers). */
function externalPackages() {
  const dist = path.join(ROOT, 'dist');
  const builtins = new Set(builtinModules);
  const found = new Set();
  for (const file of fs.readdirSync(dist).filter((f) => /\.[cm]?js$/.test(f))) {
    const code = fs.readFileSync(path.join(dist, file), 'utf8');
    for (const m of code.matchAll(/\b(?:require|import)\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
      const spec = m[1];
      if (spec === 'vscode' || spec.startsWith('node:') || builtins.has(spec.split('/')[0])) continue;
      const parts = spec.split('/');
      found.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return [...found].sort();
}

/** Node's lookup: <dir>/node_modules/<name>, walking up to the repo root. */
function findPackage(name, fromDir) {
  for (let dir = fromDir; dir.startsWith(ROOT); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === ROOT) break;
  }
  return undefined;
}

function matchesPlatform(pkg, platform) {
  const ok = (list, value) => !list || list.length === 0 || (value !== undefined && list.includes(value));
  return ok(pkg.os, platform.os) && ok(pkg.cpu, platform.cpu) && (!pkg.libc || ok(pkg.libc, platform.libc));
}

/** Fetches a package that is not installed (e.g. another target's LanceDB binary) with `npm pack`. */
function fetchPackage(name, version, stagingModules) {
  const cache = path.join(os.homedir(), '.cache', 'groundwork-package');
  fs.mkdirSync(cache, { recursive: true });
  const tarball = path.join(cache, `${name.replace('@', '').replace('/', '-')}-${version}.tgz`);
  if (!fs.existsSync(tarball)) {
    console.log(`package: fetching ${name}@${version} from the npm registry`);
    const out = execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', cache, '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    fs.renameSync(path.join(cache, JSON.parse(out)[0].filename), tarball);
  }
  const dest = path.join(stagingModules, name);
  fs.mkdirSync(dest, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', dest, '--strip-components=1']);
}

/** Copies the runtime closure of `roots` into <staging>/node_modules; returns the packages copied. */
function copyRuntimeDependencies(roots, target, staging) {
  const platform = TARGETS[target];
  const copied = new Map(); // relative dir → name@version
  const queue = roots.map((name) => ({ name, from: ROOT, required: true }));
  while (queue.length > 0) {
    const { name, from, required } = queue.shift();
    const dir = findPackage(name, from);
    if (!dir) {
      if (required) fail(`${name} is needed at run time but not installed; run npm ci`);
      continue;
    }
    const rel = path.relative(ROOT, dir);
    if (copied.has(rel)) continue;
    const pkg = readJson(path.join(dir, 'package.json'));
    if (!matchesPlatform(pkg, platform)) continue;
    copied.set(rel, `${pkg.name}@${pkg.version}`);
    copyTree(dir, path.join(staging, rel));
    const optionalPeers = pkg.peerDependenciesMeta ?? {};
    for (const dep of Object.keys(pkg.dependencies ?? {})) queue.push({ name: dep, from: dir, required: true });
    for (const dep of Object.keys(pkg.peerDependencies ?? {})) {
      queue.push({ name: dep, from: dir, required: !optionalPeers[dep]?.optional });
    }
    // optional dependencies: only platform packages for this target (lazy optional features stay out)
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) {
      if (pkg.name === '@lancedb/lancedb' && dep === `@lancedb/lancedb-${platform.lancedb}`) {
        if (findPackage(dep, dir)) queue.push({ name: dep, from: dir, required: true });
        else {
          fetchPackage(dep, pkg.optionalDependencies[dep], path.join(staging, 'node_modules'));
          copied.set(`node_modules/${dep}`, `${dep}@${pkg.optionalDependencies[dep]} (fetched)`);
        }
        continue;
      }
      const depDir = findPackage(dep, dir);
      if (depDir && (readJson(path.join(depDir, 'package.json')).os ?? []).length > 0) {
        queue.push({ name: dep, from: dir, required: false });
      }
    }
  }
  return copied;
}

function copyTree(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    if (entry.isDirectory()) {
      if (!DROP_DIR.has(entry.name)) copyTree(src, path.join(to, entry.name));
    } else if (!DROP_FILE.test(entry.name)) {
      fs.copyFileSync(fs.realpathSync(src), path.join(to, entry.name));
    }
  }
}

function writeManifest(staging, externals) {
  const manifest = readJson(path.join(ROOT, 'package.json'));
  const all = manifest.dependencies ?? {};
  manifest.dependencies = Object.fromEntries(externals.map((name) => [name, all[name]]));
  delete manifest.devDependencies;
  delete manifest.scripts; // vsce would run vscode:prepublish; the build already ran
  fs.writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function stage(target, staging) {
  const externals = externalPackages();
  const declared = readJson(path.join(ROOT, 'package.json')).dependencies ?? {};
  const missing = externals.filter((name) => !declared[name]);
  if (missing.length > 0) fail(`dist/ requires ${missing.join(', ')} at run time, but package.json does not depend on it`);
  console.log(`package: packages kept external by the bundle: ${externals.join(', ') || '(none)'}`);
  copyTree(path.join(ROOT, 'dist'), path.join(staging, 'dist'));
  if (fs.existsSync(path.join(ROOT, 'media'))) copyTree(path.join(ROOT, 'media'), path.join(staging, 'media'));
  for (const file of ['README.md', 'LICENSE', 'LICENSE.md', 'CHANGELOG.md']) {
    if (fs.existsSync(path.join(ROOT, file))) fs.copyFileSync(path.join(ROOT, file), path.join(staging, file));
  }
  const copied = copyRuntimeDependencies(externals, target, staging);
  console.log(`package: runtime packages: ${[...copied.values()].join(', ')}`);
  fs.writeFileSync(path.join(staging, '.vscodeignore'), '**/*.map\n.vscodeignore\n');
  return { manifest: writeManifest(staging, externals), externals };
}

function listVsix(vsix) {
  const out = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out.split('\n').filter(Boolean);
}

function verify(entries, target, externals) {
  const has = (re) => entries.some((e) => re.test(e));
  const required = [
    [/^extension\/dist\/extension\.js$/, 'dist/extension.js'],
    [/^extension\/dist\/cli\.js$/, 'dist/cli.js'],
    [/^extension\/dist\/parseWorker\.js$/, 'dist/parseWorker.js'],
    [/^extension\/dist\/grammars\/[^/]+\.wasm$/, 'a grammar .wasm in dist/grammars/'],
    [/^extension\/dist\/.*web-tree-sitter\.wasm$/, "web-tree-sitter's runtime web-tree-sitter.wasm"],
  ];
  if (externals.includes('@lancedb/lancedb')) {
    const bin = TARGETS[target].lancedb;
    required.push([/^extension\/node_modules\/@lancedb\/lancedb\/dist\/index\.js$/, '@lancedb/lancedb']);
    required.push([new RegExp(`^extension/node_modules/@lancedb/lancedb-${bin}/[^/]+\\.node$`), `LanceDB's ${bin} binary (.node)`]);
  }
  const absent = required.filter(([re]) => !has(re)).map(([, what]) => what);
  if (absent.length > 0) fail(`the .vsix lacks ${absent.join('; ')}`);
  const forbidden = [
    [/\.map$/, 'source maps'],
    [/^extension\/(src|test|bench|scripts)\//, 'sources or tests'],
    [/^extension\/node_modules\/(typescript|vitest|esbuild|@esbuild|playwright-core|@vscode\/vsce|tree-sitter-[^/]+)\//, 'dev dependencies'],
  ];
  const leaks = forbidden.filter(([re]) => has(re)).map(([re, what]) => `${what} (${entries.find((e) => re.test(e))})`);
  if (leaks.length > 0) fail(`the .vsix contains ${leaks.join('; ')}`);
}

/** Loads LanceDB from the staged node_modules and round-trips a row: proves the closure is complete. */
function smokeTestLanceDb(staging, target) {
  const here = `${process.platform}-${process.arch}`;
  if (here !== target) return console.log(`package: skipping the LanceDB load test (${target} is not this machine)`);
  const script = `
    const lancedb = require(${JSON.stringify(path.join(staging, 'node_modules/@lancedb/lancedb'))});
    (async () => {
      const dir = require('fs').mkdtempSync(require('path').join(require('os').tmpdir(), 'gw-pkg-'));
      const db = await lancedb.connect(dir);
      const table = await db.createTable('t', [{ id: 'a', vector: [1, 0] }]);
      const rows = await table.query().limit(1).toArray();
      require('fs').rmSync(dir, { recursive: true, force: true });
      if (rows.length !== 1) throw new Error('no row read back');
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: staging, stdio: 'inherit' });
  if (run.status !== 0) fail('the staged @lancedb/lancedb does not load; a runtime dependency is missing');
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.build) {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--production'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) fail('the build failed');
  }
  checkDist();
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), `groundwork-vsix-${args.target}-`));
  try {
    const { manifest, externals } = stage(args.target, staging);
    smokeTestLanceDb(staging, args.target);
    const vsix = path.join(ROOT, `${manifest.name}-${manifest.version}-${args.target}.vsix`);
    const vsce = path.join(ROOT, 'node_modules/@vscode/vsce/vsce');
    const flags = ['package', '--target', args.target, '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--out', vsix];
    const packaged = spawnSync(process.execPath, [vsce, ...flags], { cwd: staging, stdio: ['ignore', 'inherit', 'inherit'] });
    if (packaged.status !== 0) fail('vsce package failed');
    const entries = listVsix(vsix);
    verify(entries, args.target, externals);
    const mb = (fs.statSync(vsix).size / 1024 / 1024).toFixed(1);
    console.log(`package: ${path.relative(ROOT, vsix)}: ${mb} MB, ${entries.length} files`);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

main();

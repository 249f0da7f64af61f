/**
 * The sweep: the `main` and every `bin` of every package installed in corpus/node_modules (nested
 * ones too), each run as an entry with no arguments and empty stdin, in-process and under node.
 * Cheap, and it finds what nobody thinks to write.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { binsOf, modulesDir, readPackageJson } from './harness.js';

export interface SweepEntry {
  /** `<package>` for its main, `<package> bin <name>` for a bin. */
  name: string;
  /** The file, absolute. */
  file: string;
  /** The file relative to corpus/node_modules, as the known differences name it. */
  relative: string;
}

/**
 * Entries whose output with no arguments is random by design (a fresh id each run): no run can
 * match another, node's included. Left out of the sweep; their packages' invocations pick
 * deterministic arguments instead.
 */
const RANDOM_OUTPUT = new Set(['nanoid/bin/nanoid.js', 'postcss/node_modules/nanoid/bin/nanoid.cjs', 'uuid/dist-node/bin/uuid']);

/** Entries that are not JavaScript node would run as a script (data, native addons, types). */
const NOT_A_SCRIPT = /\.(?:json|node|d\.[cm]?ts|wasm|css)$/;

function packageDirs(dir: string, into: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return into;
  }
  for (const name of names.sort()) {
    if (name.startsWith('.')) continue;
    const child = path.join(dir, name);
    if (name.startsWith('@')) {
      packageDirs(child, into);
      continue;
    }
    if (!existsSync(path.join(child, 'package.json'))) continue;
    into.push(child);
    packageDirs(path.join(child, 'node_modules'), into);
  }
  return into;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** What `node <package dir>` would run: main (with Node's extensions and index), else index.js. */
function mainFile(dir: string, main: unknown): string | undefined {
  const candidates: string[] = [];
  if (typeof main === 'string' && main !== '') {
    const base = path.resolve(dir, main);
    candidates.push(base, `${base}.js`, `${base}.json`, `${base}.node`, path.join(base, 'index.js'), path.join(base, 'index.json'));
  }
  candidates.push(path.join(dir, 'index.js'));
  return candidates.find(isFile);
}

export function sweepEntries(): SweepEntry[] {
  const entries = new Map<string, SweepEntry>();
  const add = (name: string, file: string | undefined) => {
    if (!file || NOT_A_SCRIPT.test(file) || entries.has(file) || !isFile(file)) return;
    const relative = path.relative(modulesDir, file).split(path.sep).join('/');
    if (!RANDOM_OUTPUT.has(relative)) entries.set(file, { name, file, relative });
  };
  for (const dir of packageDirs(modulesDir)) {
    let pkg: ReturnType<typeof readPackageJson>;
    try {
      pkg = readPackageJson(dir);
    } catch {
      continue; // not valid JSON: nothing to run
    }
    const label = path.relative(modulesDir, dir).split(path.sep).join('/');
    add(label, mainFile(dir, pkg.main));
    for (const [name, file] of binsOf(dir, pkg)) add(`${label} bin ${name}`, file);
  }
  return [...entries.values()].sort((a, b) => (a.relative < b.relative ? -1 : 1));
}

/** The share `index` of `count` (1-based) of the sweep, for vitest's workers. */
export function sweepShard(index: number, count: number): SweepEntry[] {
  return sweepEntries().filter((_, position) => position % count === index - 1);
}

import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type RunLocation, runLocationOf } from '../result-location.js';

/**
 * Text from a run made the same on every machine, every run and every Node version, where the
 * script's own output is: the run's cwd, its script's directory (when outside cwd) and the
 * temporary directory written as `<cwd>`, `<script-dir>`, `<tmpdir>` (also inside `file:` URLs);
 * the pid in Node's warnings as `(node:<pid>)`; the `Node.js vNN` line that ends Node's report of
 * an uncaught error dropped, and so are stack frames inside Node itself (`node:internal/…`),
 * which only a real node child (`runInNode`) prints and which differ between releases.
 */
export type StableText = (text: string) => string;

interface Placeholder {
  spelling: RegExp;
  replacement: string;
}

/** The normaliser for one result's texts: its location (else the host's cwd, the default of a run). */
export function stableTextFor(result: object): StableText {
  const location = runLocationOf(result) ?? { cwd: process.cwd(), entry: '' };
  const placeholders = placeholdersOf(location);
  return (text) => {
    if (text === '') return text;
    let stable = text;
    for (const { spelling, replacement } of placeholders) stable = stable.replace(spelling, replacement);
    return dropNodeDetails(stable.replace(/\(node:\d+\)/g, '(node:<pid>)'));
  };
}

function placeholdersOf(location: RunLocation): Placeholder[] {
  const dirs: [string, string][] = [[location.cwd, '<cwd>']];
  if (location.entry) {
    const scriptDir = path.dirname(location.entry);
    if (!isInside(scriptDir, location.cwd)) dirs.push([scriptDir, '<script-dir>']);
  }
  dirs.push([tmpdir(), '<tmpdir>']);
  // the longest first: a cwd inside the temporary directory is `<cwd>`, not `<tmpdir>/…`
  const usable = dirs.filter(([dir]) => path.isAbsolute(dir) && dir !== path.parse(dir).root);
  usable.sort((a, b) => b[0].length - a[0].length);
  return usable.flatMap(([dir, name]) => [
    // the URL first: its path part is the plain spelling
    { spelling: spellingOf(pathToFileURL(dir).href), replacement: `file://${name}` },
    { spelling: spellingOf(dir), replacement: name },
  ]);
}

/** `dir` where it is a whole path component: not `/work/app` inside `/work/application`. */
function spellingOf(dir: string): RegExp {
  return new RegExp(`${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.-])`, 'g');
}

function isInside(dir: string, parent: string): boolean {
  const relative = path.relative(parent, dir);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Matches a stack frame inside Node itself; group 2 is what followed it (` {` opening an error's properties). */
const NODE_FRAME = /^(\s+at (?:async )?(?:.+ \()?node:[^)\s]*?:\d+:\d+\)?)(.*)$/;
const NODE_VERSION_LINE = /^Node\.js v\d+\.\d+\.\d+\S*$/;

function dropNodeDetails(text: string): string {
  if (!text.includes('node:') && !text.includes('Node.js v')) return text;
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    const frame = NODE_FRAME.exec(line);
    if (frame) {
      if (frame[2] && kept.length > 0) kept[kept.length - 1] += frame[2];
    } else if (NODE_VERSION_LINE.test(line) && kept.at(-1) === '') {
      // Node's report ends with a blank line and `Node.js v20.20.2`
      kept.pop();
    } else {
      kept.push(line);
    }
  }
  return kept.join('\n');
}

/**
 * The command keeps the disk as it was: a script that writes, appends, renames and deletes
 * inside a real tree leaves its digest unchanged by default and with --fs overlay (the report
 * lists what it did), with --compare too (node runs in a temporary copy); --fs real is the one
 * that changes it, which shows the digest would see a write.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCommand } from '../support/cli.js';

let tree: string;

/** Every path of the tree with its type, size, mode and content, hashed. */
function digest(dir: string): string {
  const hash = createHash('sha256');
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = path.join(current, name);
      const stats = statSync(full);
      hash.update(`${path.relative(tree, full)}\0${stats.isDirectory() ? 'd' : 'f'}\0${stats.size}\0${stats.mode}\0`);
      if (stats.isDirectory()) walk(full);
      else hash.update(readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

const SCRIPT = `
const fs = require('node:fs');
fs.writeFileSync('new.txt', 'new\\n');
fs.appendFileSync('data/log.txt', 'appended\\n');
fs.renameSync('data/old-name.txt', 'data/new-name.txt');
fs.rmSync('data/remove-me.txt');
fs.mkdirSync('made/deep', { recursive: true });
fs.writeFileSync('made/deep/file.bin', Buffer.from([0xff, 0, 0xfe]));
console.log('changed the tree');
`;

beforeEach(() => {
  tree = mkdtempSync(path.join(tmpdir(), 'run-as-main-cli-disk-'));
  mkdirSync(path.join(tree, 'data'));
  writeFileSync(path.join(tree, 'package.json'), '{ "name": "disk-tree", "private": true }\n');
  writeFileSync(path.join(tree, 'changes.js'), SCRIPT);
  writeFileSync(path.join(tree, 'data', 'log.txt'), 'first\n');
  writeFileSync(path.join(tree, 'data', 'old-name.txt'), 'renamed\n');
  writeFileSync(path.join(tree, 'data', 'remove-me.txt'), 'removed\n');
});

afterEach(() => {
  rmSync(tree, { recursive: true, force: true });
});

describe('a script that changes the tree it runs in', () => {
  test.each([[[]], [['--fs', 'overlay']], [['--compare']]])('leaves the disk as it was with %j', async (flags) => {
    const before = digest(tree);
    const { code, stdout } = await runCommand([...flags, 'changes.js'], { cwd: tree });
    expect(code).toBe(0);
    expect(stdout).toContain('│ changed the tree');
    expect(stdout).toMatch(/^ {2}data\/remove-me\.txt +- +\(deleted\)$/m);
    expect(stdout).toMatch(/^ {2}made\/deep\/file\.bin +3 B +\(binary\)$/m);
    expect(digest(tree)).toBe(before);
  });

  test('changes it with --fs real, as node would', async () => {
    const before = digest(tree);
    const { code } = await runCommand(['--fs', 'real', 'changes.js'], { cwd: tree });
    expect(code).toBe(0);
    expect(digest(tree)).not.toBe(before);
    expect(readFileSync(path.join(tree, 'data', 'log.txt'), 'utf8')).toBe('first\nappended\n');
  });
});

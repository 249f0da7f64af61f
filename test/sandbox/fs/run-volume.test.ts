import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RunVolume } from '../../../src/sandbox/fs/run-volume.js';

// A real tree the volume reads beneath it (never writes): made here, removed after.
let disk: string;
let pkg: string;
let other: string;

beforeAll(() => {
  disk = realpathSync(mkdtempSync(path.join(tmpdir(), 'run-volume-')));
  pkg = path.join(disk, 'pkg');
  other = path.join(disk, 'other');
  mkdirSync(path.join(pkg, 'assets'), { recursive: true });
  mkdirSync(other);
  writeFileSync(path.join(pkg, 'package.json'), '{"name":"pkg"}');
  writeFileSync(path.join(pkg, 'assets', 'a.txt'), 'alpha');
  writeFileSync(path.join(pkg, 'assets', 'b.txt'), 'beta');
  chmodSync(path.join(pkg, 'assets', 'b.txt'), 0o600);
  writeFileSync(path.join(other, 'secret.txt'), 'not for memory mode');
});

afterAll(() => rmSync(disk, { recursive: true, force: true }));

/** The tree on disk as text, to show the volume never changed it. */
function diskSnapshot(): string {
  return [
    readFileSync(path.join(pkg, 'package.json'), 'utf8'),
    readFileSync(path.join(pkg, 'assets', 'a.txt'), 'utf8'),
    readFileSync(path.join(pkg, 'assets', 'b.txt'), 'utf8'),
    readFileSync(path.join(other, 'secret.txt'), 'utf8'),
  ].join('|');
}

const memoryVolume = () => new RunVolume('memory', new Set([pkg]));

describe('what shows through', () => {
  test("in 'memory' mode, a readable root's files are copied up with their content and mode", () => {
    const volume = memoryVolume();
    const file = path.join(pkg, 'assets', 'b.txt');
    expect(volume.exists(file)).toBe(true);
    expect(volume.text(file)).toBe('beta');
    expect(Number(volume.fs.statSync(file).mode) & 0o777).toBe(0o600);
    expect(volume.lookup(file)).toBe('file');
  });

  test("in 'memory' mode, the disk outside the readable roots is hidden, the way to them is a passage", () => {
    const volume = memoryVolume();
    expect(volume.exists(path.join(other, 'secret.txt'))).toBe(false);
    volume.materialize(pkg);
    // The directory above the package shows as the way to it: its other entries do not.
    expect(volume.isDirectory(disk)).toBe(true);
    volume.list(disk);
    expect(volume.fs.readdirSync(disk)).toEqual(['pkg']);
  });

  test("in 'overlay' mode the whole disk shows through", () => {
    const volume = new RunVolume('overlay', new Set());
    expect(volume.exists(path.join(other, 'secret.txt'))).toBe(true);
    expect(volume.text(path.join(other, 'secret.txt'))).toBe('not for memory mode');
  });

  test('a listed directory shows every entry, contents read only when a file is touched', () => {
    const volume = memoryVolume();
    const assets = path.join(pkg, 'assets');
    volume.list(assets);
    expect((volume.fs.readdirSync(assets) as string[]).sort()).toEqual(['a.txt', 'b.txt']);
    // Listed, not yet read: the loader is told to read the disk for it.
    expect(volume.lookup(path.join(assets, 'a.txt'))).toBe('disk');
    volume.materialize(path.join(assets, 'a.txt'));
    expect(volume.text(path.join(assets, 'a.txt'))).toBe('alpha');
    expect(volume.lookup(path.join(assets, 'a.txt'))).toBe('file');
  });
});

describe('writes and deletes stay in the volume', () => {
  test("what the run creates is owned by the host's user and group, and it may write it, as under node", () => {
    const volume = memoryVolume();
    const made = path.join(pkg, 'made');
    volume.prepareWrite(path.join(made, 'f.txt'));
    volume.fs.mkdirSync(made, { recursive: true });
    volume.fs.writeFileSync(path.join(made, 'f.txt'), 'x');
    for (const entry of [made, path.join(made, 'f.txt')]) {
      const stats = volume.fs.statSync(entry);
      expect([Number(stats.uid), Number(stats.gid)]).toEqual([process.getuid?.(), process.getgid?.()]);
      expect(() => volume.fs.accessSync(entry, volume.fs.constants.W_OK)).not.toThrow();
    }
  });

  test('a new file and a changed one are reported; the disk is unchanged', () => {
    const before = diskSnapshot();
    const volume = memoryVolume();
    const created = path.join(pkg, 'out', 'new.txt');
    const changed = path.join(pkg, 'assets', 'a.txt');
    volume.prepareWrite(created);
    volume.fs.mkdirSync(path.dirname(created), { recursive: true });
    volume.fs.writeFileSync(created, 'new');
    volume.touched.add(created);
    volume.prepareWrite(changed);
    volume.fs.writeFileSync(changed, 'ALPHA');
    volume.touched.add(changed);
    expect([...volume.changes()].map(([file, content]) => [path.relative(pkg, file), String(content)])).toEqual([
      ['assets/a.txt', 'ALPHA'],
      ['out/new.txt', 'new'],
    ]);
    // Writing into a directory of the disk does not hide its other files.
    volume.list(path.join(pkg, 'assets'));
    expect((volume.fs.readdirSync(path.join(pkg, 'assets')) as string[]).sort()).toEqual(['a.txt', 'b.txt']);
    expect(volume.exists(path.join(pkg, 'assets', 'b.txt'))).toBe(true);
    expect(volume.text(path.join(pkg, 'assets', 'b.txt'))).toBe('beta');
    expect(diskSnapshot()).toBe(before);
  });

  test('a file rewritten with the same bytes did not change, unless its mode did', () => {
    const volume = memoryVolume();
    const file = path.join(pkg, 'assets', 'a.txt');
    volume.prepareWrite(file);
    volume.fs.writeFileSync(file, 'alpha');
    volume.touched.add(file);
    expect(volume.changes().size).toBe(0);
    volume.fs.chmodSync(file, 0o644);
    volume.metadataChanged.add(volume.realFile(file));
    expect([...volume.changes().keys()]).toEqual([file]);
  });

  test('deleting a file of the disk leaves a whiteout: it stays gone and is reported as null', () => {
    const before = diskSnapshot();
    const volume = memoryVolume();
    const file = path.join(pkg, 'assets', 'a.txt');
    volume.materialize(file);
    volume.fs.unlinkSync(file);
    volume.touched.add(file);
    volume.deleted(file);
    expect(volume.exists(file)).toBe(false);
    expect(volume.lookup(file)).toBe('absent');
    expect(volume.changes()).toEqual(new Map([[file, null]]));
    expect(diskSnapshot()).toBe(before);
  });

  test('a deleted directory hides everything below it', () => {
    const volume = memoryVolume();
    const assets = path.join(pkg, 'assets');
    volume.materializeTree(assets);
    volume.fs.rmSync(assets, { recursive: true });
    for (const file of ['a.txt', 'b.txt']) volume.touched.add(path.join(assets, file));
    volume.deleted(assets);
    expect(volume.exists(path.join(assets, 'b.txt'))).toBe(false);
    expect(volume.lookup(path.join(assets, 'b.txt'))).toBe('absent');
    expect([...volume.changes()].sort()).toEqual([
      [path.join(assets, 'a.txt'), null],
      [path.join(assets, 'b.txt'), null],
    ]);
  });
});

describe('seeded files', () => {
  test('count as there before the run: unchanged they are not reported, deleted they are', () => {
    const volume = new RunVolume('memory', new Set());
    volume.seed({ 'data/in.txt': 'seed', 'empty/': null }, '/work');
    expect(volume.text('/work/data/in.txt')).toBe('seed');
    expect(volume.isDirectory('/work/empty')).toBe(true);
    expect(volume.changes().size).toBe(0);
    volume.fs.unlinkSync('/work/data/in.txt');
    volume.touched.add('/work/data/in.txt');
    expect(volume.changes()).toEqual(new Map([['/work/data/in.txt', null]]));
  });

  test('mkdir -p creates first the topmost directory that is missing', () => {
    const volume = new RunVolume('memory', new Set());
    volume.seed({ 'a/': null }, '/work');
    expect(volume.firstMissing('/work/a/b/c')).toBe('/work/a/b');
    expect(volume.firstMissing('/work/a')).toBeUndefined();
  });
});

/**
 * The proof that the disk is safe (SPEC §5): in 'memory' and 'overlay' no byte on the real disk
 * changes through Node's filesystem API. A battery of hostile scripts (fixtures/hostile, one
 * write path each, aimed by argv at a real tree) runs in both modes; a digest of every real
 * directory in reach (contents, modes, times, inodes, the set of entries) must be the same after
 * each run as before, and the script must still see its own writes, as node would show them in
 * a writable directory, so that no row passes by doing nothing. One test runs the battery in
 * 'real' mode to show that each script does change the disk when nothing intercepts it.
 *
 * The real tree lives in a scratch directory inside the fixtures' own package, so that both modes
 * see it ('memory' shows the script's package beneath the volume); `os.tmpdir()` is a private
 * directory for the duration of the file (TMPDIR), so its listing is exact.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunOptions, type RunResult, runAsMain } from '../src/index.js';

const fixturesDir = fileURLToPath(new URL('../fixtures/hostile', import.meta.url));
const SCRATCH_PREFIX = '.scratch-';

/** Contents and times of the real tree every script attacks (`tree` is cwd and argv[2]). */
const TREE_FILES: Record<string, [content: string, mode: number]> = {
  'tree/a.txt': ['alpha\n', 0o644],
  'tree/exec.sh': ['#!/bin/sh\necho hi\n', 0o755],
  'tree/sub/deep.txt': ['deep\n', 0o644],
  'tree/sub/nested/n.txt': ['nested\n', 0o644],
  'outside/secret.txt': ['secret\n', 0o640],
};
const TREE_TIME = new Date('2001-02-03T04:05:06Z');

/**
 * `root/tree` (files, a subdirectory, an empty directory, a symlink to a file out of the tree
 * and one to a directory out of it) and `root/outside` (a real file outside cwd).
 */
function buildTree(root: string): string {
  const tree = path.join(root, 'tree');
  fs.mkdirSync(path.join(tree, 'sub', 'nested'), { recursive: true });
  fs.mkdirSync(path.join(tree, 'empty-dir'));
  fs.mkdirSync(path.join(root, 'outside'));
  for (const [file, [content, mode]] of Object.entries(TREE_FILES)) {
    fs.writeFileSync(path.join(root, file), content);
    fs.chmodSync(path.join(root, file), mode);
    fs.utimesSync(path.join(root, file), TREE_TIME, TREE_TIME);
  }
  fs.symlinkSync('../outside/secret.txt', path.join(tree, 'link-out'));
  fs.symlinkSync('../outside', path.join(tree, 'link-dir'));
  return tree;
}

/**
 * Every entry below `dir` (itself included, symlinks not followed) with its type, mode, owner,
 * size, inode, link count, modification and change times, and its content's hash or link target.
 * Access times are left out: reading is allowed.
 */
function digest(dir: string, skip: (name: string) => boolean = () => false): Record<string, string> {
  const entries: Record<string, string> = {};
  const visit = (file: string, relative: string): void => {
    const stats = fs.lstatSync(file);
    const kind = stats.isSymbolicLink() ? 'link' : stats.isDirectory() ? 'dir' : stats.isFile() ? 'file' : 'other';
    let detail = '';
    if (stats.isSymbolicLink()) detail = `-> ${fs.readlinkSync(file)}`;
    else if (stats.isFile()) detail = createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 16);
    entries[relative] = [
      kind,
      (stats.mode & 0o7777).toString(8),
      `${stats.uid}:${stats.gid}`,
      `size=${stats.size}`,
      `ino=${stats.ino}`,
      `nlink=${stats.nlink}`,
      `mtime=${stats.mtimeMs}`,
      `ctime=${stats.ctimeMs}`,
      detail,
    ].join(' ');
    if (!stats.isDirectory()) return;
    for (const name of fs.readdirSync(file).sort()) {
      if (relative === '.' && skip(name)) continue;
      visit(path.join(file, name), relative === '.' ? name : `${relative}/${name}`);
    }
  };
  visit(dir, '.');
  return entries;
}

let scratch: string;
let tree: string;
let tmp: string;
let savedTmpdir: string | undefined;

/** Everything on the real disk a hostile script could reach, by place. */
function snapshot(): Record<string, Record<string, string>> {
  return {
    tree: digest(scratch),
    tmpdir: digest(tmp),
    fixtures: digest(fixturesDir, (name) => name.startsWith(SCRATCH_PREFIX)),
  };
}

/** After a row reached the disk: the tree and tmpdir as they were, so later rows start clean. */
function restoreScratch(): void {
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(scratch);
  tree = buildTree(scratch);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp);
}

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(fixturesDir, SCRATCH_PREFIX));
  tree = buildTree(scratch);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rm-fs-safety-tmpdir-'));
  savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
});

afterAll(() => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  fs.rmSync(tmp, { recursive: true, force: true });
  for (const name of fs.readdirSync(fixturesDir)) {
    if (name.startsWith(SCRATCH_PREFIX)) fs.rmSync(path.join(fixturesDir, name), { recursive: true, force: true });
  }
});

type Files = RunResult['files'];

interface HostileRow {
  /** A behaviour sentence: the test title. */
  title: string;
  /** A script under fixtures/hostile; argv[2] is the tree, which is also cwd. */
  file: string;
  /** What the script prints: what node prints running it in a writable copy of the tree. */
  stdout: string;
  /**
   * `result.files`: keys relative to the tree; those starting with '../' are outside cwd and
   * reported as absolute paths. A function for keys that cannot be known (mkdtemp).
   */
  files: Record<string, string | null> | ((files: Files) => void);
  exitCode?: number;
  options?: Pick<RunOptions, 'timeout'>;
  /** What happens after the run ended (late callbacks, calls into the run's exports) before the check. */
  after?: (result: RunResult) => Promise<void>;
}

const A = 'alpha\n';
const EXEC = '#!/bin/sh\necho hi\n';
const DEEP = 'deep\n';
const SECRET = 'secret\n';

const rows: HostileRow[] = [
  {
    title: 'writeFileSync inside cwd creates and overwrites in memory only',
    file: 'write-file-inside-cwd.js',
    stdout: 'new in cwd\noverwritten\nbytes\na.txt created.txt empty-dir exec.sh link-dir link-out sub\n',
    files: { 'created.txt': 'new in cwd\n', 'a.txt': 'overwritten\n', 'sub/deep.txt': 'bytes\n' },
  },
  {
    title: 'writeFileSync and mkdirSync to absolute paths outside cwd stay in memory',
    file: 'write-file-outside-cwd.js',
    stdout: 'overwritten\nnew outside\n600\nmade new.txt secret.txt\n',
    files: {
      '../outside/secret.txt': 'overwritten\n',
      '../outside/new.txt': 'new outside\n',
      '../outside/made/deeper/file.txt': 'deep\n',
    },
  },
  {
    title: 'appendFileSync and appendFile add to real files in memory only',
    file: 'append-file.js',
    stdout: '"alpha\\nappended\\n"\n"secret\\nappended\\n"\n',
    files: { 'a.txt': 'alpha\nappended\n', '../outside/secret.txt': 'secret\nappended\n' },
  },
  {
    title: 'fs.promises.writeFile and appendFile from CommonJS stay in memory',
    file: 'promises-write-file.js',
    stdout: '"promised\\n"\n"deep\\nmore\\n"\n"outside\\n"\n',
    files: { 'a.txt': 'promised\n', 'sub/deep.txt': 'deep\nmore\n', '../outside/promised.txt': 'outside\n' },
  },
  {
    title: "paths escaping cwd with '..' write in memory only",
    file: 'dotdot-escape.js',
    stdout: 'relative escape\nclimbed\nabsolute escape\noutside tree\n',
    files: {
      '../outside/escaped.txt': 'relative escape\n',
      '../outside/secret.txt': 'climbed\n',
      '../outside/abs-escape.txt': 'absolute escape\n',
    },
  },
  {
    title: 'writes through symlinks pointing out of the directory change their targets in memory only',
    file: 'symlink-write-through.js',
    stdout:
      'before: secret\nlink: through the link\ntarget: through the link\nstill a link: true\noutside: planted.txt secret.txt\n',
    files: { '../outside/secret.txt': 'through the link\n', '../outside/planted.txt': 'planted\n' },
  },
  {
    title: "fd writes (openSync 'w', 'a', 'r+', writeSync, ftruncateSync, fsyncSync) stay in memory",
    file: 'fd-writes.js',
    stdout: 'size 5\n"written by fd\\n"\n"alpha\\nappended by fd\\n"\n"SECre"\n',
    files: { 'fd-new.txt': 'written by fd\n', 'a.txt': 'alpha\nappended by fd\n', '../outside/secret.txt': 'SECre' },
  },
  {
    title: 'open with numeric flags, writevSync and the fd callback API stay in memory',
    file: 'fd-numeric-flags.js',
    stdout: '"one two\\n"\n640\n"callback write\\n"\n',
    files: { 'a.txt': 'one two\n', 'excl.txt': '', 'sub/deep.txt': 'callback write\n' },
  },
  {
    title: 'createWriteStream over a real file and appending outside cwd stays in memory',
    file: 'write-stream.js',
    stdout: '"streamed and corked\\n"\n"secret\\nstreamed on\\n"\n',
    files: { 'a.txt': 'streamed and corked\n', '../outside/secret.txt': 'secret\nstreamed on\n' },
  },
  {
    title: 'new fs.WriteStream(path) writes in memory only',
    file: 'write-stream-class.js',
    stdout: '"by the class\\n"\n',
    files: { 'a.txt': 'by the class\n' },
  },
  {
    title: 'a FileHandle (promises.open, write, truncate, sync, close) writes in memory only',
    file: 'file-handle.js',
    stdout: '"ALP"\n"by a handle\\n"\n',
    files: { 'a.txt': 'ALP', '../outside/handle.txt': 'by a handle\n' },
  },
  {
    title: 'renameSync over real files replaces them in memory only',
    file: 'rename-over.js',
    stdout: '"deep\\n"\n"#!/bin/sh\\necho hi\\n"\n755\na.txt empty-dir link-dir link-out sub\nnested\n',
    files: { 'a.txt': DEEP, 'sub/deep.txt': null, 'exec.sh': null, '../outside/secret.txt': EXEC },
  },
  {
    title: 'renaming real files and a directory away leaves them on disk',
    file: 'rename-away.js',
    stdout:
      'false false\nalpha\nnested\nsecret\nempty-dir exec.sh link-dir link-out stolen.txt sub-moved\nmoved.txt\n',
    files: {
      'a.txt': null,
      '../outside/moved.txt': A,
      'sub/deep.txt': null,
      'sub/nested/n.txt': null,
      'sub-moved/deep.txt': DEEP,
      'sub-moved/nested/n.txt': 'nested\n',
      '../outside/secret.txt': null,
      'stolen.txt': SECRET,
    },
  },
  {
    title: 'unlink of real files and of a symlink deletes them in memory only',
    file: 'unlink.js',
    stdout: 'false false false\nempty-dir exec.sh link-dir sub\n(empty)\n',
    files: { 'a.txt': null, 'sub/deep.txt': null, '../outside/secret.txt': null },
  },
  {
    title: 'rmSync recursive of a subtree, a directory symlink and cwd itself deletes in memory only',
    file: 'rm-recursive.js',
    stdout: 'false false true\na.txt empty-dir exec.sh link-out\nfalse false\noutside\n',
    files: { 'a.txt': null, 'exec.sh': null, 'sub/deep.txt': null, 'sub/nested/n.txt': null },
  },
  {
    title: 'fs.rm and fs.promises.rm recursive on real directories delete in memory only',
    file: 'rm-outside.js',
    stdout: 'false\ndeep.txt\n',
    files: { '../outside/secret.txt': null, 'sub/nested/n.txt': null },
  },
  {
    title: 'rmdir of real directories removes them in memory only, with ENOTEMPTY as node gives it',
    file: 'rmdir.js',
    stdout: 'ENOTEMPTY\nfalse false\ndeep.txt\n',
    files: { 'sub/nested/n.txt': null },
  },
  {
    title: 'copyFileSync and copyFile onto real files overwrite them in memory only',
    file: 'copy-file.js',
    stdout: 'EEXIST\n"alpha\\n"\n"#!/bin/sh\\necho hi\\n"\n',
    files: { '../outside/secret.txt': A, 'sub/deep.txt': EXEC },
  },
  {
    title: 'cpSync and fs.promises.cp of real trees and onto real files copy in memory only',
    file: 'cp-recursive.js',
    stdout: 'nested\n"#!/bin/sh\\necho hi\\n"\nsecret.txt sub-copy\ndeep\n',
    files: {
      '../outside/sub-copy/deep.txt': DEEP,
      '../outside/sub-copy/nested/n.txt': 'nested\n',
      'a.txt': EXEC,
      'outside-copy/secret.txt': SECRET,
      'outside-copy/sub-copy/deep.txt': DEEP,
      'outside-copy/sub-copy/nested/n.txt': 'nested\n',
    },
  },
  {
    title: 'chmodSync, fchmodSync and promises.chmod change modes in memory only',
    file: 'chmod.js',
    stdout: '600 644 700 666\n',
    // A changed mode is a changed file (a new ctime), as runInNode reports it.
    files: { 'a.txt': A, 'exec.sh': EXEC, '../outside/secret.txt': SECRET },
  },
  {
    title: 'chownSync, fchownSync, lchownSync and promises.chown leave the disk alone',
    file: 'chown.js',
    stdout: 'owned true\n',
    files: { 'a.txt': A, 'exec.sh': EXEC, '../outside/secret.txt': SECRET },
  },
  {
    title: 'utimesSync, futimesSync, lutimesSync and promises.utimes change times in memory only',
    file: 'utimes.js',
    stdout:
      '1970-01-12T13:46:40.000Z 2020-02-02T00:00:00.000Z 1970-02-04T17:20:00.000Z\n1970-01-24T03:33:20.000Z 2001-02-03T04:05:06.000Z\n',
    files: { 'a.txt': A, 'sub/deep.txt': DEEP },
  },
  {
    title: 'mkdtemp in os.tmpdir() and in cwd creates directories in memory only',
    file: 'mkdtemp.js',
    stdout: 'true true\ntrue temp too\ntrue true\n2\n',
    files: (files) => {
      const keys = Object.keys(files).sort();
      expect(keys).toHaveLength(2);
      for (const key of keys) {
        expect(path.dirname(path.dirname(key))).toBe(tmp);
        expect(path.relative(tmp, key)).toMatch(/^rm-hostile-\w{6}\/inside\.txt$/);
      }
      expect(Object.values(files).sort()).toEqual(['temp\n', 'temp too\n']);
    },
  },
  {
    title: 'symlinkSync out of the directory, then writes through the new links, stay in memory',
    file: 'symlink-create.js',
    stdout: '../outside/secret.txt true\nvia a new link\ndropped.txt secret.txt\n',
    files: { '../outside/secret.txt': 'via a new link\n', '../outside/dropped.txt': 'dropped\n' },
  },
  {
    title: 'hard links to real files, and writes through them, stay in memory',
    file: 'link-create.js',
    stdout: '"through a hard link\\n" 2\n"secret\\nappended\\n"\n',
    files: {
      'hard.txt': 'through a hard link\n',
      'a.txt': 'through a hard link\n',
      'hard-secret.txt': 'secret\nappended\n',
      '../outside/secret.txt': 'secret\nappended\n',
    },
  },
  {
    title: 'truncateSync, truncate and promises.truncate shorten and extend in memory only',
    file: 'truncate.js',
    stdout: '"al"\n0\n"deep\\n\\u0000\\u0000\\u0000\\u0000\\u0000"\n',
    files: { 'a.txt': 'al', '../outside/secret.txt': '', 'sub/deep.txt': 'deep\n\0\0\0\0\0' },
  },
  {
    title: "an ES module's fs/promises imports write in memory only",
    file: 'esm-fs-promises.mjs',
    stdout: '"esm promises\\n"\n"secret\\nesm appended\\n"\n"esm new\\n"\n',
    files: { 'a.txt': 'esm promises\n', '../outside/secret.txt': 'secret\nesm appended\n', 'esm-new.txt': 'esm new\n' },
  },
  {
    title: "an ES module's named imports from node:fs write, rename and delete in memory only",
    file: 'esm-named-imports.mjs',
    stdout: 'named import\nnamed stream\na.txt empty-dir link-dir link-out renamed.sh\n',
    files: {
      'a.txt': 'named import\n',
      'exec.sh': null,
      'renamed.sh': EXEC,
      'sub/deep.txt': null,
      'sub/nested/n.txt': null,
      '../outside/secret.txt': 'named stream\n',
    },
  },
  {
    title: "a package in node_modules writing with its own require('fs') writes in memory only",
    file: 'third-party.js',
    stdout: 'evil-lib was here\n',
    files: { 'a.txt': 'evil-lib was here\n', '../outside/secret.txt': 'secret\nevil-lib appended\n', 'sub/deep.txt': null },
  },
  {
    title: "import('node:fs') and import('fs/promises') from CommonJS write in memory only",
    file: 'dynamic-import.js',
    stdout: 'dynamic import\ndynamic promises\n',
    files: { 'a.txt': 'dynamic import\n', '../outside/secret.txt': 'dynamic promises\n' },
  },
  {
    title: "createRequire(import.meta.url)('fs') in an ES module writes in memory only",
    file: 'create-require.mjs',
    stdout: 'created require false\n',
    files: { 'a.txt': 'created require\n', 'exec.sh': null },
  },
  {
    title: "process.getBuiltinModule('node:fs') writes in memory only",
    file: 'get-builtin-module.js',
    stdout: 'via getBuiltinModule false\n',
    files: { 'a.txt': 'via getBuiltinModule\n', 'sub/deep.txt': null, 'sub/nested/n.txt': null },
  },
  {
    title: 'paths given as file: URLs and Buffers write in memory only',
    file: 'url-and-buffer-paths.js',
    stdout: 'by URL\nby Buffer\nfalse\n',
    files: { 'a.txt': 'by URL\n', '../outside/secret.txt': 'by Buffer\n', 'exec.sh': null },
  },
  {
    title: 'process.chdir() into a real directory, then relative writes, follow the run cwd in memory',
    file: 'chdir-relative.js',
    stdout: 'in sub\nrelative overwrite\nfrom the parent\n',
    files: { 'sub/rel.txt': 'in sub\n', 'sub/deep.txt': 'relative overwrite\n', '../outside/rel.txt': 'from the parent\n' },
  },
  {
    title: 'process.chdir() into a directory the script made, then relative writes, stay in memory',
    file: 'chdir-created-dir.js',
    stdout: 'in a made directory\n',
    files: { 'made/deeper/rel.txt': 'in a made directory\n' },
  },
  {
    title: 'a timer and an immediate that would write after process.exit() never run',
    file: 'exit-then-timer.js',
    stdout: 'exiting\n',
    files: { 'before-exit.txt': 'before exit\n' },
    after: () => sleep(60),
  },
  {
    title: "unref'd timers that would write after the run ended never run",
    file: 'unref-timer-after-end.js',
    stdout: 'ending\n',
    files: { 'before-end.txt': 'before end\n' },
    after: () => sleep(80),
  },
  {
    title: "writes scheduled past the run's timeout never happen",
    file: 'timeout-then-write.js',
    stdout: 'waiting\n',
    exitCode: 124,
    options: { timeout: 150 },
    files: { 'before-timeout.txt': 'before timeout\n' },
    after: () => sleep(400),
  },
  {
    title: 'writes in a finally block after process.exit() are dropped',
    file: 'exit-in-finally-write.js',
    stdout: '',
    files: { 'in-try.txt': 'in try\n' },
  },
  {
    title: "functions of the run's module called after the run write in memory only",
    file: 'exports-writer.js',
    stdout: '',
    files: { 'during-run.txt': 'during the run\n' },
    after: async (result) => {
      const api = result.exports as {
        save(name: string, text: string): void;
        load(name: string): string;
        remove(name: string): Promise<void>;
      };
      api.save('a.txt', 'after the run\n');
      await api.remove('sub');
      expect(api.load('a.txt')).toBe('after the run\n');
    },
  },
];

/** `files` of a row with its keys as the run reports them: absolute outside cwd. */
function expectedFiles(files: Record<string, string | null>): Record<string, string | null> {
  return Object.fromEntries(
    Object.entries(files).map(([key, content]) => [key.startsWith('../') ? path.join(tree, key) : key, content]),
  );
}

function textOf(files: Files): Record<string, string | null> {
  return Object.fromEntries(
    Object.entries(files).map(([key, content]) => [key, Buffer.isBuffer(content) ? content.toString('utf8') : content]),
  );
}

describe.each(['memory', 'overlay'] as const)("fs: '%s' never changes the real disk", (mode) => {
  test.each(rows)('$title', async (row) => {
    const before = snapshot();
    let result: RunResult | undefined;
    try {
      result = await runAsMain(path.join(fixturesDir, row.file), { cwd: tree, fs: mode, argv: [tree], ...row.options });
      await row.after?.(result);
    } finally {
      const after = snapshot();
      if (JSON.stringify(after) !== JSON.stringify(before)) restoreScratch();
      expect(after, 'the real disk changed').toEqual(before);
    }
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(row.exitCode ?? 0);
    expect(result.stdout).toBe(row.stdout);
    if (typeof row.files === 'function') row.files(result.files);
    else expect(textOf(result.files)).toEqual(expectedFiles(row.files));
  });
});

describe("fs: 'real'", () => {
  test('every hostile script does change the disk when nothing intercepts it (opt-in)', async () => {
    const realRoot = fs.mkdtempSync(path.join(fixturesDir, `${SCRATCH_PREFIX}real-`));
    try {
      const outcomes: { file: string; changed: boolean; stdout: string }[] = [];
      for (const [index, row] of rows.entries()) {
        const root = path.join(realRoot, String(index));
        fs.mkdirSync(root);
        const realTree = buildTree(root);
        const before = { tree: digest(root), tmpdir: digest(tmp) };
        const result = await runAsMain(path.join(fixturesDir, row.file), {
          cwd: realTree,
          fs: 'real',
          argv: [realTree],
          ...row.options,
        });
        await row.after?.(result);
        const after = { tree: digest(root), tmpdir: digest(tmp) };
        outcomes.push({ file: row.file, changed: JSON.stringify(after) !== JSON.stringify(before), stdout: result.stdout });
      }
      // The proof that the battery detects a write; then that each script's expectations are node's.
      expect(outcomes.map(({ file, changed }) => ({ file, changed }))).toEqual(
        rows.map((row) => ({ file: row.file, changed: true })),
      );
      expect(outcomes.map(({ file, stdout }) => ({ file, stdout }))).toEqual(
        rows.map((row) => ({ file: row.file, stdout: row.stdout })),
      );
    } finally {
      fs.rmSync(realRoot, { recursive: true, force: true });
      for (const name of fs.readdirSync(tmp)) fs.rmSync(path.join(tmp, name), { recursive: true, force: true });
    }
    expect(fs.existsSync(realRoot)).toBe(false);
  });
});

/**
 * Archive targets (SPEC §3.1): a tarball made by `npm pack`, or a zip holding a package, is
 * unpacked into the run's volume at `<cwd>/node_modules/<name>/` — never onto the disk — and run
 * as its users run it, its dependencies resolving from cwd. The archives are made here: `npm pack`
 * of fixtures/archive/greet-cli, zips by the `zip` command, hostile tars by modern-tar.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { packTar } from 'modern-tar';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { extractGlobals, RunAsMainUsageError, runAsMain, runInNode, runPath, safeRunPath } from '../src/index.js';
import type { RunResult } from '../src/result.js';
import { dropNodeFrames } from './support/node-output.js';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const fixture = fileURLToPath(new URL('../fixtures/archive/greet-cli', import.meta.url));
/** Where a run of greet-cli's tarball puts it: below the repository, whose node_modules has commander. */
const installedAt = path.join(root, 'node_modules', 'greet-cli');

let work: string;
let tarball: string;

/** Every file below `dir`, with its content: what "nothing was written" is checked against. */
function treeOf(dir: string): Record<string, string> {
  const tree: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    tree[path.relative(dir, file)] = entry.isFile() ? readFileSync(file).toString('base64') : entry.isSymbolicLink() ? 'link' : 'dir';
  }
  return tree;
}

/** A zip of `names` (relative to `dir`) made by the zip command, as bytes. */
function zipOf(dir: string, names: string[], flags: string[] = []): Buffer {
  const file = path.join(work, `zip-${readdirSync(work).length}.zip`);
  execFileSync('zip', ['-q', '-r', ...flags, file, ...names], { cwd: dir });
  return readFileSync(file);
}

/** Writes `files` below a fresh directory of `work`; returns it. */
function directoryWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(work, 'dir-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

beforeAll(() => {
  work = realpathSync(mkdtempSync(path.join(tmpdir(), 'run-as-main-archive-')));
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--offline', '--ignore-scripts', '--pack-destination', work, fixture], {
      cwd: work,
      encoding: 'utf8',
      timeout: 60_000,
    }),
  ) as { filename: string }[];
  tarball = path.join(work, packed!.filename);
}, 90_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** What a node-vs-in-process comparison looks at: Node's own frames differ by how node was started. */
const comparable = (result: RunResult) => ({
  exitCode: result.exitCode,
  stdout: result.stdout,
  stderr: dropNodeFrames(result.stderr),
});

describe('an npm pack tarball', () => {
  test("runs its bin, its dependencies resolving from cwd's node_modules and its files read from the archive", async () => {
    const result = await runAsMain(tarball, { cwd: root, argv: ['Ada'] });
    expect(result).toMatchObject({ exitCode: 0, stdout: 'Hello, Ada!\n', stderr: '', files: {} });
  });

  test.each([
    ['a greeting', ['Ada', '--shout']],
    ['where it runs from', ['Ada', '--where']],
    ['a module left out of "files"', ['Ada', '--dev']],
    ['an uncaught error', ['Ada', '--fail']],
    ['its version', ['--version']],
    ['an unknown option', ['--nope']],
  ])('prints %s as node running the unpacked package does', async (_, argv) => {
    const inProcess = await runAsMain(tarball, { cwd: root, argv });
    const node = await runInNode(tarball, { cwd: root, argv });
    expect(comparable(inProcess)).toEqual(comparable(node));
    expect(node.files).toEqual({});
  });

  test('lives at <cwd>/node_modules/<name>: process.argv[1], __filename and the traceback name it there', async () => {
    const where = await runAsMain(tarball, { cwd: root, argv: ['Ada', '--where'] });
    expect(where.stdout).toBe(
      [
        'argv[1]: node_modules/greet-cli/bin/greet.js',
        '__filename: node_modules/greet-cli/bin/greet.js',
        'main: true',
        'dev-only on disk: false',
        'Hello, Ada!',
        '',
      ].join('\n'),
    );
    const failed = await runAsMain(tarball, { cwd: root, argv: ['Ada', '--fail'] });
    expect(failed.exitCode).toBe(1);
    expect(failed.traceback.split('\n').slice(0, 6)).toEqual([
      'node_modules/greet-cli/bin/greet.js:33',
      `    if (options.fail) throw new Error(\`cannot greet \${name}\`);`,
      '                      ^',
      '',
      'Error: cannot greet Ada',
      '    at Command.<anonymous> (node_modules/greet-cli/bin/greet.js:33:29)',
    ]);
  });

  test('holds only what npm pack published: a file left out of "files" is not found', async () => {
    const result = await runAsMain(tarball, { cwd: root, argv: ['Ada', '--dev'] });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toBe("MODULE_NOT_FOUND: Cannot find module '../lib/dev-only.js'\n");
  });

  test("writes nothing to disk: the package is in the run's volume only", async () => {
    const before = treeOf(work);
    const result = await runAsMain(tarball, { cwd: root, argv: ['Ada'] });
    expect(result.fs!.readFileSync(path.join(installedAt, 'templates/greeting.txt'), 'utf8')).toBe('Hello, {name}!\n');
    expect(result.fs!.readdirSync(installedAt)).toEqual(['bin', 'lib', 'package.json', 'templates']);
    expect(treeOf(work)).toEqual(before);
    expect(existsSync(installedAt)).toBe(false);
  });

  test("replaces what the disk holds at its place: an installed copy shows nothing through, in 'memory' and 'overlay'", async () => {
    const project = directoryWith({
      'package.json': '{ "name": "project", "private": true }\n',
      'node_modules/greet-cli/package.json': '{ "name": "greet-cli", "version": "0.9.0", "bin": { "greet": "bin/greet.js" } }\n',
      'node_modules/greet-cli/bin/greet.js': 'console.log("the installed copy");\n',
      'node_modules/greet-cli/lib/dev-only.js': 'module.exports = "installed";\n',
    });
    symlinkSync(path.join(root, 'node_modules', 'commander'), path.join(project, 'node_modules', 'commander'), 'dir');
    const before = treeOf(project);

    const version = await runAsMain(tarball, { cwd: project, argv: ['--version'] });
    const dev = await runAsMain(tarball, { cwd: project, argv: ['Ada', '--where', '--dev'] });
    expect(version.stdout).toBe('1.0.0\n');
    expect(dev).toMatchObject({ exitCode: 3, stderr: "MODULE_NOT_FOUND: Cannot find module '../lib/dev-only.js'\n" });
    expect(dev.stdout).toContain('dev-only on disk: false\n');
    const overlay = await runAsMain(tarball, { cwd: project, argv: ['Ada', '--where'], fs: 'overlay' });
    expect(overlay.stdout).toContain('dev-only on disk: false\n');
    expect(treeOf(project)).toEqual(before);
  });

  test('runs through runPath, safeRunPath and extractGlobals, named by a relative path or a file: URL', async () => {
    const options = { cwd: work, argv: ['Ada'] };
    const relative = path.basename(tarball);
    // commander is not below work: the tarball's dependency is missing there, as for a user.
    expect((await safeRunPath(relative, options)).stderr).toMatch(/Cannot find module 'commander'/);
    const inRoot = { cwd: root, argv: ['Ada'] };
    await expect(runPath(pathToFileURL(tarball), inRoot)).resolves.toMatchObject({ version: '1.0.0' });
    await expect(extractGlobals(tarball, ['version', 'missing'], inRoot)).resolves.toEqual({ version: '1.0.0' });
  });

  test('may itself be one of `files`', async () => {
    const result = await runAsMain('dist/greet.tgz', { cwd: root, argv: ['Ada'], files: { 'dist/greet.tgz': readFileSync(tarball) } });
    expect(result).toMatchObject({ exitCode: 0, stdout: 'Hello, Ada!\n', files: {} });
  });

  test("is evaluated afresh in every run with modules: 'shared', as the code under test", async () => {
    const versions = ['one', 'two'].map((word) =>
      zipOf(
        directoryWith({
          'package.json': '{ "name": "tiny", "bin": "cli.js" }',
          'cli.js': "console.log(require('./lib/word.js'));",
          'lib/word.js': `module.exports = '${word}';`,
        }),
        ['package.json', 'cli.js', 'lib'],
      ),
    );
    const stdout: string[] = [];
    for (const zip of versions) {
      stdout.push((await runAsMain('tiny.zip', { cwd: work, modules: 'shared', files: { 'tiny.zip': zip } })).stdout);
    }
    expect(stdout).toEqual(['one\n', 'two\n']);
  });
});

describe('a zip', () => {
  test('holding the package in a top folder runs as that package', async () => {
    const zip = zipOf(path.dirname(fixture), ['greet-cli']);
    const result = await runAsMain('greet.zip', { cwd: root, argv: ['Ada', '--where'], files: { 'greet.zip': zip } });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('argv[1]: node_modules/greet-cli/bin/greet.js\n');
    // A zip is of the directory, not of what npm would publish.
    expect(result.stdout).toContain('dev-only on disk: true\n');
  });

  test('holding the package at its root runs its main, an ES module, as node does', async () => {
    const dir = directoryWith({
      'package.json': '{ "name": "@demo/hello", "type": "module", "main": "src/main.js" }\n',
      'src/main.js': [
        "import path from 'node:path';",
        "import { shout } from './shout.js';",
        'console.log(shout(process.argv[2]), path.relative(process.cwd(), import.meta.filename), import.meta.main ?? "n/a");',
        '',
      ].join('\n'),
      'src/shout.js': `export const shout = (word) => \`\${word.toUpperCase()}!\`;\n`,
    });
    const archive = path.join(dir, 'hello.zip');
    writeFileSync(archive, zipOf(dir, ['package.json', 'src']));
    const inProcess = await runAsMain(archive, { cwd: work, argv: ['hey'] });
    const node = await runInNode(archive, { cwd: work, argv: ['hey'] });
    expect(inProcess.stdout).toMatch(/^HEY! node_modules\/@demo\/hello\/src\/main\.js (?:true|n\/a)\n$/);
    expect(comparable(inProcess)).toEqual(comparable(node));
  });
});

describe('misuse', () => {
  const tarGz = async (entries: Parameters<typeof packTar>[0]): Promise<Buffer> => gzipSync(await packTar(entries));
  const file = (name: string, body: string) => ({ header: { name, size: Buffer.byteLength(body), type: 'file' as const }, body });
  const manifest = file('package/package.json', '{ "name": "broken", "bin": "cli.js" }');

  /** The usage error a run of `bytes` as `name` gives (the archive seeded in `files`). */
  async function refusal(name: string, bytes: Uint8Array | string, options: { fs?: 'real' } = {}): Promise<string> {
    const error = await runAsMain(name, { cwd: root, files: { [name]: bytes }, ...options }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(RunAsMainUsageError);
    return (error as Error).message;
  }

  test('a file that is no archive, a truncated tarball, a gzip of something else and a bad tar header', async () => {
    const packed = readFileSync(tarball);
    const tar = Buffer.from(await packTar([manifest]));
    tar[0] = tar[0]! ^ 1; // the header's name changes, its checksum does not
    const absolute = path.join(root, 'x.tgz');
    const expected = 'expected a .tgz made by npm pack, a .tar or a .zip holding a package';
    expect(await refusal('x.tgz', 'not an archive')).toBe(
      `The archive ${absolute} cannot be unpacked: it is neither gzip, tar nor zip (it starts with 6e 6f 74 20) (${expected}).`,
    );
    expect(await refusal('x.tgz', packed.subarray(0, packed.length / 2))).toBe(`The archive ${absolute} cannot be unpacked: unexpected end of file (${expected}).`);
    expect(await refusal('x.tgz', gzipSync('plain text'))).toBe(`The archive ${absolute} cannot be unpacked: its gzip content is not a tar (${expected}).`);
    expect(await refusal('x.tgz', tar)).toBe(`The archive ${absolute} cannot be unpacked: Invalid tar header checksum (${expected}).`);
    expect(await refusal('x.zip', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(40)]))).toMatch(
      /^The archive .*\/x\.zip cannot be unpacked: End of central directory record signature not found\. Either not a zip file, or file is truncated \(expected/,
    );
    const stored = directoryWith({ 'package.json': '{ "name": "crc", "main": "index.js" }', 'index.js': 'console.log("original");' });
    const altered = Buffer.from(zipOf(stored, ['package.json', 'index.js'], ['-0']).toString('latin1').replace('original', 'modified'), 'latin1');
    expect(await refusal('x.zip', altered)).toMatch(/^The archive .*\/x\.zip cannot be unpacked: the CRC-32 of index\.js does not match its content \(expected/);
  });

  test('an archive with no package.json, or none that parses or names a package, or no entry point', async () => {
    const absolute = path.join(root, 'x.tgz');
    expect(await refusal('x.tgz', await tarGz([file('docs/README.md', '# hi'), file('src/index.js', '')]))).toBe(
      `The archive ${absolute} holds no package.json at its root or in a single top folder (its top level: docs, src): it must hold a package, as npm pack makes one.`,
    );
    expect(await refusal('x.tgz', await tarGz([file('package/package.json', '{ nope')]))).toMatch(
      new RegExp(`^The archive ${absolute} holds a package.json that does not parse: .*JSON`),
    );
    expect(await refusal('x.tgz', await tarGz([file('package/package.json', '{ "name": "../../evil" }')]))).toBe(
      `The archive ${absolute} holds a package.json whose "name" is "../../evil", not a package name: the package is unpacked to node_modules/<name> below cwd.`,
    );
    expect(await refusal('x.tgz', await tarGz([manifest]))).toBe(
      `The archive ${absolute} cannot be run: The package in ${root}/node_modules/broken declares the bin "broken" as "cli.js", but ${root}/node_modules/broken/cli.js does not exist.`,
    );
    expect(await refusal('x.tgz', await tarGz([file('package/package.json', '{ "name": "empty" }')]))).toBe(
      `The archive ${absolute} cannot be run: Cannot find an entry point in the directory ${root}/node_modules/empty: looked for a package.json "bin", then a package.json "main", then index.{js,mjs,cjs,ts,mts,cts}.`,
    );
  });

  test('an entry that escapes the archive, in a tar and in a zip', async () => {
    const absolute = path.join(root, 'x.tgz');
    const escaping = (name: string) => `The archive ${absolute} holds an entry that escapes its root: "${name}". Nothing is unpacked outside the package directory.`;
    expect(await refusal('x.tgz', await tarGz([manifest, file('package/../../evil.js', 'x')]))).toBe(escaping('package/../../evil.js'));
    expect(await refusal('x.tgz', await tarGz([manifest, file('/etc/evil.js', 'x')]))).toBe(escaping('/etc/evil.js'));

    const dir = directoryWith({ 'package.json': '{ "name": "evil", "main": "aa/evil.js" }', 'aa/evil.js': '' });
    // The name is written twice (local header, central directory), and covered by no checksum.
    const zip = Buffer.from(zipOf(dir, ['package.json', 'aa'], ['-D']).toString('latin1').replaceAll('aa/evil.js', '../evil.js'), 'latin1');
    expect(await refusal('x.zip', zip)).toMatch(/^The archive .*\/x\.zip holds an entry that escapes its root: "\.\.\/evil\.js"\./);
  });

  test('a symbolic link, a hard link or a fifo, in a tar and in a zip', async () => {
    const absolute = path.join(root, 'x.tgz');
    const symlink = { header: { name: 'package/cli.js', type: 'symlink' as const, linkname: '/etc/passwd', size: 0 } };
    const hardlink = { header: { name: 'package/cli.js', type: 'link' as const, linkname: 'package/package.json', size: 0 } };
    expect(await refusal('x.tgz', await tarGz([manifest, symlink]))).toBe(
      `The archive ${absolute} holds a link, package/cli.js → /etc/passwd: links are not unpacked (npm pack writes none); pack the file itself.`,
    );
    expect(await refusal('x.tgz', await tarGz([manifest, hardlink]))).toBe(
      `The archive ${absolute} holds a link, package/cli.js → package/package.json: links are not unpacked (npm pack writes none); pack the file itself.`,
    );

    const fifo = { header: { name: 'package/pipe', type: 'fifo' as const, size: 0 } };
    expect(await refusal('x.tgz', await tarGz([manifest, fifo]))).toBe(`The archive ${absolute} holds package/pipe, which is not a file or a directory (fifo).`);

    const dir = directoryWith({ 'package.json': '{ "name": "linked", "bin": "cli.js" }' });
    symlinkSync('../../outside.js', path.join(dir, 'cli.js'));
    expect(await refusal('x.zip', zipOf(dir, ['package.json', 'cli.js'], ['-y']))).toMatch(
      /^The archive .*\/x\.zip holds a link, cli\.js → \.\.\/\.\.\/outside\.js: links are not unpacked/,
    );
  });

  test("fs: 'real', and files where the package is unpacked", async () => {
    const bytes = readFileSync(tarball);
    expect(await refusal('x.tgz', bytes, { fs: 'real' })).toBe(
      `The archive ${root}/x.tgz is unpacked into the run's in-memory volume, which \`fs: 'real'\` does not have: use fs 'memory' (the default) or 'overlay'.`,
    );
    await expect(runAsMain(tarball, { cwd: root, files: { 'node_modules/greet-cli/extra.js': '' } })).rejects.toThrow(
      `Option \`files\` has "node_modules/greet-cli/extra.js", inside ${installedAt}, where the archive ${tarball} is unpacked: the archive's package replaces that directory.`,
    );
  });

  test('a missing archive is a missing target, for runAsMain and runInNode', async () => {
    const missing = path.join(work, 'missing.tgz');
    await expect(runAsMain(missing)).rejects.toThrow(`Cannot find the script to run: ${missing} does not exist.`);
    await expect(runInNode(missing)).rejects.toThrow(`Cannot find the script to run: ${missing} does not exist.`);
  });
});

import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { RunAsMainUsageError } from '../../src/errors.js';
import { transformTypeScript } from '../../src/loader/transform-ts.js';
import { runInNode } from '../../src/oracle/run-in-node.js';

let dir: string;

/** Writes a script (and any other files) under the test directory; returns its absolute path. */
function script(name: string, source: string, others: Record<string, string> = {}): string {
  for (const [file, content] of Object.entries({ [name]: source, ...others })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return path.join(dir, name);
}

/** Whether a process runs: a zombie (killed, not yet reaped by an init that may never) does not. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] !== 'Z';
  } catch {
    return true;
  }
}

beforeAll(() => {
  dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'run-as-main-test-')));
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "commonjs" }');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('exit status', () => {
  test('is the code given to process.exit', async () => {
    const result = await runInNode(script('exit.js', 'console.log("bye"); process.exit(3);'));
    expect(result).toMatchObject({ exitCode: 3, ok: false, stdout: 'bye\n', signal: undefined, timedOut: false });
  });

  test('is 0 and ok for a script that ends by itself, and carries every result field', async () => {
    const result = await runInNode(script('ok.js', 'const x = 1;'));
    expect(result).toEqual({
      ok: true,
      exitCode: 0,
      signal: undefined,
      namespace: {},
      exports: {},
      stdout: '',
      stderr: '',
      output: '',
      error: undefined,
      traceback: '',
      durationMs: expect.any(Number),
      files: {},
      timedOut: false,
      pending: [],
      leakedGlobals: [],
      unusedMocks: [],
    });
  });

  test('is 1 with the report on stderr for an uncaught error', async () => {
    const file = script('throws.js', 'throw new Error("kaboom");');
    const result = await runInNode(file);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`${file}:1`);
    expect(result.stderr).toContain('Error: kaboom');
    expect(result.error).toBeUndefined();
  });

  test('is 128 + n with the signal set when the script signals itself', async () => {
    const result = await runInNode(script('signal.js', 'process.kill(process.pid, "SIGTERM"); setTimeout(() => {}, 5000);'));
    expect(result).toMatchObject({ exitCode: 143, signal: 'SIGTERM', timedOut: false, ok: false });
  });
});

describe('timeout', () => {
  test('kills the process with exit code 124 and timedOut', async () => {
    const result = await runInNode(script('forever.js', 'setInterval(() => {}, 1000);'), { timeout: 1000 });
    expect(result).toMatchObject({ exitCode: 124, timedOut: true, signal: undefined, ok: false });
    expect(result.durationMs).toBeGreaterThanOrEqual(1000);
    expect(result.durationMs).toBeLessThan(5000);
  });

  test('also ends processes the script started that hold its output open', async () => {
    const file = script(
      'grandchild.js',
      `require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'inherit' });
       setInterval(() => {}, 1000);`,
    );
    const result = await runInNode(file, { timeout: 1000 });
    expect(result).toMatchObject({ exitCode: 124, timedOut: true });
    expect(result.durationMs).toBeLessThan(5000);
  });

  test('ends when the script exits, ending what it started that holds its output open', async () => {
    const file = script(
      'orphan.js',
      `const child = require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'inherit' });
       child.unref();
       console.log(child.pid);
       process.exitCode = 6;`,
    );
    const result = await runInNode(file, { timeout: 10_000 });
    expect(result).toMatchObject({ exitCode: 6, timedOut: false });
    expect(result.durationMs).toBeLessThan(5000);
    await vi.waitFor(() => expect(isRunning(Number(result.stdout))).toBe(false));
  });
});

describe('input and environment', () => {
  test('passes argv after the script, and the absolute script path as argv[1]', async () => {
    const file = script('argv.js', 'console.log(JSON.stringify(process.argv.slice(1)));');
    const result = await runInNode('argv.js', { cwd: dir, argv: ['a', '--b', 'c d'] });
    expect(JSON.parse(result.stdout)).toEqual([file, 'a', '--b', 'c d']);
  });

  test('runs in cwd, which relative targets resolve against', async () => {
    script('sub/cwd.js', 'console.log(process.cwd());');
    const result = await runInNode('cwd.js', { cwd: path.join(dir, 'sub') });
    expect(result.stdout).toBe(`${path.join(dir, 'sub')}\n`);
  });

  test.each([
    ['a string', 'one\ntwo'],
    ['bytes', Buffer.from('one\ntwo')],
    ['an array of chunks', ['one\n', Buffer.from('two')]],
  ])('writes stdin given as %s, then ends it', async (_, stdin) => {
    const file = script('stdin.js', 'console.log(JSON.stringify(require("fs").readFileSync(0, "utf8")));');
    expect((await runInNode(file, { stdin })).stdout).toBe('"one\\ntwo"\n');
  });

  test('gives an empty, ended stdin by default', async () => {
    const file = script('stdin-end.js', 'process.stdin.resume(); process.stdin.on("end", () => console.log("end"));');
    expect((await runInNode(file)).stdout).toBe('end\n');
  });

  test('merges env over the host environment, where undefined unsets a variable', async () => {
    const file = script('env.js', 'console.log(JSON.stringify([process.env.RIM_ADDED, process.env.PATH === undefined]));');
    expect((await runInNode(file, { env: { RIM_ADDED: 'yes' } })).stdout).toBe('["yes",false]\n');
    expect((await runInNode(file, { env: { PATH: undefined } })).stdout).toBe('[null,true]\n');
  });

  test('passes only env with extendEnv: false', async () => {
    const file = script('env-only.js', 'console.log(JSON.stringify(process.env));');
    const result = await runInNode(file, { env: { ONLY: '1' }, extendEnv: false });
    expect(JSON.parse(result.stdout)).toEqual({ ONLY: '1' });
  });

  test("does not inherit the host's colour variables", async () => {
    vi.stubEnv('FORCE_COLOR', '3');
    try {
      const file = script('colour.js', 'console.log("FORCE_COLOR" in process.env);');
      expect((await runInNode(file)).stdout).toBe('false\n');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  test('runs the bin of a directory target', async () => {
    script('tool/cli.js', 'console.log("the bin ran");', {
      'tool/package.json': JSON.stringify({ name: 'tool', bin: { tool: 'cli.js' }, main: 'index.js' }),
      'tool/index.js': 'console.log("main ran");',
    });
    expect((await runInNode('tool', { cwd: dir })).stdout).toBe('the bin ran\n');
  });
});

describe('output', () => {
  test('interleaves stdout and stderr in arrival order', async () => {
    const file = script(
      'interleave.js',
      `const steps = [() => console.log('out 1'), () => console.error('err 1'), () => console.log('out 2'), () => console.error('err 2')];
       steps.forEach((step, i) => setTimeout(step, i * 100));`,
    );
    const result = await runInNode(file);
    expect(result.output).toBe('out 1\nerr 1\nout 2\nerr 2\n');
    expect(result.stdout).toBe('out 1\nout 2\n');
    expect(result.stderr).toBe('err 1\nerr 2\n');
  });

  // Few writes: once a slow reader lets the socket buffer fill, node itself drops the rest at exit.
  test('keeps all output written right before process.exit', async () => {
    const file = script('large.js', 'for (let i = 0; i < 60; i++) console.log("x".repeat(499)); process.exit(0);');
    expect((await runInNode(file)).stdout).toHaveLength(30000);
  });

  test("echoes to the host's stdout and stderr with echo: true", async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await runInNode(script('echo.js', 'console.log("to out"); console.error("to err");'), { echo: true });
      expect(out.mock.calls.map(([chunk]) => String(chunk)).join('')).toContain('to out\n');
      expect(err.mock.calls.map(([chunk]) => String(chunk)).join('')).toContain('to err\n');
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });
});

describe('TypeScript targets', () => {
  test('run an ES module .ts importing another .ts by its .js name', async () => {
    const file = script(
      'ts-esm/main.ts',
      `import { double } from './double.js';
       const n: number = double(21);
       console.log(n, import.meta.filename.endsWith('main.ts'));`,
      {
        'ts-esm/package.json': '{ "type": "module" }',
        'ts-esm/double.ts': 'export const double = (n: number): number => n * 2;',
      },
    );
    const result = await runInNode(file);
    expect(result).toMatchObject({ exitCode: 0, stdout: '42 true\n', stderr: '' });
  });

  test('run a CommonJS .cts requiring an extensionless .ts, as the main module', async () => {
    const file = script(
      'ts-cjs/main.cts',
      `import path = require('node:path');
       const { shout } = require('./shout');
       const text: string = shout('hi');
       console.log(text, require.main === module, path.basename(__filename));
       export = { text };`,
      { 'ts-cjs/shout.ts': 'module.exports = { shout: (s: string): string => s.toUpperCase() };' },
    );
    const result = await runInNode(file);
    expect(result).toMatchObject({ exitCode: 0, stdout: 'HI true main.cts\n', stderr: '' });
  });

  test('run the JavaScript of the same transform as transformTypeScript', async () => {
    const source = 'function typed(a: number, b?: string): number { return a }\nconsole.log(typed.toString());\n';
    const file = script('same-transform.ts', source);
    const result = await runInNode(file);
    expect(transformTypeScript(file, source).code).toContain(result.stdout.trim());
    expect(result.stdout).not.toContain(': number');
  });

  test('report an uncaught error at its .ts line, with no trace of the loader', async () => {
    const file = script(
      'ts-throw.ts',
      ['type Id = string;', 'interface A {', '  id: Id;', '}', '', 'const a: A = { id: "x" };', 'throw new Error(a.id);'].join('\n'),
    );
    const result = await runInNode(file);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`${file}:7`);
    expect(result.stderr).toContain(`(${file}:7:7)`);
    expect(result.stderr).not.toMatch(/run-as-main-(?!test-)|hooks\.mjs|register\.mjs/);
  });

  test('report a syntax error at its .ts line and column', async () => {
    const file = script('ts-syntax.ts', 'const fine: number = 1;\nconst broken: number = ;\n');
    const result = await runInNode(file);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`${file}:2`);
    expect(result.stderr).toContain('SyntaxError');
    expect(result.stderr).toContain(`${file}:2:24`);
  });

  test('remove their temporary loader directory afterwards', async () => {
    // base64, so the loader path is not rewritten in the output
    const file = script('cleanup.ts', 'console.log(Buffer.from(process.execArgv.join(" ")).toString("base64"));');
    const execArgv = Buffer.from((await runInNode(file)).stdout, 'base64').toString();
    const register = /file:\S+register\.mjs/.exec(execArgv)?.[0];
    expect(register).toBeDefined();
    expect(existsSync(path.dirname(fileURLToPath(register!)))).toBe(false);
  });
});

describe('misuse', () => {
  test.each([
    ['initGlobals', { initGlobals: { injected: 1 } }],
    ['mocks', { mocks: { 'node:fs': {} } }],
    ['modules', { modules: 'shared' as const }],
    ['runName', { runName: 'plugin' }],
    ['tty', { tty: true }],
  ])('%s it cannot reproduce is a RunAsMainUsageError naming it', async (option, options) => {
    const file = script('never-runs.js', 'require("fs").writeFileSync(__filename + ".ran", "");');
    await expect(runInNode(file, options)).rejects.toThrow(RunAsMainUsageError);
    await expect(runInNode(file, options)).rejects.toThrow(`runInNode cannot reproduce the option \`${option}\``);
    expect(existsSync(`${file}.ran`)).toBe(false);
  });

  test('options equal to what node does anyway are accepted', async () => {
    const file = script('accepted.js', 'console.log("ran");');
    const result = await runInNode(file, { initGlobals: {}, mocks: {}, modules: 'fresh', runName: 'main', tty: false });
    expect(result.stdout).toBe('ran\n');
  });

  test('a missing target names the absolute path tried', async () => {
    await expect(runInNode('nope.js', { cwd: dir })).rejects.toThrow(
      `Cannot find the script to run: ${path.join(dir, 'nope.js')} does not exist.`,
    );
  });

  test('a cwd that does not exist is named', async () => {
    await expect(runInNode('x.js', { cwd: path.join(dir, 'no-such-dir') })).rejects.toThrow(
      /Option `cwd` must be an existing directory.*no-such-dir/,
    );
  });

  test('options of the wrong type are named', async () => {
    await expect(runInNode('x.js', { argv: 'a b' as never })).rejects.toThrow(/Option `argv` must be an array of strings/);
  });
});

describe('files', () => {
  /** A cwd of its own under the test directory, which need not exist on disk. */
  const cwdOf = (name: string): string => path.join(dir, 'files-cwd', name);

  test('are written into a temporary cwd; result.files lists created, changed and deleted files', async () => {
    const cwd = cwdOf('basic');
    const result = await runInNode('main.js', {
      cwd,
      files: {
        'main.js': `const fs = require('fs');
          fs.writeFileSync('data/out.txt', fs.readFileSync('data/in.txt', 'utf8').toUpperCase());
          fs.appendFileSync('data/log.txt', 'more\\n');
          fs.unlinkSync('data/gone.txt');
          fs.writeFileSync('bytes.bin', Buffer.from([0xff, 0x00, 0xfe]));
          fs.mkdirSync('made/deep', { recursive: true });
          console.log(fs.readdirSync('data').join(','));`,
        'data/in.txt': 'hello\n',
        'data/log.txt': 'first\n',
        'data/gone.txt': 'bye',
        'data/same.txt': 'untouched',
      },
    });
    expect(result).toMatchObject({ exitCode: 0, stdout: 'in.txt,log.txt,out.txt,same.txt\n', stderr: '' });
    expect(result.files).toEqual({
      'bytes.bin': Buffer.from([0xff, 0x00, 0xfe]),
      'data/gone.txt': null,
      'data/log.txt': 'first\nmore\n',
      'data/out.txt': 'HELLO\n',
    });
    expect(existsSync(cwd)).toBe(false);
  });

  test('null and a trailing slash make empty directories, which result.files does not list', async () => {
    const result = await runInNode('main.js', {
      cwd: cwdOf('dirs'),
      files: {
        'main.js': `const fs = require('fs');
          console.log(fs.readdirSync('.', { withFileTypes: true }).map((d) => d.name + (d.isDirectory() ? '/' : '')).join(' '));
          fs.rmdirSync('b');`,
        a: null,
        'b/': null,
        'c/d/': null,
      },
    });
    expect(result.stdout).toBe('a/ b/ c/ main.js\n');
    expect(result.files).toEqual({});
  });

  test('a file rewritten with the same content is listed as changed', async () => {
    const result = await runInNode('main.js', {
      cwd: cwdOf('rewrite'),
      files: { 'main.js': 'require("fs").writeFileSync("same.txt", "same");', 'same.txt': 'same' },
    });
    expect(result.files).toEqual({ 'same.txt': 'same' });
  });

  test('paths of the temporary tree are written back as the paths they stand for', async () => {
    const cwd = cwdOf('paths');
    const result = await runInNode('sub/main.mjs', {
      cwd,
      files: {
        'sub/main.mjs': `import os from 'node:os';
          import fs from 'node:fs';
          console.log(process.cwd());
          console.log(import.meta.url);
          console.log(fs.realpathSync('sub'));
          console.log(os.tmpdir());
          throw new Error('where');`,
      },
    });
    const lines = result.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([cwd, pathToFileURL(path.join(cwd, 'sub/main.mjs')).href, path.join(cwd, 'sub'), tmpdir()]);
    expect(result.stderr).toContain(`${pathToFileURL(path.join(cwd, 'sub/main.mjs')).href}:7`);
    expect(result.stderr).not.toMatch(/run-as-main-(?!test-)/);
  });

  test('writes under os.tmpdir() and outside cwd land in the temporary tree, with absolute keys', async () => {
    const cwd = cwdOf('outside');
    const result = await runInNode('main.js', {
      cwd,
      files: {
        'main.js': `const fs = require('fs'), os = require('os'), path = require('path');
          const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'job-'));
          fs.writeFileSync(path.join(scratch, 'note.txt'), 'temporary');
          console.log(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('job-')).length);
          fs.rmSync(scratch, { recursive: true });
          fs.writeFileSync(path.join(os.tmpdir(), 'kept.txt'), 'kept');
          fs.writeFileSync('../sibling.txt', 'next to cwd');`,
      },
    });
    expect(result).toMatchObject({ exitCode: 0, stdout: '1\n' });
    expect(result.files).toEqual({
      [path.join(tmpdir(), 'kept.txt')]: 'kept',
      [path.join(path.dirname(cwd), 'sibling.txt')]: 'next to cwd',
    });
    expect(existsSync(path.join(tmpdir(), 'kept.txt'))).toBe(false);
    expect(existsSync(path.join(path.dirname(cwd), 'sibling.txt'))).toBe(false);
  });

  test('an entry on disk under cwd runs from the tree: its __dirname writes are caught, its imports resolve from disk', async () => {
    const cwd = path.join(dir, 'files-app');
    script('files-app/bin/cli.js', `const fs = require('fs'), path = require('path');
      const { shout } = require('../lib/shout');
      const pkg = require('../package.json');
      fs.writeFileSync(path.join(__dirname, 'out.txt'), shout(fs.readFileSync('input.txt', 'utf8')));
      console.log(pkg.name, path.relative(process.cwd(), __filename), require('fake-dep'), require.main === module);`, {
      'files-app/package.json': JSON.stringify({ name: 'files-app', type: 'commonjs' }),
      'files-app/lib/shout.js': 'exports.shout = (s) => s.toUpperCase();',
      'node_modules/fake-dep/index.js': 'module.exports = "dep";',
    });
    const result = await runInNode('bin/cli.js', { cwd, files: { 'input.txt': 'quiet' } });
    expect(result).toMatchObject({ exitCode: 0, stdout: 'files-app bin/cli.js dep true\n', stderr: '' });
    expect(result.files).toEqual({ 'bin/out.txt': 'QUIET' });
    expect(existsSync(path.join(cwd, 'bin/out.txt'))).toBe(false);
  });

  test('a require() found neither in the tree nor on disk is reported as node reports it', async () => {
    const cwd = path.join(dir, 'files-missing');
    script('files-missing/cli.cjs', "require('./nowhere');");
    const result = await runInNode('cli.cjs', { cwd, files: {} });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^node:internal\/modules\/cjs\/loader:\d+\n {2}throw err;\n/);
    expect(result.stderr).toContain(`Error: Cannot find module './nowhere'\nRequire stack:\n- ${path.join(cwd, 'cli.cjs')}\n`);
    expect(result.stderr).toContain(`at Object.<anonymous> (${path.join(cwd, 'cli.cjs')}:1:1)`);
    expect(result.stderr).not.toContain('<run-as-main loader>');
  });

  test('an ES module entry copied into the tree keeps its package type and imports its siblings from disk', async () => {
    const cwd = path.join(dir, 'files-esm');
    script('files-esm/main.js', `import { readFileSync } from 'node:fs';
      import { twice } from './twice.js';
      import dep from 'fake-dep';
      console.log(twice(readFileSync('n.txt', 'utf8')), dep, typeof require);
      await import('./missing.js');`, {
      'files-esm/package.json': '{ "type": "module" }',
      'files-esm/twice.js': 'export const twice = (s) => s + s;',
      'node_modules/fake-dep/index.js': 'module.exports = "dep";',
    });
    const result = await runInNode('main.js', { cwd, files: { 'n.txt': 'ab' } });
    expect(result.stdout).toBe('abab dep undefined\n');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`Cannot find module '${path.join(cwd, 'missing.js')}' imported from ${path.join(cwd, 'main.js')}`);
  });

  test('an entry outside cwd runs where it is, with the temporary tree as its cwd', async () => {
    const file = script('files-tool/tool.js', `const fs = require('fs'), path = require('path');
      console.log(__dirname);
      console.log(process.cwd());
      fs.writeFileSync('result.txt', fs.readFileSync('in.txt', 'utf8') + '!');`);
    const result = await runInNode(file, { cwd: cwdOf('tool'), files: { 'in.txt': 'done' } });
    expect(result).toMatchObject({ exitCode: 0, stdout: `${path.dirname(file)}\n${cwdOf('tool')}\n` });
    expect(result.files).toEqual({ 'result.txt': 'done!' });
  });

  test('a package directory among files runs its bin', async () => {
    const result = await runInNode('tool', {
      cwd: cwdOf('bin'),
      files: {
        'tool/package.json': JSON.stringify({ name: 'tool', bin: 'cli.js' }),
        'tool/cli.js': 'console.log("bin of the seeded package");',
      },
    });
    expect(result.stdout).toBe('bin of the seeded package\n');
  });

  test('a TypeScript entry among files runs transformed', async () => {
    const result = await runInNode('main.ts', {
      cwd: cwdOf('ts'),
      files: { 'main.ts': 'const n: number = 2;\nrequire("fs").writeFileSync("n.txt", String(n * 21));\n' },
    });
    expect(result).toMatchObject({ exitCode: 0, stderr: '', files: { 'n.txt': '42' } });
  });

  test.each([
    ['ends by itself', 'console.log(Buffer.from(process.cwd()).toString("base64"));', {}],
    ['is killed at its timeout', 'console.log(Buffer.from(process.cwd()).toString("base64")); setInterval(() => {}, 1000);', { timeout: 1000 }],
  ])('the temporary directory is removed when the run %s', async (_, source, options) => {
    const result = await runInNode('main.js', { cwd: cwdOf('cleanup'), files: { 'main.js': source }, ...options });
    // base64, so the temporary path is not written back
    const childCwd = Buffer.from(result.stdout, 'base64').toString();
    expect(childCwd).toContain('run-as-main-');
    expect(existsSync(childCwd)).toBe(false);
  });

  test("with fs: 'real' are a RunAsMainUsageError", async () => {
    // An existing cwd: a missing one with fs: 'real' is a misuse of its own (the cwd's).
    await expect(runInNode('main.js', { cwd: dir, fs: 'real', files: { 'main.js': '' } })).rejects.toThrow(
      "runInNode cannot reproduce the option `files` in a real node process: with `fs: 'real'`",
    );
  });
});

/**
 * runAsMain and runSource (SPEC §2, §3): what a run hands back — namespace, exports, output —
 * and the process a script sees — argv, env, cwd, stdin, stdout/stderr, main-ness, timers,
 * globals. Expectations that depend on Node were first checked with a real `node`; where cheap,
 * a test compares with runInNode directly.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { type RunOptions, type RunResult, runAsMain, runInNode, runSource } from '../src/index.js';

const fixturesDir = fileURLToPath(new URL('../fixtures/run-as-main', import.meta.url));
const fixture = (name: string): string => path.join(fixturesDir, name);

/** Runs source text as the file `name` in the fixtures directory (which is also the cwd). */
const run = (code: string, options: RunOptions & { filename?: string } = {}) =>
  runSource(code, { cwd: fixturesDir, filename: 'inline.js', ...options });

/** The first line of stdout, parsed: the scripts below print one JSON line. */
const printed = (result: RunResult): unknown => JSON.parse(result.stdout.split('\n')[0]!);

describe('namespace', () => {
  test('holds var, let, const, function and class bindings, destructured ones included', async () => {
    const result = await run(`
      var v = 1;
      let l = 'two';
      const c = [3];
      function f() { return 4; }
      class K {}
      const { x, y: [z], ...rest } = { x: 5, y: [6], w: 7 };
    `);
    const { namespace } = result;
    expect(Object.keys(namespace).sort()).toEqual(['K', 'c', 'f', 'l', 'rest', 'v', 'x', 'z']);
    expect(namespace).toMatchObject({ v: 1, l: 'two', c: [3], x: 5, z: 6, rest: { w: 7 } });
    expect((namespace.f as () => number)()).toBe(4);
    expect(namespace.K).toBeTypeOf('function');
    expect((namespace.K as Function).name).toBe('K');
  });

  test('holds a script\'s var declared in blocks, loops, switch and try, not those of its functions', async () => {
    const result = await run(`
      if (true) { var inIf = 1; }
      for (var i = 0; i < 2; i++) { var inLoop = i; }
      for (var key in { k: 1 });
      switch (1) { case 1: var inCase = 'c'; }
      try { throw 0; } catch { var inCatch = 'x'; } finally { var inFinally = 'f'; }
      label: { var labelled = true; }
      function f() { var local = 1; return local; }
      const g = () => { var alsoLocal = 2; return alsoLocal; };
      class K { m() { var inMethod = 3; return inMethod; } }
      const word = 'variable';
    `);
    expect(Object.keys(result.namespace).sort()).toEqual(
      ['K', 'f', 'g', 'i', 'inCase', 'inCatch', 'inFinally', 'inIf', 'inLoop', 'key', 'labelled', 'word'].sort(),
    );
    expect(result.namespace).toMatchObject({ inIf: 1, i: 2, inLoop: 1, key: 'k', inCase: 'c', inCatch: 'x', labelled: true });
  });

  test("leaves out the CommonJS wrapper's parameters", async () => {
    const result = await run('const own = [typeof require, typeof module, typeof exports, __filename, __dirname];');
    expect(Object.keys(result.namespace)).toEqual(['own']);
  });

  test('holds the imported bindings of an ES module, next to its own', async () => {
    const result = await runAsMain(fixture('esm-imports.mjs'), { cwd: fixturesDir });
    const { namespace } = result;
    expect(result.exitCode).toBe(0);
    expect(Object.keys(namespace).sort()).toEqual([
      'Shape',
      'answer',
      'basename',
      'local',
      'main',
      'rectangleArea',
      'shapes',
      'sides',
      'status',
    ]);
    expect(namespace).toMatchObject({ answer: 42, status: 'done', local: 'b.txt', sides: { triangle: 3, square: 4 } });
    expect((namespace.rectangleArea as Function).name).toBe('area');
    expect((namespace.shapes as Record<string, unknown>).area).toBe(namespace.rectangleArea);
    expect((namespace.shapes as Record<string, unknown>).default).toBe(namespace.Shape);
    expect(namespace.basename).toBe(path.basename);
  });

  test('keeps the bindings reached before an uncaught throw and leaves out those in their temporal dead zone', async () => {
    const result = await run(`
      var early = 'set';
      let reached = 1;
      function hoisted() {}
      throw new Error('midway');
      let unreached = 2;
      const alsoUnreached = 3;
      class Later {}
      var lateVar = 4;
    `);
    const { namespace } = result;
    expect(result.exitCode).toBe(1);
    expect(namespace).toMatchObject({ early: 'set', reached: 1 });
    expect(namespace.hoisted).toBeTypeOf('function');
    expect(Object.hasOwn(namespace, 'lateVar')).toBe(true);
    expect(namespace.lateVar).toBeUndefined();
    for (const name of ['unreached', 'alsoUnreached', 'Later']) expect(Object.hasOwn(namespace, name)).toBe(false);
  });

  test('keeps the bindings and exports an ES module reached before a throw, without those in their temporal dead zone', async () => {
    const result = await run(
      `
      export let reached = 1;
      var hoistedVar = 'v';
      throw new Error('midway');
      export let unreached = 2;
      export class Later {}
    `,
      { filename: 'inline.mjs' },
    );
    expect(result.exitCode).toBe(1);
    expect(result.namespace).toEqual({ reached: 1, hoistedVar: 'v' });
    expect(result.exports).toEqual({ reached: 1 });
  });

  test('holds initGlobals, which the script sees as free variables and may redeclare, without mutating the caller object', async () => {
    const initGlobals = { greeting: 'hello', count: 1, shadowed: 'from caller' };
    const result = await run(
      `
      console.log(greeting, count, typeof shadowed);
      count = count + 1;
      var shadowed = 'from script';
    `,
      { initGlobals },
    );
    expect(result.stdout).toBe('hello 1 undefined\n');
    expect(result.namespace).toMatchObject({ greeting: 'hello', count: 2, shadowed: 'from script' });
    expect(initGlobals).toEqual({ greeting: 'hello', count: 1, shadowed: 'from caller' });
  });

  test('holds initGlobals in an ES module too, with the values the script assigned them', async () => {
    const initGlobals = { base: 40 };
    const result = await run('base += 1; export const total = base + 1;', { filename: 'inline.mjs', initGlobals });
    expect(result.namespace).toEqual({ base: 41, total: 42 });
    expect(result.exports).toEqual({ total: 42 });
    expect(initGlobals).toEqual({ base: 40 });
  });

  test('holds values that are instanceof the test’s own classes (same realm)', async () => {
    const result = await run(`
      var list = [1, 2];
      var failure = new RangeError('out');
      var table = new Map([[1, 2]]);
      var when = new Date(0);
      var pattern = /x/;
      var object = {};
      var promise = Promise.resolve();
    `);
    const ns = result.namespace;
    expect(ns.list).toBeInstanceOf(Array);
    expect(Array.isArray(ns.list)).toBe(true);
    expect(ns.failure).toBeInstanceOf(RangeError);
    expect(ns.failure).toBeInstanceOf(Error);
    expect(ns.table).toBeInstanceOf(Map);
    expect(ns.when).toBeInstanceOf(Date);
    expect(ns.pattern).toBeInstanceOf(RegExp);
    expect(Object.getPrototypeOf(ns.object)).toBe(Object.prototype);
    expect(ns.promise).toBeInstanceOf(Promise);
  });

  test('gives a thrown error that is instanceof the test’s class', async () => {
    const result = await run("throw new TypeError('wrong type');");
    expect(result.error).toBeInstanceOf(TypeError);
    expect(result.error).toBeInstanceOf(Error);
    expect((result.error as Error).message).toBe('wrong type');
  });
});

describe('exports', () => {
  test('are module.exports of a CommonJS script', async () => {
    const result = await run('module.exports = { a: 1 }; module.exports.b = [2];');
    expect(result.exports).toEqual({ a: 1, b: [2] });
  });

  test('are the very function a CommonJS script assigns to module.exports', async () => {
    const result = await run('module.exports = function cli() { return 3; };');
    expect(result.exports).toBeTypeOf('function');
    expect((result.exports as unknown as () => number)()).toBe(3);
  });

  test('are a plain-object snapshot of an ES module namespace at the end of the run', async () => {
    const result = await runAsMain(fixture('esm-imports.mjs'), { cwd: fixturesDir });
    const exports = result.exports as Record<string, unknown>;
    expect(Object.getPrototypeOf(exports)).toBe(Object.prototype);
    expect(Object.prototype.toString.call(exports)).toBe('[object Object]');
    expect(exports).toEqual({ answer: 42, status: 'done', default: expect.any(Function) });
    expect(exports.default).toBe(result.namespace.main);
  });
});

describe('argv', () => {
  test('gives process.argv[1] as the absolute script path and the argv option after it', async () => {
    const result = await runAsMain('who-is-main.cjs', { cwd: fixturesDir });
    expect(result.stdout).toBe('true true\n');
    const args = await run('console.log(JSON.stringify(process.argv.slice(1)));', { argv: ['--flag', 'value', ''] });
    expect(printed(args)).toEqual([fixture('inline.js'), '--flag', 'value', '']);
  });

  test('is empty after the script path by default', async () => {
    const result = await run('console.log(process.argv.length, process.argv[0] === process.execPath);');
    expect(result.stdout).toBe('2 true\n');
  });
});

describe('env', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const showEnv = 'console.log(JSON.stringify(process.env));';

  test("is the env option merged over the host's", async () => {
    vi.stubEnv('RUN_AS_MAIN_HOST_ONLY', 'host');
    vi.stubEnv('RUN_AS_MAIN_OVERRIDDEN', 'host');
    const result = await run(showEnv, { env: { RUN_AS_MAIN_GIVEN: 'given', RUN_AS_MAIN_OVERRIDDEN: 'option' } });
    expect(printed(result)).toMatchObject({
      RUN_AS_MAIN_HOST_ONLY: 'host',
      RUN_AS_MAIN_OVERRIDDEN: 'option',
      RUN_AS_MAIN_GIVEN: 'given',
    });
  });

  test("is only the env option with extendEnv: false", async () => {
    vi.stubEnv('RUN_AS_MAIN_HOST_ONLY', 'host');
    const result = await run(showEnv, { env: { ONLY: 'this' }, extendEnv: false });
    expect(printed(result)).toEqual({ ONLY: 'this' });
  });

  test("does not inherit the host's FORCE_COLOR, NO_COLOR and COLORTERM, but takes them from the option", async () => {
    vi.stubEnv('FORCE_COLOR', '3');
    vi.stubEnv('NO_COLOR', '1');
    vi.stubEnv('COLORTERM', 'truecolor');
    const inherited = printed(await run(showEnv)) as Record<string, string>;
    for (const name of ['FORCE_COLOR', 'NO_COLOR', 'COLORTERM']) expect(inherited).not.toHaveProperty(name);
    const given = printed(await run(showEnv, { env: { FORCE_COLOR: '0' } }));
    expect(given).toMatchObject({ FORCE_COLOR: '0' });
  });

  test("is the run's own: a script's change does not reach the host", async () => {
    const result = await run("process.env.RUN_AS_MAIN_SET_BY_SCRIPT = 1; console.log(typeof process.env.RUN_AS_MAIN_SET_BY_SCRIPT);");
    expect(result.stdout).toBe('string\n');
    expect(process.env.RUN_AS_MAIN_SET_BY_SCRIPT).toBeUndefined();
  });
});

describe('cwd', () => {
  test("is the host's process.cwd() by default", async () => {
    const result = await runSource('console.log(process.cwd());', { filename: fixture('inline.js') });
    expect(result.stdout).toBe(`${process.cwd()}\n`);
  });

  test('is virtual: process.chdir moves the run, relative paths follow, and the host stays where it was', async () => {
    const hostCwd = process.cwd();
    const result = await run(`
      const fs = require('node:fs');
      console.log(process.cwd());
      process.chdir('sub');
      console.log(process.cwd());
      console.log(fs.readFileSync('marker.txt', 'utf8').trim());
    `);
    expect(result.stdout).toBe(`${fixturesDir}\n${fixture('sub')}\ninside sub\n`);
    expect(process.cwd()).toBe(hostCwd);
  });
});

describe('stdin', () => {
  const readAll = "process.stdout.write(JSON.stringify(require('node:fs').readFileSync(0, 'utf8')));";

  test('is empty by default', async () => {
    const result = await run(readAll);
    expect(result.stdout).toBe('""');
  });

  test('is the given string, read with fs.readFileSync(0)', async () => {
    const result = await run(readAll, { stdin: 'hello\nworld\n' });
    expect(result.stdout).toBe(JSON.stringify('hello\nworld\n'));
  });

  test('is the given bytes, unchanged', async () => {
    const result = await run("console.log(JSON.stringify([...require('node:fs').readFileSync(0)]));", {
      stdin: new Uint8Array([0xff, 0x00, 0x41]),
    });
    expect(printed(result)).toEqual([0xff, 0x00, 0x41]);
  });

  test("is the given chunks in order, through process.stdin 'data' and 'end' events", async () => {
    const result = await run(
      `
      let text = '';
      process.stdin.setEncoding('utf8');
      process.stdin.on('data', (chunk) => { text += chunk; });
      process.stdin.on('end', () => console.log(JSON.stringify(text)));
    `,
      { stdin: ['ab', Buffer.from('cd'), new Uint8Array([0x65, 0x66])] },
    );
    expect(printed(result)).toBe('abcdef');
    expect(result.exitCode).toBe(0);
  });

  test('can be read by async iteration of process.stdin in an ES module', async () => {
    const result = await run(
      `
      let text = '';
      for await (const chunk of process.stdin) text += chunk;
      console.log(JSON.stringify(text));
    `,
      { filename: 'inline.mjs', stdin: ['line 1\n', 'line 2\n'] },
    );
    expect(printed(result)).toBe('line 1\nline 2\n');
    expect(result.exitCode).toBe(0);
  });
});

describe('output', () => {
  test('captures console, process.stdout/stderr.write and fs.writeSync(1|2), separately and interleaved', async () => {
    const result = await run(`
      const fs = require('node:fs');
      console.log('log');
      console.error('error');
      process.stdout.write('out write\\n');
      process.stderr.write(Buffer.from('err write\\n'));
      fs.writeSync(1, 'fd 1\\n');
      fs.writeSync(2, 'fd 2\\n');
      console.info('info');
      console.warn('warn');
    `);
    expect(result.stdout).toBe('log\nout write\nfd 1\ninfo\n');
    expect(result.stderr).toBe('error\nerr write\nfd 2\nwarn\n');
    expect(result.output).toBe('log\nerror\nout write\nerr write\nfd 1\nfd 2\ninfo\nwarn\n');
  });

  test("is not echoed to the host's stdout and stderr by default, and is with echo: true", async () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await run("console.log('quiet out'); console.error('quiet err');");
      const quiet = [...stdout.mock.calls, ...stderr.mock.calls].map(([chunk]) => String(chunk)).join('');
      expect(quiet).not.toContain('quiet');

      await run("console.log('loud out'); console.error('loud err');", { echo: true });
      expect(stdout.mock.calls.map(([chunk]) => String(chunk)).join('')).toContain('loud out\n');
      expect(stderr.mock.calls.map(([chunk]) => String(chunk)).join('')).toContain('loud err\n');
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });
});

describe('tty', () => {
  test('is off by default, as for a node whose output is piped', async () => {
    const [inProcess, node] = await Promise.all([
      runAsMain('stdio-probe.js', { cwd: fixturesDir }),
      runInNode('stdio-probe.js', { cwd: fixturesDir }),
    ]);
    expect(printed(inProcess)).toEqual({
      stdoutIsTTY: null,
      stderrIsTTY: null,
      columns: null,
      rows: null,
      isatty: [false, false],
      hasColors: false,
    });
    expect(inProcess.stdout).toBe(node.stdout);
  });

  test('true makes stdout and stderr terminals with a size', async () => {
    const result = await runAsMain('stdio-probe.js', { cwd: fixturesDir, tty: true });
    expect(printed(result)).toMatchObject({
      stdoutIsTTY: true,
      stderrIsTTY: true,
      columns: expect.any(Number),
      rows: expect.any(Number),
      isatty: [true, true],
    });
  });

  test('{ columns, rows } makes terminals of that size', async () => {
    const result = await runAsMain('stdio-probe.js', { cwd: fixturesDir, tty: { columns: 120, rows: 40 } });
    expect(printed(result)).toMatchObject({ stdoutIsTTY: true, columns: 120, rows: 40, isatty: [true, true] });
  });
});

describe('runName', () => {
  let nodeHasImportMetaMain: boolean;

  beforeAll(async () => {
    const node = await runInNode('who-is-main.mjs', { cwd: fixturesDir });
    nodeHasImportMetaMain = node.stdout !== 'undefined true\n';
    const inProcess = await runAsMain('who-is-main.mjs', { cwd: fixturesDir });
    expect(inProcess.stdout).toBe(node.stdout);
  });

  test("'main' (the default) makes a CommonJS script require.main", async () => {
    const result = await runAsMain('who-is-main.cjs', { cwd: fixturesDir, runName: 'main' });
    expect(result.stdout).toBe('true true\n');
  });

  test('another value runs a CommonJS script as an imported module: require.main !== module', async () => {
    const result = await runAsMain('who-is-main.cjs', { cwd: fixturesDir, runName: 'imported' });
    expect(result.stdout.split(' ')[0]).toBe('false');
  });

  test('another value makes import.meta.main false where Node has it', async () => {
    const main = await runAsMain('who-is-main.mjs', { cwd: fixturesDir });
    const imported = await runAsMain('who-is-main.mjs', { cwd: fixturesDir, runName: 'imported' });
    expect(main.stdout.split(' ')[0]).toBe(nodeHasImportMetaMain ? 'true' : 'undefined');
    expect(imported.stdout.split(' ')[0]).toBe(nodeHasImportMetaMain ? 'false' : 'undefined');
  });
});

describe('runSource', () => {
  test('runs the code as the file `filename`, relative to cwd: __filename, argv[1] and relative requires', async () => {
    const result = await run(
      "module.exports = { file: __filename, argv1: process.argv[1], helper: require('./lib/helper.cjs') };",
      { filename: 'not-on-disk.cjs' },
    );
    expect(result.exports).toEqual({
      file: fixture('not-on-disk.cjs'),
      argv1: fixture('not-on-disk.cjs'),
      helper: { helped: true },
    });
  });

  test('runs an .mjs filename as an ES module with import.meta.url naming it', async () => {
    const result = await run('export const url = import.meta.url;', { filename: 'not-on-disk.mjs' });
    expect(result.exports).toEqual({ url: `file://${fixture('not-on-disk.mjs')}` });
  });
});

describe('timeout', () => {
  test('ends the run with 124 and timedOut, listing the pending timer with the line that created it', async () => {
    const result = await runAsMain('pending-timer.js', { cwd: fixturesDir, timeout: 100 });
    expect(result).toMatchObject({ exitCode: 124, ok: false, timedOut: true, stdout: 'waiting\n' });
    expect(result.pending).toEqual([{ kind: 'Timeout', createdAt: expect.stringMatching(/pending-timer\.js:2:\d+/) }]);
  });

  test('is not reached by a run that ends by itself', async () => {
    const result = await run('setTimeout(() => {}, 5);', { timeout: 1_000 });
    expect(result).toMatchObject({ exitCode: 0, timedOut: false, pending: [] });
  });
});

describe('after the run', () => {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const endings = [
    { ending: 'process.exit()', code: 'setTimeout(() => process.exit(0), 20);', exitCode: 0 },
    { ending: 'an uncaught error', code: "setTimeout(() => { throw new Error('late'); }, 20);", exitCode: 1 },
    { ending: 'a timeout', code: '', exitCode: 124 },
  ];

  for (const { ending, code, exitCode } of endings) {
    test(`nothing of a run ended by ${ending} keeps running: its interval is cleared, its server closed`, async () => {
      const box: { ticks: number; server?: import('node:net').Server } = { ticks: 0 };
      try {
        const result = await run(
          `setInterval(() => box.ticks++, 1); box.server = require('node:net').createServer().listen(0); ${code}`,
          { initGlobals: { box }, timeout: 100 },
        );
        expect(result.exitCode).toBe(exitCode);
        const ticksAtEnd = box.ticks;
        await pause(30);
        expect(box.ticks).toBe(ticksAtEnd);
        expect(box.server?.listening).toBe(false);
      } finally {
        box.server?.close();
      }
    });
  }

  test('a timed-out run lists its pending interval and server', async () => {
    const result = await run("setInterval(() => {}, 1); require('node:net').createServer().listen(0);", { timeout: 50 });
    expect(result.timedOut).toBe(true);
    expect(result.pending.map((resource) => resource.kind).sort()).toEqual(['TCPSERVERWRAP', 'Timeout']);
  });
});

describe('the process runs share', () => {
  test('keeps nothing a script set on it: a wrapped emit, an added key, a replaced or deleted method', async () => {
    const first = await run(`
      const emit = process.emit;
      process.emit = function (event, ...args) { if (event === 'exit') console.log('saw exit', args[0]); return emit.call(this, event, ...args); };
      process.noDeprecation = true;
      process[Symbol.for('lib.state')] = 1;
      process.cwd = () => '/elsewhere';
      delete process.chdir;
    `);
    expect(first.stdout).toBe('saw exit 0\n');
    const second = await run(`
      console.log(Object.hasOwn(process, 'noDeprecation'), process[Symbol.for('lib.state')], process.cwd() === require('node:path').resolve('.'), typeof process.chdir, process.cwd.name);
    `);
    expect(second.stdout).toBe('false undefined true function wrappedCwd\n');
    // Its own keys come back in their first order, as a fresh process lists them.
    const keysOf = async () => (await run('console.log(JSON.stringify(Object.keys(process)));')).stdout;
    const keysBefore = await keysOf();
    await run('delete process.chdir; delete process.argv;');
    expect(await keysOf()).toBe(keysBefore);
  });

  test("a script's process.title is its own: the host's process keeps its name", async () => {
    const before = process.title;
    const result = await run("process.title = 'renamed-by-script'; console.log(process.title);");
    expect(result.stdout).toBe('renamed-by-script\n');
    expect(process.title).toBe(before);
  });
});

describe('leakedGlobals', () => {
  test('lists the globals a script added, which are removed after the run', async () => {
    const result = await run(`
      globalThis.leakedByScript = 1;
      implicitGlobal = 2;
      var notAGlobal = 3;
    `);
    expect(result.leakedGlobals.sort()).toEqual(['implicitGlobal', 'leakedByScript']);
    expect('leakedByScript' in globalThis).toBe(false);
    expect('implicitGlobal' in globalThis).toBe(false);
  });
});

/**
 * The runpy-style API (SPEC §2): runPath/runModule return a namespace or raise, their safe
 * variants return the RunResult, extractGlobals picks bindings, plugins load as modules with an
 * api injected, and patchedArgv scopes the host's argv.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  extractGlobals,
  loadPlugin,
  loadPluginsFromDir,
  RunAsMainUsageError,
  patchedArgv,
  runModule,
  runPath,
  SystemExit,
  safeRunModule,
  safeRunPath,
} from '../src/index.js';

const fixturesDir = fileURLToPath(new URL('../fixtures/runpy', import.meta.url));
const fixture = (name: string): string => path.join(fixturesDir, name);
const projectDir = fixture('project');
const pluginsDir = fixture('plugins');
const options = { cwd: fixturesDir };

/** The rejection of a promise, for assertions on its fields. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

describe('runPath', () => {
  test("returns the script's namespace when it ends by itself with 0", async () => {
    const namespace = await runPath('namespace.js', options);
    expect(namespace).toEqual({ name: 'runpy', items: [1, 2], greet: expect.any(Function) });
    expect((namespace.greet as (who: string) => string)('you')).toBe('hi you');
  });

  test('accepts an absolute path and a file: URL', async () => {
    const byPath = await runPath(fixture('namespace.js'));
    const byUrl = await runPath(new URL('../fixtures/runpy/namespace.js', import.meta.url));
    expect(byPath.name).toBe('runpy');
    expect(byUrl.name).toBe('runpy');
  });

  test('rethrows an uncaught error as itself: the same object, instanceof the test’s Error', async () => {
    const box: { error?: Error } = {};
    const thrown = await rejectionOf(runPath('throws.js', { ...options, initGlobals: { box } }));
    expect(thrown).toBe(box.error);
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(SystemExit);
    expect((thrown as Error).message).toBe('boom');
  });

  test("rethrows an error of the script's own class with its name and message", async () => {
    const thrown = await rejectionOf(runPath('throws-custom.js', options));
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).constructor.name).toBe('ConfigError');
    expect((thrown as Error).message).toBe('bad config');
  });

  test('throws SystemExit with code 0 for process.exit(0), as sys.exit(0) raises', async () => {
    const thrown = await rejectionOf(runPath('exit-zero.js', options));
    expect(thrown).toBeInstanceOf(SystemExit);
    expect(thrown).toMatchObject({ name: 'SystemExit', code: 0, result: { exitCode: 0, stdout: 'bye\n' } });
  });

  test('throws SystemExit with the code and the result for process.exit(3)', async () => {
    const thrown = await rejectionOf(runPath('exit-three.js', options));
    expect(thrown).toBeInstanceOf(SystemExit);
    expect(thrown).toMatchObject({ code: 3, result: { exitCode: 3, ok: false, stderr: 'failing\n' } });
  });

  test('throws SystemExit for a non-zero exitCode, with the namespace on its result', async () => {
    const thrown = await rejectionOf(runPath('exit-code-two.js', options));
    expect(thrown).toBeInstanceOf(SystemExit);
    expect(thrown).toMatchObject({ code: 2, result: { exitCode: 2, namespace: { partial: 'kept' } } });
  });

  test('throws SystemExit with code 124 and timedOut for a timeout', async () => {
    const thrown = await rejectionOf(runPath('forever.js', { ...options, timeout: 50 }));
    expect(thrown).toBeInstanceOf(SystemExit);
    expect(thrown).toMatchObject({ code: 124, result: { exitCode: 124, timedOut: true } });
  });
});

describe('safeRunPath', () => {
  test('returns the result instead of raising, for an exit, an error and a success', async () => {
    const [exited, failed, succeeded] = await Promise.all([
      safeRunPath('exit-three.js', options),
      safeRunPath('throws-custom.js', options),
      safeRunPath('namespace.js', options),
    ]);
    expect(exited).toMatchObject({ ok: false, exitCode: 3, stderr: 'failing\n' });
    expect(failed).toMatchObject({ ok: false, exitCode: 1, error: { message: 'bad config' } });
    expect(succeeded).toMatchObject({ ok: true, exitCode: 0, stdout: 'hi runpy\n', namespace: { name: 'runpy' } });
  });
});

describe('runModule', () => {
  test("runs a package's bin, resolved from cwd, with argv", async () => {
    await expect(runModule('greeter', { cwd: projectDir, argv: ['tests'] })).resolves.toEqual({ who: 'tests', message: 'hello tests' });
    const result = await safeRunModule('greeter', { cwd: projectDir, argv: ['tests'] });
    expect(result.stdout).toBe('hello tests\n');
    expect(result.exitCode).toBe(0);
  });

  test("runs a package's main when it has no bin", async () => {
    await expect(runModule('main-only', { cwd: projectDir })).resolves.toEqual({ role: 'main' });
  });

  test('runs the bin named like a scoped package when it has several', async () => {
    await expect(runModule('@tools/multi-bin', { cwd: projectDir })).resolves.toEqual({ chosen: 'cli' });
  });

  test('runs a file inside a package given as pkg/sub/path, as main with its absolute path as argv[1]', async () => {
    const result = await safeRunModule('greeter/lib/shout', { cwd: projectDir });
    const file = path.join(projectDir, 'node_modules/greeter/lib/shout.js');
    expect(result).toMatchObject({ ok: true, stdout: `HELLO true ${file}\n`, namespace: { shouted: 'HELLO' } });
  });

  test('throws SystemExit when the module exits', async () => {
    const thrown = await rejectionOf(runModule('greeter/lib/fail', { cwd: projectDir }));
    expect(thrown).toBeInstanceOf(SystemExit);
    expect(thrown).toMatchObject({ code: 4, result: { stderr: 'greeter failed\n' } });
  });
});

describe('safeRunModule', () => {
  test('returns the result of a module that exits instead of raising', async () => {
    const result = await safeRunModule('greeter/lib/fail', { cwd: projectDir });
    expect(result).toMatchObject({ ok: false, exitCode: 4, stderr: 'greeter failed\n' });
  });
});

describe('extractGlobals', () => {
  test('picks the named bindings and omits the absent ones', async () => {
    const picked = await extractGlobals('extract.js', ['DEBUG', 'PORT', 'unused', 'handler', 'missing'], options);
    expect(picked).toEqual({ DEBUG: true, PORT: 8080, unused: null, handler: expect.any(Function) });
    expect(Object.hasOwn(picked, 'missing')).toBe(false);
  });

  test('raises what runPath raises when the script fails', async () => {
    await expect(extractGlobals('exit-three.js', ['x'], options)).rejects.toBeInstanceOf(SystemExit);
    await expect(extractGlobals('throws-custom.js', ['x'], options)).rejects.toThrow('bad config');
  });
});

describe('loadPlugin', () => {
  test('exports EXPORTS, the public top-level callables and the module exports, with the api injected', async () => {
    const registered: string[] = [];
    const plugin = await loadPlugin(path.join(pluginsDir, 'plugin_b.js'), {
      register: (name: string) => registered.push(name),
    });
    expect(plugin).toMatchObject({ path: path.join(pluginsDir, 'plugin_b.js'), ok: true, error: '' });
    expect(Object.keys(plugin.exports).sort()).toEqual(['Tool', 'extra', 'hello', 'label', 'version']);
    expect(plugin.exports).toMatchObject({ version: 2, label: 'b', extra: 'module export' });
    expect((plugin.exports.hello as () => string)()).toBe('hello from b');
    expect(registered).toEqual(['b']);
  });

  test('exports the named exports of an ES module plugin, without its _private names', async () => {
    const plugin = await loadPlugin(path.join(pluginsDir, 'plugin_a.mjs'), { register() {} });
    expect(plugin.ok).toBe(true);
    expect(Object.keys(plugin.exports).sort()).toEqual(['fromModule', 'run']);
  });

  test('runs the plugin as a module, not as main', async () => {
    const plugin = await loadPlugin(path.join(pluginsDir, 'plugin_c.ts'), { register() {} });
    expect(plugin.ok).toBe(true);
    expect((plugin.exports.double as (n: number) => number)(21)).toBe(42);
    const result = await safeRunPath(path.join(pluginsDir, 'plugin_c.ts'), {
      initGlobals: { register() {} },
      runName: 'plugin',
    });
    expect(result.namespace.isMain).toBe(false);
  });

  test('reports a failing plugin as not ok with the error text, without throwing', async () => {
    const plugin = await loadPlugin(path.join(pluginsDir, 'plugin_d_broken.js'), { register() {} });
    expect(plugin).toMatchObject({ ok: false, exports: {} });
    expect(plugin.error).toContain('Error: broken plugin');
  });
});

describe('loadPluginsFromDir', () => {
  test('loads every plugin_* file sorted by name, with the api injected into each', async () => {
    const registered: string[] = [];
    const plugins = await loadPluginsFromDir(pluginsDir, { register: (name: string) => registered.push(name) });
    expect(plugins.map((plugin) => path.basename(plugin.path))).toEqual([
      'plugin_a.mjs',
      'plugin_b.js',
      'plugin_c.ts',
      'plugin_d_broken.js',
    ]);
    expect(plugins.map((plugin) => plugin.ok)).toEqual([true, true, true, false]);
    expect(registered).toEqual(['a', 'b', 'c', 'd']);
  });

  test('takes another pattern', async () => {
    const plugins = await loadPluginsFromDir(pluginsDir, { register() {} }, { pattern: 'o*.js' });
    expect(plugins.map((plugin) => path.basename(plugin.path))).toEqual(['other.js']);
  });

  test('a pattern that matches none of the scripts the directory holds is a usage error naming them', async () => {
    const error = await loadPluginsFromDir(pluginsDir, {}, { pattern: 'plugins_*.js' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunAsMainUsageError);
    expect((error as Error).message).toBe(
      `loadPluginsFromDir: no file in ${pluginsDir} matches the pattern "plugins_*.js", but it holds 5 scripts (other.js, plugin_a.mjs, plugin_b.js, plugin_c.ts, plugin_d_broken.js): pass the pattern they match.`,
    );
  });

  test('a directory holding no script gives no plugin', async () => {
    expect(await loadPluginsFromDir(path.join(pluginsDir, '..', 'project'), {})).toEqual([]);
  });
});

describe('patchedArgv', () => {
  test('sets process.argv during a synchronous function and restores it after', () => {
    const before = [...process.argv];
    const seen = patchedArgv(['node', 'cli.js', '--flag'], () => [...process.argv]);
    expect(seen).toEqual(['node', 'cli.js', '--flag']);
    expect(process.argv).toEqual(before);
  });

  test('keeps process.argv set across the awaits of an async function and restores it after', async () => {
    const before = [...process.argv];
    const seen = await patchedArgv(['node', 'cli.js', 'async'], async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return [...process.argv];
    });
    expect(seen).toEqual(['node', 'cli.js', 'async']);
    expect(process.argv).toEqual(before);
  });

  test('restores process.argv when the function throws or rejects', async () => {
    const before = [...process.argv];
    expect(() =>
      patchedArgv(['node', 'x'], () => {
        throw new Error('sync failure');
      }),
    ).toThrow('sync failure');
    expect(process.argv).toEqual(before);
    await expect(
      patchedArgv(['node', 'x'], async () => {
        throw new Error('async failure');
      }),
    ).rejects.toThrow('async failure');
    expect(process.argv).toEqual(before);
  });
});

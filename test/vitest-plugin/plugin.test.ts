/**
 * runAsMainPlugin's own hooks, without a vitest around them: its options, the setup files it adds,
 * and the ids of compiled files it resolves and loads for vitest's v8 provider.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { compiledBodyOf } from '../../src/loader/compile.js';
import { bodyAsModule, coverageUrl } from '../../src/loader/tool-compile.js';
import { runAsMainPlugin } from '../../src/vitest-plugin.js';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const cli = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/vitest-plugin/project/src/cli.ts');

type Hook = (...args: unknown[]) => unknown;
const hook = (plugin: ReturnType<typeof runAsMainPlugin>, name: string) => (plugin as unknown as Record<string, Hook>)[name]!;

describe('runAsMainPlugin(options)', () => {
  test('adds the vitest entry and the worker setup to every test file', () => {
    const config = hook(runAsMainPlugin(), 'config')({ test: {} }) as { test: { setupFiles: string[] } };
    expect(config.test.setupFiles).toEqual([join(src, 'vitest.ts'), join(src, 'vitest-setup.ts')]);
  });

  test('adds the vitest entry once, and not at all with vitestEntry: false', () => {
    const listed = hook(runAsMainPlugin(), 'config')({ test: { setupFiles: 'run-as-main/vitest' } }) as { test: { setupFiles: string[] } };
    expect(listed.test.setupFiles).toEqual([join(src, 'vitest-setup.ts')]);
    const off = hook(runAsMainPlugin({ vitestEntry: false }), 'config')({}) as { test: { setupFiles: string[] } };
    expect(off.test.setupFiles).toEqual([join(src, 'vitest-setup.ts')]);
  });

  test('refuses options of the wrong type, naming them', () => {
    expect(() => runAsMainPlugin('yes' as never)).toThrow('runAsMainPlugin(options): expected an object or undefined, received string.');
    expect(() => runAsMainPlugin({ vitestEntry: 1 as never })).toThrow('runAsMainPlugin(options): "vitestEntry" must be a boolean, received number.');
  });
});

describe('the ids of compiled files (v8 coverage)', () => {
  const plugin = runAsMainPlugin();
  const source = readFileSync(cli, 'utf8');
  const variant = { path: cli, format: 'module', capture: true, initNames: ['answer'] } as const;
  const id = coverageUrl(variant, source).slice('file://'.length);

  test('a module id of vite, or another query, is not one', () => {
    expect(hook(plugin, 'resolveId')(cli)).toBeUndefined();
    expect(hook(plugin, 'resolveId')(`${cli}?raw`)).toBeUndefined();
  });

  test('loads as exactly the body the run compiled, a module of the same offsets, mapped to the file', () => {
    const resolved = hook(plugin, 'resolveId')(id) as string;
    expect(resolved.startsWith('\0')).toBe(true);
    const loaded = hook(plugin, 'load')(resolved) as { code: string; map: { sources: string[] } };
    const body = compiledBodyOf({ ...variant, source }).body;
    expect(loaded.code).toBe(bodyAsModule(body));
    expect(loaded.code.length).toBe(body.length);
    expect(loaded.map.sources).toEqual([cli]);
  });

  test('a file whose content is not what the run compiled loads as an empty module', () => {
    const stale = coverageUrl(variant, `${source}\n// another version`).slice('file://'.length);
    expect(hook(plugin, 'load')(hook(plugin, 'resolveId')(stale))).toEqual({ code: '', map: null });
  });
});

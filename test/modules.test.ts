import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { runAsMain } from '../src/index.js';

const cwd = fileURLToPath(new URL('../fixtures/modules/', import.meta.url));

describe("modules: 'fresh' and 'shared'", () => {
  afterEach(() => {
    // The fixture package counts its evaluations in a global; the host guard wants it gone.
    delete (globalThis as { __counterEvaluations?: number }).__counterEvaluations;
  });

  test("'fresh' (the default) evaluates a node_modules package anew in every run", async () => {
    const first = await runAsMain('count.cjs', { cwd });
    const second = await runAsMain('count.cjs', { cwd });
    expect([first.stdout, second.stdout]).toEqual(['1 2\n', '1 2\n']);
    expect(first.leakedGlobals).toEqual(['__counterEvaluations']);
  });

  test("'shared' evaluates a node_modules package once and reuses it, state included", async () => {
    const first = await runAsMain('count.cjs', { cwd, modules: 'shared' });
    const second = await runAsMain('count.cjs', { cwd, modules: 'shared' });
    expect(first.stdout).toMatch(/^\d+ \d+\n$/);
    const [a, b] = first.stdout.trim().split(' ').map(Number);
    // The second run continues the first one's counter: the module was not evaluated again.
    expect(second.stdout).toBe(`${a! + 2} ${b! + 2}\n`);
    expect(second.leakedGlobals).toEqual([]);
  });
});

describe('mocks', () => {
  test('replace a module for require(), by the specifier the script writes', async () => {
    const fake = { get: (url: string) => `fake response for ${url}` };
    const result = await runAsMain('fetch.cjs', { cwd, mocks: { 'http-client': fake } });
    expect(result.stdout).toBe('fake response for /status\n');
  });

  test('replace a module for import, default and named exports alike', async () => {
    const fake = { get: (url: string) => `fake ${url}` };
    const result = await runAsMain('fetch.mjs', { cwd, mocks: { 'http-client': fake } });
    expect(result.stdout).toBe('fake /status true\n');
  });

  test('may be factories (arrow functions), called once per run', async () => {
    let made = 0;
    const factory = () => {
      made++;
      return { get: () => `made ${made}` };
    };
    const first = await runAsMain('fetch.cjs', { cwd, mocks: { 'http-client': factory } });
    const second = await runAsMain('fetch.cjs', { cwd, mocks: { 'http-client': factory } });
    expect([first.stdout, second.stdout]).toEqual(['made 1\n', 'made 2\n']);
  });

  test('leave the real module in place for runs without them', async () => {
    const result = await runAsMain('fetch.cjs', { cwd });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('Error: the real client reaches the network');
  });
});

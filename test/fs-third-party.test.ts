import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runAsMain } from '../src/index.js';

const cwd = fileURLToPath(new URL('../fixtures/fs-third-party/', import.meta.url));
const onDisk = () => readdirSync(cwd).sort();

describe('third-party filesystem libraries work on the run\'s filesystem', () => {
  const before = onDisk();

  test('fs-extra writes, copies and removes in memory', async () => {
    const result = await runAsMain('fs-extra.cjs', { cwd });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('2 false deep\noutputFile done\n');
    expect(result.files).toEqual({
      'copy/a/b.txt': 'deep',
      'later.txt': 'async',
      'out/config.json': '{"level":2}\n',
    });
    expect(onDisk()).toEqual(before);
  });

  test('graceful-fs reads back what it wrote', async () => {
    const result = await runAsMain('graceful-fs.cjs', { cwd });
    expect(result).toMatchObject({ exitCode: 0, stdout: 'queued\n', files: { 'graceful.txt': 'queued' } });
    expect(onDisk()).toEqual(before);
  });

  test('glob finds the files the script wrote', async () => {
    const result = await runAsMain('glob.mjs', { cwd });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('made/one.txt made/sub/two.txt\n');
    expect(onDisk()).toEqual(before);
  });
});

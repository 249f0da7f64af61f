/**
 * An archive run by a script of another run (archive.ts): unpacking is that run's work and holds
 * it. A file of its own, so that this is the first archive of its module graph: the archive
 * readers are then imported for it, an await the outer run sees nothing pending for.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import * as api from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));

test('holds the run whose script runs it until it is unpacked and has run', async () => {
  const code = [
    "import { runAsMain } from 'run-as-main';",
    "const inner = await runAsMain('fixtures/archive/greet-cli.zip', { files: { 'fixtures/archive/greet-cli.zip': zip }, argv: ['Ada'] });",
    'console.log(inner.stdout.trim());',
    '',
  ].join('\n');
  const zip = await zipOfFixture();
  const outer = await api.runSource(code, { filename: path.join(root, 'outer.mjs'), cwd: root, initGlobals: { zip }, mocks: { 'run-as-main': api } });
  expect(outer).toMatchObject({ exitCode: 0, stdout: 'Hello, Ada!\n', stderr: '' });
});

/** The fixture package as a zip, made in memory by the zip command (to stdout). */
async function zipOfFixture(): Promise<Buffer> {
  const { execFileSync } = await import('node:child_process');
  return execFileSync('zip', ['-q', '-r', '-', 'greet-cli'], { cwd: path.join(root, 'fixtures', 'archive'), maxBuffer: 1 << 20 });
}

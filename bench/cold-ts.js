// Child process of bench/run.js: in a fresh process (empty compile cache, oxc not yet loaded),
// imports the built library, runs one script once and prints the durations as one JSON line.
// Usage: node bench/cold-ts.js [--prime | --native] [script] (default fixtures/typed.ts). With
// --prime, a trivial JS script runs first, so the figure is the first run of the file in a warm
// engine (what the TypeScript transform and compile cost on their own). With --native, node itself
// imports the (JavaScript) script instead: the floor a first run in a fresh process starts from.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const mode = args[0]?.startsWith('--') ? args.shift() : undefined;
const prime = mode === '--prime';
const script = path.resolve(here, args[0] ?? 'fixtures/typed.ts');

if (mode === '--native') {
  const t0 = process.hrtime.bigint();
  await import(pathToFileURL(script).href);
  const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(JSON.stringify({ firstMs, ok: true }));
  process.exit(0);
}

let t0 = process.hrtime.bigint();
const { runAsMain } = await import('../dist/index.js');
const importMs = Number(process.hrtime.bigint() - t0) / 1e6;

if (prime) await runAsMain(path.join(here, 'fixtures', 'trivial.js'));

t0 = process.hrtime.bigint();
const first = await runAsMain(script);
const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;

t0 = process.hrtime.bigint();
const second = await runAsMain(script);
const secondMs = Number(process.hrtime.bigint() - t0) / 1e6;

console.log(
  JSON.stringify({
    importMs,
    firstMs,
    secondMs,
    ok: first.ok && second.ok,
    exitCode: first.exitCode,
    stdout: first.stdout,
    traceback: first.traceback,
  }),
);

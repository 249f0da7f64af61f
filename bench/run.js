// `npm run bench`: the performance figures of SPEC §9, each beside its baseline measured in the
// same run, as ratios. Not a test: a missed bar is reported, never a failure of the process.
// It measures the BUILT library (../dist/index.js), i.e. what users get.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { runAsMain } from '../dist/index.js';
import { awaitLoop, immediateChain } from './fixtures/await-work.js';
import { fmtBytes, fmtRatio, fmtTime, measureInterleaved, measureRounds, measureSpawn, median, nodeJson } from './lib.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const fixture = (name) => path.join(here, 'fixtures', name);
const TRIVIAL = fixture('trivial.cjs');
const TRIVIAL_ESM = fixture('trivial.js');
const TRIVIAL_PY = fixture('trivial.py');
const TOUCH_FILES = fixture('touch-files.cjs');
const TYPED_TS = fixture('typed.ts');
const TYPED_JS = fixture('typed.js');
const CLI = fixture('commander-cli.js');
const AWAIT_HEAVY = fixture('await-heavy.js');
const TSX = path.join(root, 'node_modules', '.bin', 'tsx');

const N = '1000'; // sum of sqrt(1..N)
const TRIVIAL_STDOUT = '21097.456\n';
const CLI_ARGS = ['report', '--sort', 'value', '--min-qty', '5'];
const AWAITS = 10_000;
const HOPS = 1_000;
const COLD_RUNS = 11; // fresh processes per cold figure

const started = process.hrtime.bigint();
const loadAtStart = os.loadavg()[0].toFixed(2);
const rows = [];
const notes = [];
const fig = {}; // figures other sections reuse

const log = (message) => process.stderr.write(`· ${message}\n`);

/** One table row. `met`: true/false for a bar, undefined for an informational row. */
function row(figure, value, baseline = '—', ratio = '—', bar = '—', met = undefined) {
  rows.push({ figure, value, baseline, ratio, bar, met: met === undefined ? '—' : met ? '✅ yes' : '❌ no' });
}

/** Runs a section; a failure becomes a row saying so, and the other sections still run. */
async function section(name, fn) {
  log(name);
  try {
    await fn();
  } catch (error) {
    rows.push({ figure: `${name}: FAILED`, value: String(error?.message ?? error).split('\n')[0], baseline: '—', ratio: '—', bar: '—', met: '❌ no' });
    process.stderr.write(`${error?.stack ?? error}\n`);
  }
}

function expectRun(result, what, stdout) {
  if (!result.ok || (stdout !== undefined && result.stdout !== stdout)) {
    throw new Error(
      `${what}: exit ${result.exitCode}, stdout ${JSON.stringify(result.stdout.slice(0, 200))}, ${result.traceback || result.stderr}`,
    );
  }
}

/** "N× faster" when `ours` beats `baseline`, else "N× slower": never a "0.8× faster". */
function faster(baseline, ours) {
  return baseline >= ours ? `${fmtRatio(baseline / ours)} faster` : `${fmtRatio(ours / baseline)} slower`;
}

/** A step that spawns `command args` (spawnSync) and checks it printed `stdout`. */
function spawnStep(command, args, stdout) {
  return () => {
    const child = spawnSync(command, args, { encoding: 'utf8' });
    if (child.error) throw child.error;
    if (child.stdout !== stdout) throw new Error(`${path.basename(args[0])} (spawned) printed ${JSON.stringify(child.stdout.slice(0, 200))}`);
  };
}

function pythonVersion() {
  const probe = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  return probe.error || probe.status !== 0 ? undefined : (probe.stdout || probe.stderr).trim();
}

// 1. Warm run of the trivial script ------------------------------------------------------------
await section('trivial script: warm in-process run, spawned node, runpy', async () => {
  const options = { argv: [N] };
  const first = await runAsMain(TRIVIAL, options);
  expectRun(first, 'trivial.js', TRIVIAL_STDOUT);
  if (Math.abs(first.namespace.s - 21097.455887480734) > 1e-6 || first.namespace.n !== 1000) {
    throw new Error(`trivial.js: unexpected namespace ${JSON.stringify(first.namespace)}`);
  }
  let last;
  const inProcess = async () => {
    last = await runAsMain(TRIVIAL, options);
  };
  const asModule = async () => {
    await runAsMain(TRIVIAL_ESM, options);
  };
  const withRealFs = async () => {
    await runAsMain(TRIVIAL, { ...options, fs: 'real' });
  };
  expectRun(await runAsMain(TRIVIAL_ESM, options), 'trivial.js', TRIVIAL_STDOUT);
  // The script's own work, done directly in the host: what the engine adds is the rest.
  const sink = [];
  const body = () => {
    const n = Number(N);
    let s = 0;
    for (let i = 1; i <= n; i++) s += Math.sqrt(i);
    sink.push(`${s.toFixed(3)}\n`);
    if (sink.length > 1000) sink.length = 0;
  };
  const spawnNode = spawnStep(process.execPath, [TRIVIAL, N], TRIVIAL_STDOUT);
  await spawnNode();
  for (let i = 0; i < 500; i++) await inProcess();
  for (let i = 0; i < 500; i++) await asModule();
  for (let i = 0; i < 2000; i++) body();
  // Ten rounds of: one spawned node, 400 in-process runs (of each), 400 bodies in the host.
  const measured = await measureRounds(
    { spawned: [spawnNode, 1], warm: [inProcess, 400], esm: [asModule, 400], real: [withRealFs, 400], body: [body, 400] },
    { rounds: 10, budgetMs: 10000 },
  );
  const { warm, esm, real, body: bodyTime, spawned } = measured;
  expectRun(last, 'trivial.js (last warm run)', TRIVIAL_STDOUT);
  fig.trivialUs = warm.us;

  row(`Trivial script, warm run in-process (median of ${warm.n})`, fmtTime(warm.us), '—', '—', '≤ 25 µs', warm.us <= 25);
  row(
    '… its filesystem, when it touches no file (default `memory` − `fs: real`)',
    fmtTime(Math.max(0, warm.us - real.us)),
    `fs: 'real' ${fmtTime(real.us)}`,
    '—',
    '≤ 2 µs',
    warm.us - real.us <= 2,
  );
  row(
    `… the same script as an ES module (median of ${esm.n})`,
    fmtTime(esm.us),
    fmtTime(warm.us),
    `${(esm.us / warm.us).toFixed(2)}× the CommonJS run`,
    '—',
    undefined,
  );
  row(
    `… vs spawning \`node\` (spawnSync, median of ${spawned.n})`,
    fmtTime(warm.us),
    fmtTime(spawned.us),
    faster(spawned.us, warm.us),
    '≥ 2000× faster',
    spawned.us / warm.us >= 2000,
  );
  notes.push(
    `Trivial warm run: p10 ${fmtTime(warm.p10)}, p90 ${fmtTime(warm.p90)}; the script body alone (same code in the host) takes ${fmtTime(bodyTime.us)}, so the engine's own cost is ~${fmtTime(warm.us - bodyTime.us)} per run.`,
  );

  const python = pythonVersion();
  if (!python) {
    row('… vs CPython `runpy.run_path`', fmtTime(warm.us), 'python3 not found', '—', '≥ 4× faster', undefined);
    return;
  }
  log('trivial script: CPython runpy.run_path (in-process, python3)');
  const py = JSON.parse(
    spawnSync('python3', [path.join(here, 'runpy_bench.py'), TRIVIAL_PY, N, '200', '1000'], { encoding: 'utf8' }).stdout,
  );
  if (py.stdout !== TRIVIAL_STDOUT) throw new Error(`runpy printed ${JSON.stringify(py.stdout)}`);
  const vsRunpy = py.runpy_us / warm.us;
  row(`… vs CPython ${py.python} \`runpy.run_path\` (in-process)`, fmtTime(warm.us), fmtTime(py.runpy_us), faster(py.runpy_us, warm.us), '≥ 4× faster', vsRunpy >= 4);
  const ours = warm.us - bodyTime.us;
  row(
    '… per-run overhead (run − script body) vs runpy’s',
    fmtTime(ours),
    fmtTime(py.overhead_us),
    faster(py.overhead_us, ours),
  );
  notes.push(
    `runpy.run_path: ${fmtTime(py.runpy_us)} per run, of which the script body (exec of the precompiled code) ${fmtTime(py.direct_us)} and overhead ${fmtTime(py.overhead_us)}.`,
  );
});

// 1b. A run that touches files ------------------------------------------------------------------
await section('a run that reads its package.json and writes a file: memory vs real', async () => {
  // `fs: 'real'` writes out.txt for real: into a temporary directory of its own, removed after.
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'run-as-main-bench-'));
  try {
    const memory = { cwd };
    const real = { cwd, fs: 'real' };
    const check = (result, mode) => {
      expectRun(result, `touch-files.cjs (${mode})`, 'run-as-main\n');
      if (mode === 'memory' && result.files['out.txt'] !== 'run-as-main\n') throw new Error('touch-files.cjs (memory): out.txt not in result.files');
    };
    check(await runAsMain(TOUCH_FILES, memory), 'memory');
    check(await runAsMain(TOUCH_FILES, real), 'real');
    const trivial = { argv: [N] };
    for (let i = 0; i < 300; i++) {
      await runAsMain(TOUCH_FILES, memory);
      await runAsMain(TOUCH_FILES, real);
      await runAsMain(TRIVIAL, trivial);
    }
    const measured = await measureRounds(
      {
        memory: [() => runAsMain(TOUCH_FILES, memory), 200],
        real: [() => runAsMain(TOUCH_FILES, real), 200],
        trivial: [() => runAsMain(TRIVIAL, trivial), 200],
      },
      { rounds: 10, budgetMs: 10000 },
    );
    const { memory: inMemory, real: onDisk, trivial: base } = measured;
    row(
      `Reads its package.json, writes a file: warm, \`memory\` (median of ${inMemory.n})`,
      fmtTime(inMemory.us),
      `trivial run ${fmtTime(base.us)}`,
      `${(inMemory.us / base.us).toFixed(2)}× a trivial run`,
      '≤ 2× trivial',
      inMemory.us <= 2 * base.us,
    );
    row(
      `… the same run with \`fs: 'real'\` (median of ${onDisk.n})`,
      fmtTime(onDisk.us),
      fmtTime(inMemory.us),
      `memory ${(inMemory.us / onDisk.us).toFixed(2)}× real`,
      'memory ≤ real',
      inMemory.us <= onDisk.us,
    );
    notes.push(`Files touched: means ${fmtTime(inMemory.mean)} (memory), ${fmtTime(onDisk.mean)} (real).`);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

// 2. TypeScript ------------------------------------------------------------------------------
await section('TypeScript: cold first run, warm TS vs JS, spawned tsx', async () => {
  const expected = spawnSync(process.execPath, [TYPED_JS], { encoding: 'utf8' }).stdout;
  const ts = await runAsMain(TYPED_TS);
  expectRun(ts, 'typed.ts', expected);
  expectRun(await runAsMain(TYPED_JS), 'typed.js', expected);

  // Fresh processes, one figure each, the four kinds taken in turn so that drift weighs on each alike.
  const kinds = { ts: [TYPED_TS], js: [TYPED_JS], primed: ['--prime', TYPED_TS], native: ['--native', TYPED_JS] };
  const results = Object.fromEntries(Object.keys(kinds).map((kind) => [kind, []]));
  for (let i = 0; i < COLD_RUNS; i++) {
    for (const [kind, args] of Object.entries(kinds)) {
      const r = nodeJson(path.join(here, 'cold-ts.js'), args);
      if (!r.ok || (kind !== 'native' && r.stdout !== expected)) throw new Error(`cold-ts.js ${args.join(' ')}: ${r.traceback || r.stdout}`);
      results[kind].push(r);
    }
  }
  const medians = (list) => ({
    firstMs: median(list.map((r) => r.firstMs)),
    importMs: median(list.map((r) => r.importMs)),
    secondMs: median(list.map((r) => r.secondMs)),
  });
  const coldTs = medians(results.ts);
  const coldJs = medians(results.js);
  const primedTs = medians(results.primed);
  const nativeJs = medians(results.native);

  const [warmTs, warmJs] = await measureInterleaved(
    [() => runAsMain(TYPED_TS), () => runAsMain(TYPED_JS)],
    { warmup: 100, runs: 1000, budgetMs: 2500 },
  );

  log('TypeScript: spawned tsx');
  const tsx = measureSpawn(TSX, [TYPED_TS], {
    runs: 5,
    check: (child) => {
      if (child.stdout !== expected) throw new Error(`tsx printed ${JSON.stringify(child.stdout.slice(0, 200))}`);
    },
  });

  const coldUs = coldTs.firstMs * 1000;
  row(
    `TS script (208 lines), cold first run in a fresh process (median of ${COLD_RUNS})`,
    fmtTime(coldUs),
    `spawned tsx ${fmtTime(tsx.us)}`,
    faster(tsx.us, coldUs),
    '≤ 10 ms',
    coldUs <= 10_000,
  );
  row('… same script as JS, cold first run in a fresh process', fmtTime(coldJs.firstMs * 1000), `TS ${fmtTime(coldUs)}`, `TS/JS ${fmtRatio(coldTs.firstMs / coldJs.firstMs)}`);
  row(
    '… the JS imported by node itself in a fresh process (the floor: node’s own cold start of it)',
    fmtTime(nativeJs.firstMs * 1000),
    `in-process JS ${fmtTime(coldJs.firstMs * 1000)}`,
    `in-process ${fmtRatio(coldJs.firstMs / nativeJs.firstMs)} node’s`,
  );
  row('… TS file’s first run in an already-warm engine (transform + compile)', fmtTime(primedTs.firstMs * 1000), `warm TS run ${fmtTime(warmTs.us)}`, `${fmtRatio(primedTs.firstMs * 1000 / warmTs.us)} slower`);
  row(`TS script, warm run (median of ${warmTs.n})`, fmtTime(warmTs.us), `same script as JS ${fmtTime(warmJs.us)}`, `TS/JS ${fmtRatio(warmTs.us / warmJs.us)}`, '≤ 1.2×', warmTs.us / warmJs.us <= 1.2);
  row('… vs spawned `tsx` (median of 5)', fmtTime(warmTs.us), fmtTime(tsx.us), faster(tsx.us, warmTs.us));
  notes.push(
    `Cold TS child: importing dist/index.js takes ${coldTs.importMs.toFixed(1)} ms (not counted in the cold figure); its second run of typed.ts takes ${coldTs.secondMs.toFixed(2)} ms; cold first run / warm run = ${fmtRatio(coldUs / warmTs.us)}.`,
  );
});

// 3. Commander CLI ---------------------------------------------------------------------------
await section("commander CLI: modules 'fresh' vs spawned node and execa", async () => {
  const reference = spawnSync(process.execPath, [CLI, ...CLI_ARGS], { encoding: 'utf8' });
  if (reference.status !== 0) throw new Error(`commander-cli.js failed in node: ${reference.stderr}`);
  const expected = reference.stdout;
  for (const modules of ['fresh', 'shared']) {
    expectRun(await runAsMain(CLI, { argv: CLI_ARGS, modules }), `commander-cli.js (${modules})`, expected);
  }
  const help = await runAsMain(CLI, { argv: ['add', '--help'] });
  const helpNode = spawnSync(process.execPath, [CLI, 'add', '--help'], { encoding: 'utf8' });
  if (help.exitCode !== helpNode.status || help.stdout !== helpNode.stdout) {
    notes.push(`⚠ commander-cli.js add --help differs from node: exit ${help.exitCode} vs ${helpNode.status}.`);
  }

  const fresh = () => runAsMain(CLI, { argv: CLI_ARGS, modules: 'fresh' });
  const shared = () => runAsMain(CLI, { argv: CLI_ARGS, modules: 'shared' });
  const spawnNode = spawnStep(process.execPath, [CLI, ...CLI_ARGS], expected);
  const viaExeca = async () => {
    const child = await execa(process.execPath, [CLI, ...CLI_ARGS]);
    if (`${child.stdout}\n` !== expected) throw new Error('execa: commander-cli.js printed something else');
  };
  await spawnNode();
  await viaExeca();
  for (let i = 0; i < 30; i++) {
    await fresh();
    await shared();
  }
  // Ten rounds of: node spawned, execa, 40 runs with fresh modules, 40 with shared ones.
  const m = await measureRounds(
    { spawned: [spawnNode, 1], execa: [viaExeca, 1], fresh: [fresh, 40], shared: [shared, 40] },
    { rounds: 10, budgetMs: 10_000 },
  );
  row(
    `Commander CLI, \`modules: 'fresh'\`, warm run (median of ${m.fresh.n})`,
    fmtTime(m.fresh.us),
    `spawned node ${fmtTime(m.spawned.us)}`,
    faster(m.spawned.us, m.fresh.us),
    '≤ 1 ms',
    m.fresh.us <= 1000,
  );
  row(`… vs execa 9 spawning it (median of ${m.execa.n})`, fmtTime(m.fresh.us), fmtTime(m.execa.us), faster(m.execa.us, m.fresh.us));
  row(`Commander CLI, \`modules: 'shared'\`, warm run (median of ${m.shared.n})`, fmtTime(m.shared.us), `fresh ${fmtTime(m.fresh.us)}`, faster(m.fresh.us, m.shared.us));
});

// 4. Await-heavy script: the cost of the engine's async tracking ------------------------------
await section('await-heavy script: in-process vs the same code in the host', async () => {
  const awaitsArgs = { argv: ['awaits', String(AWAITS)] };
  const hopsArgs = { argv: ['immediates', String(HOPS)] };
  expectRun(await runAsMain(AWAIT_HEAVY, awaitsArgs), 'await-heavy.js awaits', `awaits ${AWAITS}\n`);
  expectRun(await runAsMain(AWAIT_HEAVY, hopsArgs), 'await-heavy.js immediates', `immediates ${HOPS}\n`);
  const options = { warmup: 5, runs: 40, budgetMs: 2000 };
  const [hostAwaits, inAwaits] = await measureInterleaved([() => awaitLoop(AWAITS), () => runAsMain(AWAIT_HEAVY, awaitsArgs)], options);
  const [hostHops, inHops] = await measureInterleaved([() => immediateChain(HOPS), () => runAsMain(AWAIT_HEAVY, hopsArgs)], options);
  // A run's fixed cost (measured on the trivial script) is not the async tracking's.
  const fixed = fig.trivialUs ?? 0;
  const perAwait = (inAwaits.us - hostAwaits.us - fixed) / AWAITS;
  const perHop = (inHops.us - hostHops.us - fixed) / HOPS;
  row(`${AWAITS.toLocaleString('en-US')} sequential awaits, in-process run`, fmtTime(inAwaits.us), `same code in the host ${fmtTime(hostAwaits.us)}`, faster(hostAwaits.us, inAwaits.us));
  row('… engine overhead per `await`', fmtTime(perAwait), `host ${fmtTime(hostAwaits.us / AWAITS)} per await`, `overhead = ${fmtRatio((perAwait * AWAITS) / hostAwaits.us)} a host await`);
  row(`Chain of ${HOPS.toLocaleString('en-US')} setImmediate hops, in-process run`, fmtTime(inHops.us), `same code in the host ${fmtTime(hostHops.us)}`, faster(hostHops.us, inHops.us));
  row('… engine overhead per setImmediate hop', fmtTime(perHop), `host ${fmtTime(hostHops.us / HOPS)} per hop`, `overhead = ${fmtRatio((perHop * HOPS) / hostHops.us)} a host hop`);
  notes.push(`Per-await/per-hop overheads subtract the host time and one trivial run (${fmtTime(fixed)}, the run's fixed cost).`);
});

// 5. Heap growth -----------------------------------------------------------------------------
await section('heap growth over 10 000 warm runs (node --expose-gc bench/heap.js)', async () => {
  const heap = nodeJson(path.join(here, 'heap.js'), ['10000', '1000'], ['--expose-gc']);
  if (heap.failures) throw new Error(`${heap.failures} of the runs failed`);
  row(
    'Heap growth over 10 000 warm runs of the trivial script (after 1 000 warm-up, gc)',
    fmtBytes(heap.heapGrowth),
    `heapUsed before ${fmtBytes(heap.heapBefore).slice(1)}`,
    '—',
    '< 2 MB',
    heap.heapGrowth < 2 * 1024 * 1024,
  );
  row(
    '… garbage collection per run, over those runs (pauses / runs)',
    fmtTime(heap.gcUsPerRun),
    `${heap.minorGcs} young-generation, ${heap.majorGcs} full GCs`,
    `${Math.round((100 * heap.gcUsPerRun) / heap.meanUs)}% of the mean run`,
  );
  notes.push(
    `Heap child: RSS ${fmtBytes(heap.rssGrowth)}, external ${fmtBytes(heap.externalGrowth)} over the 10 000 runs; mean ${fmtTime(heap.meanUs)} per run there (all runs, GC pauses included; the warm figure above is a median).`,
  );
});

// Report -------------------------------------------------------------------------------------
function gitDescribe() {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  if (head.status !== 0) return 'unknown';
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src'], { cwd: root, encoding: 'utf8' });
  return `${head.stdout.trim()}${dirty.stdout.trim() ? ' + uncommitted src/ changes' : ''}`;
}

const cpu = os.cpus();
const escapeCell = (cell) => String(cell).replaceAll('|', '\\|');
const lines = [
  '',
  `## run-as-main benchmark — ${new Date().toISOString().slice(0, 10)}`,
  '',
  `Node ${process.version} (${process.platform}-${process.arch}), ${cpu.length} × ${cpu[0]?.model?.trim() ?? 'cpu'}; ${pythonVersion() ?? 'no python3'}; commit ${gitDescribe()}; load average at start ${loadAtStart}, at end ${os.loadavg()[0].toFixed(2)}.`,
  'Medians; each figure beside its baseline measured in the same run.',
  '',
  '| figure | value | baseline | ratio | bar | met? |',
  '|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${[r.figure, r.value, r.baseline, r.ratio, r.bar, r.met].map(escapeCell).join(' | ')} |`),
  '',
  ...notes.map((note) => `- ${note}`),
  '',
  `Benchmark time: ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s.`,
];
process.stdout.write(`${lines.join('\n')}\n`);

import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, test } from 'vitest';
import { NODE_MAJOR } from '../src/node-version.js';
import { normalizeOptions, type RunOptions } from '../src/options.js';
import { runProcess } from '../src/sandbox/process.js';
import { currentRun, type LoaderQueries, RunState } from '../src/sandbox/run-state.js';
import { type MainState, settleRun } from '../src/settle.js';

// settleRun decides when a run is over, as Node's event loop would: driven here without a script,
// by a main module that is done (or stuck at an await) and by work queued inside the run.

const loader: LoaderQueries = { packageDirOf: (file) => path.dirname(file), builtinModule: () => undefined };

class FinishedMain implements MainState {
  constructor(readonly stuckAt?: ReturnType<MainState['unsettledAwait']>) {}

  awaiting(): boolean {
    return this.stuckAt !== undefined;
  }

  unsettledAwait(): ReturnType<MainState['unsettledAwait']> {
    return this.stuckAt;
  }
}

/** A run whose main module has just run: `script` stands for it, inside the run. */
function startRun(options: RunOptions, script: () => void = () => {}, main: MainState = new FinishedMain()) {
  const run = new RunState(normalizeOptions({ cwd: '/work', ...options }), loader);
  const events: string[] = [];
  const settling = settleRun(run, run.options, main, performance.now());
  settling.begin();
  currentRun.run(run, () => {
    runProcess.on('beforeExit', (code: number) => events.push(`beforeExit ${code}`));
    runProcess.on('exit', (code: number) => events.push(`exit ${code}`));
    script();
  });
  run.onActivity();
  return { run, settling, events };
}

describe('a run ends when nothing of it can run any more', () => {
  test("with nothing queued it ends at the first look: 'beforeExit', then 'exit', once each", async () => {
    const { run, settling, events } = startRun({});
    await settling.finished;
    expect(events).toEqual(['beforeExit 0', 'exit 0']);
    expect(run.ended).toBe(true);
    expect(run.finalExitCode).toBe(0);
  });

  test('a timer the run created keeps it alive until it has fired', async () => {
    const { settling, events } = startRun({}, () => {
      setTimeout(() => events.push('timer'), 30);
    });
    await settling.finished;
    expect(events).toEqual(['timer', 'beforeExit 0', 'exit 0']);
  });

  test("an unref'd timer does not keep it alive", async () => {
    const { settling, events } = startRun({}, () => {
      setTimeout(() => events.push('timer'), 30).unref();
    });
    await settling.finished;
    expect(events).toEqual(['beforeExit 0', 'exit 0']);
  });

  test("work a 'beforeExit' listener queues runs, and 'beforeExit' comes again once it is done", async () => {
    let rounds = 0;
    const { settling, events } = startRun({}, () => {
      runProcess.on('beforeExit', () => {
        if (rounds++ === 0) setImmediate(() => events.push('more work'));
      });
    });
    await settling.finished;
    expect(events).toEqual(['beforeExit 0', 'more work', 'beforeExit 0', 'exit 0']);
  });

  test("a run that has already ended (process.exit) finishes without 'beforeExit'", async () => {
    const { run, settling, events } = startRun({}, () => {
      setTimeout(() => events.push('never'), 10_000);
    });
    run.ending = { kind: 'exit' };
    run.onActivity();
    await settling.finished;
    expect(events).toEqual([]);
  });
});

describe('the two other ways a run ends', () => {
  test('at the timeout: exit code 124, and the list of what was still pending', async () => {
    const { run, settling, events } = startRun({ timeout: 50 }, () => {
      setInterval(() => {}, 1_000);
    });
    await settling.finished;
    expect(run.ending).toEqual({ kind: 'timeout' });
    expect(run.finalExitCode).toBe(124);
    expect(settling.pending().map((resource) => resource.kind)).toEqual(['Timeout']);
    expect(events).toEqual([]);
  });

  test('an ES module main stuck at a top-level await when nothing else is alive: exit code 13', async () => {
    const stuck = { url: 'file:///work/main.mjs', line: 3, column: 6, text: 'await new Promise(() => {});' };
    const { run, settling, events } = startRun({}, () => {}, new FinishedMain(stuck));
    await settling.finished;
    expect(run.finalExitCode).toBe(13);
    if (NODE_MAJOR >= 22) {
      expect(events).toEqual(['exit 13']);
      expect(run.output.text('stderr')).toBe(
        'Warning: Detected unsettled top-level await at file:///work/main.mjs:3\nawait new Promise(() => {});\n      ^\n\n\n\n',
      );
    } else {
      // Node 20 runs the 'exit' listeners with 0, then sets 13, and warns of nothing.
      expect(events).toEqual(['exit 0']);
      expect(run.output.text('stderr')).toBe('');
    }
  });
});

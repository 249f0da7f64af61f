/**
 * The exit-semantics matrix (SPEC §3.6): every way a script can end, one row each. Every row runs
 * in-process (runAsMain) and under a real `node` (runInNode), and the two must agree on exit
 * code, stdout and stderr once node:internal frames and the `(node:PID)` of warnings are
 * normalised away.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { type RunResult, runAsMain, runInNode } from '../src/index.js';
import { dropNodeFrames, hidePid } from './support/node-output.js';

const fixturesDir = fileURLToPath(new URL('../fixtures/exit', import.meta.url));

interface ExitRow {
  /** A behaviour sentence: the test title. */
  title: string;
  /** A script under fixtures/exit. */
  file: string;
  exitCode: number;
  stdout: string;
  /** What the in-process stderr is, or contains (RegExp). Empty when omitted. */
  stderr?: string | RegExp;
  signal?: NodeJS.Signals;
  /** The thrown value of an uncaught failure, by class and message. */
  error?: { name: string; message: string };
  /** Real node's stderr cannot be reproduced (a native stack trace): compare code and stdout only. */
  nodeStderrDiffers?: boolean;
}

const rows: ExitRow[] = [
  {
    title: 'process.exit(3) ends the run with 3 and nothing after it runs',
    file: 'exit-code-argument.js',
    exitCode: 3,
    stdout: 'before\n',
  },
  {
    title: 'process.exit() with no argument ends the run with 0',
    file: 'exit-no-argument.js',
    exitCode: 0,
    stdout: 'before\n',
  },
  {
    title: 'process.exitCode = 4 is the exit code of a run that ends by itself',
    file: 'exit-code-property.js',
    exitCode: 4,
    stdout: 'still running\n',
  },
  {
    title: 'process.exit() without a code uses the exitCode set before',
    file: 'exit-code-then-exit.js',
    exitCode: 5,
    stdout: '',
  },
  {
    title: "process.exit() in a try drops the output of the script's own finally",
    file: 'exit-in-try-finally.js',
    exitCode: 2,
    stdout: 'try\n',
  },
  {
    title: 'process.exit() inside a timer ends the run and cancels the other timers',
    file: 'exit-in-timer.js',
    exitCode: 6,
    stdout: 'timer\n',
  },
  {
    title: 'process.exit() after a top-level await ends an ES module run',
    file: 'exit-after-await.mjs',
    exitCode: 7,
    stdout: 'awaited\n',
  },
  {
    title: 'process.exit() inside an fs callback ends the run',
    file: 'exit-in-fs-callback.js',
    exitCode: 8,
    stdout: 'read true\n',
  },
  {
    title: 'process.exit() inside an event handler ends the run before the next handler',
    file: 'exit-in-event-handler.js',
    exitCode: 9,
    stdout: 'handler\n',
  },
  {
    title: 'process.exit() inside a promise reaction ends the run',
    file: 'exit-in-promise-then.js',
    exitCode: 10,
    stdout: 'sync\n',
  },
  {
    title: "'exit' listeners run on process.exit() with the code, and their output is kept",
    file: 'exit-listener-output.js',
    exitCode: 3,
    stdout: 'main\nexit listener 3 3\n',
  },
  {
    title: "an 'exit' listener that sets process.exitCode changes the code of process.exit(2)",
    file: 'exit-listener-sets-exit-code.js',
    exitCode: 9,
    stdout: 'listener saw 2\n',
  },
  {
    title: "an 'exit' listener runs when the run ends by itself and can change its code",
    file: 'exit-listener-natural-end.js',
    exitCode: 11,
    stdout: 'done\n',
    stderr: 'exiting with 0\n',
  },
  {
    title: "process.exit() inside an 'exit' listener ends the run with its code, skipping the rest",
    file: 'exit-nested-in-listener.js',
    exitCode: 4,
    stdout: 'first listener 2\n',
  },
  {
    title: 'the first process.exit() wins over one in a finally block after it',
    file: 'exit-first-wins.js',
    exitCode: 3,
    stdout: '',
  },
  {
    title: 'process.exit() cannot be caught by a catch block',
    file: 'exit-caught-then-exit.js',
    exitCode: 3,
    stdout: '',
  },
  {
    title: "an uncaught error ends the run with 1 and Node's report on stderr",
    file: 'uncaught-error.js',
    exitCode: 1,
    stdout: 'before\n',
    stderr: /uncaught-error\.js:2\nthrow new Error\('boom'\);\n\^\n\nError: boom\n/,
    error: { name: 'Error', message: 'boom' },
  },
  {
    title: 'an error thrown in a timer ends the run with 1',
    file: 'uncaught-in-timer.js',
    exitCode: 1,
    stdout: '',
    stderr: /TypeError: late\n {4}at Timeout\.tick \[as _onTimeout\]/,
    error: { name: 'TypeError', message: 'late' },
  },
  {
    title: 'an unhandled rejection ends the run with 1',
    file: 'unhandled-rejection.js',
    exitCode: 1,
    stdout: '',
    stderr: /Error: nobody handles me/,
    error: { name: 'Error', message: 'nobody handles me' },
  },
  {
    title: 'an unsettled top-level await ends the run with 13',
    file: 'unsettled-top-level-await.mjs',
    exitCode: 13,
    stdout: 'waiting\n',
    stderr: /^(|Warning: Detected unsettled top-level await[\s\S]*)$/,
  },
  {
    title: "process.kill(process.pid, 'SIGTERM') ends the run with 143 and the signal",
    file: 'kill-self-sigterm.js',
    exitCode: 143,
    stdout: 'before\n',
    signal: 'SIGTERM',
  },
  {
    title: 'process.abort() ends the run with 134 and SIGABRT',
    file: 'abort.js',
    exitCode: 134,
    stdout: 'before\n',
    signal: 'SIGABRT',
    nodeStderrDiffers: true,
  },
  {
    title: "process.exit('2') accepts an integer string, as Node does",
    file: 'exit-integer-string.js',
    exitCode: 2,
    stdout: '',
  },
  {
    title: 'process.exit(undefined) given explicitly resets the exitCode set before to 0',
    file: 'exit-explicit-undefined.js',
    exitCode: 0,
    stdout: '',
  },
  {
    title: "process.exitCode = 1.5 throws Node's ERR_OUT_OF_RANGE and ends the run with 1",
    file: 'exit-code-fraction.js',
    exitCode: 1,
    stdout: '',
    stderr: /RangeError \[ERR_OUT_OF_RANGE\]: The value of "code" is out of range\. It must be an integer\. Received 1\.5/,
    error: { name: 'RangeError', message: 'The value of "code" is out of range. It must be an integer. Received 1.5' },
  },
  {
    title: "process.exitCode = 'abc' throws Node's ERR_INVALID_ARG_TYPE and ends the run with 1",
    file: 'exit-code-invalid.js',
    exitCode: 1,
    stdout: '',
    stderr: /TypeError \[ERR_INVALID_ARG_TYPE\]: The "code" argument must be of type number\. Received type string \('abc'\)/,
    error: {
      name: 'TypeError',
      message: `The "code" argument must be of type number. Received type string ('abc')`,
    },
  },
  {
    title: "process.exit('abc') throws Node's ERR_INVALID_ARG_TYPE and ends the run with 1",
    file: 'exit-invalid-argument.js',
    exitCode: 1,
    stdout: '',
    stderr: /TypeError \[ERR_INVALID_ARG_TYPE\]: The "code" argument must be of type number\. Received type string \('abc'\)/,
    error: {
      name: 'TypeError',
      message: `The "code" argument must be of type number. Received type string ('abc')`,
    },
  },
];

/** Node's frames dropped and the pid of `(node:PID)` warnings hidden. */
function normalize(text: string): string {
  return dropNodeFrames(hidePid(text));
}

function comparable(result: RunResult, row: ExitRow) {
  return {
    exitCode: result.exitCode,
    signal: result.signal,
    stdout: result.stdout,
    ...(row.nodeStderrDiffers ? {} : { stderr: normalize(result.stderr) }),
  };
}

/** Real node processes at once: their start-ups overlap, few enough for a small CI machine. */
const NODE_CONCURRENCY = 4;

const runOptions = { cwd: fixturesDir, timeout: 3_000 };

describe('normalize', () => {
  test('drops node:internal frames, keeps a trailing brace, and hides the pid of warnings', () => {
    const text = [
      '(node:12345) Warning: something',
      'TypeError: bad',
      '    at Object.<anonymous> (/x/a.js:1:18)',
      '    at Module._compile (node:internal/modules/cjs/loader:1521:14)',
      '    at node:internal/main/run_main_module:28:49 {',
      "  code: 'ERR_X'",
      '}',
    ].join('\n');
    expect(normalize(text)).toBe(
      [
        '(node:PID) Warning: something',
        'TypeError: bad',
        '    at Object.<anonymous> (/x/a.js:1:18) {',
        "  code: 'ERR_X'",
        '}',
      ].join('\n'),
    );
  });
});

describe('exit semantics', () => {
  const inProcess = new Map<ExitRow, RunResult>();
  const inNode = new Map<ExitRow, RunResult>();

  beforeAll(async () => {
    const queue = [...rows];
    const worker = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        inNode.set(row, await runInNode(path.join(fixturesDir, row.file), runOptions));
      }
    };
    // In-process runs one after the other, so each sees only its own process state.
    const inProcessRuns = (async () => {
      for (const row of rows) inProcess.set(row, await runAsMain(path.join(fixturesDir, row.file), runOptions));
    })();
    await Promise.all([inProcessRuns, ...Array.from({ length: NODE_CONCURRENCY }, worker)]);
  });

  for (const row of rows) {
    test(row.title, () => {
      const result = inProcess.get(row)!;
      expect({
        exitCode: result.exitCode,
        ok: result.ok,
        signal: result.signal,
        stdout: result.stdout,
        timedOut: result.timedOut,
      }).toEqual({
        exitCode: row.exitCode,
        ok: row.exitCode === 0 && row.error === undefined,
        signal: row.signal,
        stdout: row.stdout,
        timedOut: false,
      });
      if (row.stderr instanceof RegExp) expect(result.stderr).toMatch(row.stderr);
      else expect(result.stderr).toBe(row.stderr ?? '');
      if (row.error) {
        expect(result.error).toBeInstanceOf(Error);
        expect(result.error).toMatchObject(row.error);
      } else {
        expect(result.error).toBeUndefined();
      }

      expect(comparable(result, row)).toEqual(comparable(inNode.get(row)!, row));
    });
  }
});

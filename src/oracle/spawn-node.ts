import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import type { NormalizedOptions } from '../options.js';
import { createRunResult, type RunResult } from '../result.js';

/** The exit code of a run ended at its `timeout`, as GNU `timeout` reports it. */
const TIMEOUT_EXIT_CODE = 124;

/** How long output may still arrive after the child exited (its own arrives within milliseconds). */
const EXIT_GRACE_MS = 200;

/**
 * Runs `node` with `args` as `options` say (cwd, env, stdin, timeout, echo), and its end as a
 * RunResult: exit code (128 + n for a signal, 124 at the timeout), stdout, stderr and their
 * interleaving. Its end also kills what the script started (the child's process group, on POSIX).
 */
export function spawnNode(args: string[], options: NormalizedOptions): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // Its own process group (POSIX), so a timeout also kills the processes the script started.
    const detached = process.platform !== 'win32';
    const child = spawn(process.execPath, args, {
      argv0: 'node', // as typed in a shell: process.argv0 is 'node' in-process too
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached,
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    // Decoded per stream, so a character split between two chunks of one stream stays whole
    const output: string[] = [];
    const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
    let timedOut = false;
    let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;

    const kill = () => {
      try {
        if (detached && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      if (!exited) timedOut = true;
      kill();
      child.stdout.destroy();
      child.stderr.destroy();
      finish();
    }, options.timeout);

    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      output.push(decoders.stdout.write(chunk));
      if (options.echo) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      output.push(decoders.stderr.write(chunk));
      if (options.echo) process.stderr.write(chunk);
    });
    // A script that exits without reading its stdin closes the pipe under us (EPIPE).
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin);

    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // Normally 'close' follows 'exit' at once; processes the script started may hold its pipes open
    // for longer, and the run does not wait for them — node would not.
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish();
      }, EXIT_GRACE_MS).unref();
    });
    child.on('close', (code, signal) => {
      exited ??= { code, signal };
      finish();
    });

    let finished = false;
    function finish(): void {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      // Nothing of a run keeps running after it (SPEC §3.8): not even what the script started.
      kill();
      const signal = !timedOut && exited?.signal ? exited.signal : undefined;
      const exitCode = timedOut
        ? TIMEOUT_EXIT_CODE
        : signal
          ? 128 + (constants.signals[signal] ?? 0)
          : (exited?.code ?? TIMEOUT_EXIT_CODE);
      resolve(
        createRunResult({
          exitCode,
          signal,
          stdout: Buffer.concat(stdout).toString(),
          stderr: Buffer.concat(stderr).toString(),
          output: output.join('') + decoders.stdout.end() + decoders.stderr.end(),
          durationMs: performance.now() - started,
          files: {},
          timedOut,
        }),
      );
    }
  });
}

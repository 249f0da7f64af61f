import { inspect } from 'node:util';
import type { RunResult } from './result.js';

function indent(text: string): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => `  │ ${line}`)
    .join('\n');
}

function section(title: string, body: string): string {
  return `${title}\n${body === '' ? '  (empty)' : indent(body)}`;
}

/** A value as one short line: functions and classes named, not dumped. */
function summarize(value: unknown): string {
  if (typeof value === 'function') {
    return /^class\b/.test(Function.prototype.toString.call(value)) ? `[class ${value.name}]` : `[function ${value.name || '(anonymous)'}]`;
  }
  return inspect(value, { depth: 1, breakLength: Number.POSITIVE_INFINITY, compact: true, colors: false }).slice(0, 100);
}

/** A RunResult as a report a person reads: status, output, namespace as a table, files. */
export function formatReport(result: RunResult, title = 'run'): string {
  const status = result.timedOut
    ? `timed out (exit code ${result.exitCode})`
    : result.signal
      ? `killed by ${result.signal} (exit code ${result.exitCode})`
      : `exit code ${result.exitCode}${result.ok ? ' (ok)' : ''}`;
  const names = Object.keys(result.namespace);
  const width = Math.max(4, ...names.map((name) => name.length));
  const table = names.map((name) => `${name.padEnd(width)}  ${summarize(result.namespace[name])}`).join('\n');
  const files = Object.entries(result.files)
    .map(([file, content]) => `${file}  ${content === null ? '(deleted)' : `${Buffer.byteLength(content)} bytes`}`)
    .join('\n');
  const parts = [
    `${title}: ${status} in ${result.durationMs.toFixed(2)} ms`,
    section('stdout', result.stdout),
    section('stderr', result.stderr),
    section('namespace', table),
  ];
  if (result.traceback) parts.push(section('traceback', result.traceback));
  if (files) parts.push(section('files', files));
  if (result.leakedGlobals.length > 0) parts.push(section('leaked globals (removed)', result.leakedGlobals.join('\n')));
  if (result.pending.length > 0) {
    parts.push(section('still pending', result.pending.map((p) => `${p.kind} at ${p.createdAt}`).join('\n')));
  }
  return `${parts.join('\n')}\n`;
}

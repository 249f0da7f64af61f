/**
 * The debugger test's driver (test/debugger.test.ts): a process started with `--inspect`, as a
 * debugger starts one, that sets breakpoints through `node:inspector` before a run, runs the
 * script in-process, and prints each pause as JSON. Arguments: the script, then `file:line` of
 * each breakpoint (relative to the script's directory).
 */
import { Session } from 'node:inspector';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runAsMain } from '../../src/index.js';

const [script, ...breakpoints] = process.argv.slice(2);
const dir = dirname(resolve(script!));
const base = pathToFileURL(dir).href;

interface Pause {
  reason: string;
  /** Each frame as `file:line` (1-based), top first, the run's own files only. */
  frames: string[];
  /** The line the top frame is on, as the debugger shows it (types are blanks: spaces collapsed here). */
  line: string;
}

const session = new Session();
session.connect();
const pauses: Pause[] = [];
/** The scripts V8 parsed: their URL and the line their source starts at (the loader's header is line 0). */
const scripts = new Map<string, { url: string; startLine: number }>();
session.on('Debugger.scriptParsed', ({ params }) => {
  scripts.set(params.scriptId, { url: params.url, startLine: params.startLine });
});
session.on('Debugger.paused', ({ params }) => {
  const frames = params.callFrames
    .map((frame) => ({ url: scripts.get(frame.location.scriptId)?.url ?? '', line: frame.location.lineNumber + 1 }))
    .filter((frame) => frame.url.startsWith(base))
    .map((frame) => `${frame.url.slice(base.length + 1)}:${frame.line}`);
  // The source the debugger shows for the top frame: the code that runs, which is the file's.
  const top = params.callFrames[0]!.location;
  let line = '';
  session.post('Debugger.getScriptSource', { scriptId: top.scriptId }, (error, source) => {
    if (!error) line = source.scriptSource.split('\n')[top.lineNumber - scripts.get(top.scriptId)!.startLine]!.trim().replace(/\s+/g, ' ');
  });
  pauses.push({ reason: params.reason, frames, line });
  session.post('Debugger.resume');
});
session.post('Debugger.enable');
for (const breakpoint of breakpoints) {
  const [file, line] = breakpoint.split(':');
  session.post('Debugger.setBreakpointByUrl', { url: pathToFileURL(resolve(dir, file!)).href, lineNumber: Number(line) - 1 });
}
const result = await runAsMain(resolve(script!), { argv: ['ann'] });
session.disconnect();
process.stdout.write(JSON.stringify({ stdout: result.stdout, pauses }));

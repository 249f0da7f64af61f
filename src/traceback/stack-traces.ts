
import { fileURLToPath } from 'node:url';
import { currentRun } from '../sandbox/run-state.js';
import { LOCAL_PREFIX } from '../loader/runtime-names.js';
import { ReflectGetOwnPropertyDescriptor } from '../primordials.js';
import { displayNameOf, isCompiledFile, isTransformedFile, originalPosition, withImportedNames } from './source-maps.js';
import { frameKindOf } from './frame-kind.js';
import { isNodeError } from './stacks.js';

type PrepareStackTrace = (error: Error, callSites: NodeJS.CallSite[]) => unknown;

/**
 * The stack's first line. What throws here (a `name` or `message` getter of the script's) makes
 * reading `error.stack` throw, as V8's own formatting does.
 */
function headerOf(error: Error): string {
  // Node's own errors show their code in the stack header: `TypeError [ERR_X]: …`.
  return isNodeError(error) ? String(error) : Error.prototype.toString.call(error);
}

/**
 * A frame as a fresh node prints it. Files the loader compiled are mapped back to their source:
 * TypeScript as `node --enable-source-maps` shows it (a path, and `<anonymous>` for nameless
 * functions), an ES module at the line and column the user wrote.
 */
function formatFrame(callSite: NodeJS.CallSite): string {
  const text = callSite.toString();
  const file = callSite.getFileName() ?? callSite.getScriptNameOrSourceURL?.();
  if (!file || !isCompiledFile(file)) return text;
  const line = callSite.getLineNumber() ?? 0;
  const column = callSite.getColumnNumber() ?? 0;
  const mapped = originalPosition(file, line, column);
  const location = `${file}:${line}:${column}`;
  const shown = displayNameOf(file);
  if (!isTransformedFile(file)) return text.replace(location, `${shown}:${mapped.line}:${mapped.column}`);
  // As Node's source-map support names a mapped frame.
  const path = shown.startsWith('file:') ? fileURLToPath(shown) : shown;
  const name = callSite.getFunctionName() ?? callSite.getMethodName();
  const typeName = callSite.getTypeName();
  const prefix = typeName !== null && typeName !== 'global' ? `${typeName}.` : '';
  return `${prefix}${name || '<anonymous>'} (${path}:${mapped.line}:${mapped.column})`;
}

/**
 * Node's default rendering of `error.stack`, with the run's files source-mapped and only the frames
 * a fresh node would have: none of this library's, of the host's (the test runner, memfs), nor the
 * trampoline Node adds while the library's async hook is on; and nothing below the script's last
 * frame when what follows is how the library started the run or delivered the callback.
 */
function runStack(error: Error, callSites: NodeJS.CallSite[]): string {
  writeBackImportedNames(error, callSites[0]);
  const kept: NodeJS.CallSite[] = [];
  let keptUpToLastUser = 0;
  let dropped = false;
  for (const callSite of callSites) {
    const file = callSite.getFileName() ?? callSite.getScriptNameOrSourceURL?.();
    const kind = file ? frameKindOf(file) : 'other';
    if (kind === 'library' || kind === 'host') {
      dropped = true;
      continue;
    }
    if (kind === 'internal' && callSite.getFunctionName() === 'callbackTrampoline') continue;
    kept.push(callSite);
    if (kind === 'user') {
      keptUpToLastUser = kept.length;
      dropped = false;
    }
  }
  // Below the script's last frame, after one of the library's: the library's own way in.
  if (dropped) kept.length = keptUpToLastUser;
  return nodeStyleStack(error, kept);
}

/**
 * V8 words an error of a failed call or reference after the code's text: in an ES module, where
 * the code reads an imported name through its module's namespace, the message says so
 * (`__rm$0.default.exit is not a function`). It is put back as the script wrote it, when the
 * stack is first read (which every report does).
 */
function writeBackImportedNames(error: Error, top: NodeJS.CallSite | undefined): void {
  const message = ownMessageOf(error);
  if (message === undefined || !message.includes(LOCAL_PREFIX) || !top) return;
  const file = top.getFileName() ?? top.getScriptNameOrSourceURL?.();
  if (file) error.message = withImportedNames(file, message);
}

function ownMessageOf(error: Error): string | undefined {
  const descriptor = ReflectGetOwnPropertyDescriptor(error, 'message');
  return descriptor && 'value' in descriptor && descriptor.writable && typeof descriptor.value === 'string' ? descriptor.value : undefined;
}

/** V8's default rendering of a stack, with the run's files source-mapped. */
function nodeStyleStack(error: Error, callSites: NodeJS.CallSite[]): string {
  const header = headerOf(error);
  if (callSites.length === 0) return header;
  return `${header}\n${callSites.map((callSite) => `    at ${formatFrame(callSite)}`).join('\n')}`;
}

let installed = false;

/**
 * In a run, `error.stack` is what a fresh node would produce (no `prepareStackTrace` of the
 * host's, such as vitest's; Node's `[ERR_X]` codes; the script's own lines). Outside runs the
 * host's function, if any, does the work as before. Installed once.
 */
export function installStackTraceDispatch(): void {
  if (installed) return;
  installed = true;
  const host = Error.prepareStackTrace as PrepareStackTrace | undefined;
  const prepareStackTrace: PrepareStackTrace = (error, callSites) => {
    if (currentRun.getStore()) return runStack(error, callSites);
    // Outside runs every frame stays: a test runner finds its test file's by them.
    if (!host) return nodeStyleStack(error, callSites);
    return host(error, callSites);
  };
  Error.prepareStackTrace = prepareStackTrace;
}


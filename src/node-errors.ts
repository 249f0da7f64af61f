import { constants } from 'node:os';
import { inspect } from 'node:util';
import { nodeThrowSite, type ThrowSiteSpec } from './node-internals.js';

// Errors as Node's own code builds them — same class, `code`, properties and text (checked against
// real `node`) — so that a script printing one prints what it would under `node`. Every error the
// library raises on behalf of Node (its process, fs, loader) is made here.

const kCodeInHeader = Symbol('run-as-main.codeInHeader');
const kThrowSite = Symbol('run-as-main.throwSite');

type ErrorClass = ErrorConstructor | TypeErrorConstructor | SyntaxErrorConstructor | RangeErrorConstructor;

export type NodeErrorLike = Error & { code: string; [key: string]: unknown };

/**
 * An error built like Node's internal `NodeError` (`codes.ERR_*`): its `toString`, and its stack
 * once {@link finishError} has run, read `TypeError [CODE]: …`.
 */
export function nodeError(code: string, message: string, Base: ErrorClass = Error, props?: Record<string, unknown>): NodeErrorLike {
  const error = new Base(message) as NodeErrorLike;
  error.code = code;
  if (props) Object.assign(error, props);
  Object.defineProperty(error, kCodeInHeader, { value: true });
  Object.defineProperty(error, 'toString', {
    value(this: Error & { code: string }) {
      return `${this.name} [${this.code}]: ${this.message}`;
    },
    writable: true,
    configurable: true,
  });
  return error;
}

/** A plain error with a code, as Node's C++ and its CommonJS loader throw them (`Error: …` in the stack). */
export function plainError(message: string, props: Record<string, unknown>, Base: ErrorClass = Error): NodeErrorLike {
  return Object.assign(new Base(message), props) as NodeErrorLike;
}

/**
 * Captures the stack again above `boundary` (the function the script called, which must be on the
 * stack; by default the caller of this function), so the library's own frames neither show nor
 * eat into `Error.stackTraceLimit`, and writes Node's `Error [CODE]:` header. Errors that may be
 * caught and retried inside the library are finished at the public boundary only: formatting a
 * stack is the expensive part of an error.
 */
export function finishError<E>(error: E, boundary: Function = finishError): E {
  if (!(error instanceof Error)) return error;
  const withCode = (error as unknown as Record<symbol, unknown>)[kCodeInHeader] === true;
  if (withCode) {
    // Node's old addCodeToName: the header is formatted while the own `name` is in place.
    Object.defineProperty(error, 'name', {
      value: `${error.name} [${(error as unknown as NodeErrorLike).code}]`,
      writable: true,
      configurable: true,
    });
  }
  Error.captureStackTrace(error, boundary);
  if (withCode) {
    void error.stack;
    delete (error as { name?: string }).name;
  }
  const site = (error as unknown as Record<symbol, ThrowSiteSpec | undefined>)[kThrowSite];
  if (site) addNodeFrame(error, site);
  return error;
}

/**
 * Marks `error` as one Node throws from its own code at `site` (its resolvers, its CommonJS
 * loader): {@link finishError} puts that frame on top of its stack, so that the uncaught report's
 * header names the line in Node that throws it, as Node's does, and `util.inspect` shows a stack.
 */
export function thrownByNodeAt<E extends Error>(error: E, site: ThrowSiteSpec): E {
  Object.defineProperty(error, kThrowSite, { value: site });
  return error;
}

/** Writes Node's frame of `site` above the stack's first frame. */
function addNodeFrame(error: Error, spec: ThrowSiteSpec): void {
  const site = nodeThrowSite(spec);
  const stack = error.stack;
  if (!site || typeof stack !== 'string' || Error.stackTraceLimit === 0) return;
  const frame = `    at ${site.functionName} (${site.file}:${site.line}:${site.column})`;
  const firstFrame = stack.indexOf('\n    at ');
  const withFrame = firstFrame === -1 ? `${stack}\n${frame}` : `${stack.slice(0, firstFrame)}\n${frame}${stack.slice(firstFrame)}`;
  Object.defineProperty(error, 'stack', { value: withFrame, writable: true, configurable: true });
}

export function isCode(error: unknown, ...codes: string[]): error is NodeErrorLike {
  return error instanceof Error && codes.includes((error as NodeErrorLike).code);
}

/** How Node's messages name a received value (`determineSpecificType` in lib/internal/errors). */
export function describeReceived(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  switch (typeof value) {
    case 'bigint':
      return `type bigint (${value}n)`;
    case 'number':
      return `type number (${Object.is(value, -0) ? '-0' : String(value)})`;
    case 'boolean':
      return `type boolean (${value})`;
    case 'symbol':
      return `type symbol (${String(value)})`;
    case 'function':
      return `function ${value.name}`;
    case 'object': {
      const maker = (value as { constructor?: { name?: unknown } }).constructor;
      if (maker && 'name' in maker) return `an instance of ${String(maker.name)}`;
      return inspect(value, { depth: -1 });
    }
    case 'string': {
      const shown = value.length > 28 ? `${value.slice(0, 25)}...` : value;
      return shown.includes("'") ? `type string (${JSON.stringify(shown)})` : `type string ('${shown}')`;
    }
    default:
      return `type ${typeof value}`;
  }
}

/**
 * `ERR_INVALID_ARG_TYPE`, stack taken above `boundary`. `expected` is Node's wording after
 * "must be": `of type string`, `of type string or an instance of Buffer, TypedArray, or DataView`.
 */
export function invalidArgType(name: string, expected: string, actual: unknown, boundary: Function = invalidArgType): NodeErrorLike {
  const error = nodeError('ERR_INVALID_ARG_TYPE', `The "${name}" argument must be ${expected}. Received ${describeReceived(actual)}`, TypeError);
  return finishError(error, boundary);
}

/** `ERR_INVALID_ARG_VALUE`: `The argument 'id' must be a non-empty string. Received ''`. */
export function invalidArgValue(name: string, actual: unknown, reason: string, boundary: Function = invalidArgValue): NodeErrorLike {
  const error = nodeError('ERR_INVALID_ARG_VALUE', `The argument '${name}' ${reason}. Received ${inspect(actual)}`, TypeError);
  return finishError(error, boundary);
}

/** libuv's text for the system errors the library raises itself. */
const UV_TEXT = {
  EBADF: 'bad file descriptor',
  EISDIR: 'illegal operation on a directory',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
} as const;

/**
 * A failed system call as Node reports one (`uvException`):
 * `ENOENT: no such file or directory, chdir '/a' -> 'b'`, with `errno`, `code`, `syscall`,
 * `path` and `dest`.
 */
export function systemError(code: keyof typeof UV_TEXT, syscall: string, path?: string, dest?: string): NodeErrorLike {
  const where = path === undefined ? '' : dest === undefined ? ` '${path}'` : ` '${path}' -> '${dest}'`;
  const props: Record<string, unknown> = { errno: -constants.errno[code], code, syscall };
  if (path !== undefined) props.path = path;
  if (dest !== undefined) props.dest = dest;
  return plainError(`${code}: ${UV_TEXT[code]}, ${syscall}${where}`, props);
}

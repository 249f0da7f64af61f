import { createRequire } from 'node:module';
import type { Program } from 'acorn';
import { parseSync } from 'oxc-parser';

/**
 * JavaScript to an ESTree AST. oxc-parser (native) does the parsing: a cold acorn takes tens of
 * milliseconds over a 200-line file in a fresh process, which is most of a first run. Its AST is
 * acorn's for JavaScript (node types, fields and UTF-16 offsets; it adds a few empty fields such
 * as `decorators: []`), so the transforms are written against acorn's types.
 *
 * Parse errors come from acorn: the callers turn acorn's errors (offsets, wording) into the
 * SyntaxError Node shows. acorn is loaded only then, and its AST is used when it accepts a file
 * oxc rejects, so that a difference in strictness never stops a script Node would run.
 */

export type SourceKind = 'module' | 'script';

const OXC_SOURCE_TYPE = { module: 'module', script: 'commonjs' } as const;

let acorn: typeof import('acorn') | undefined;

/** acorn alone: for a source oxc rejects, whose error is worded from acorn's. */
export function parseWithAcorn(source: string, kind: SourceKind): Program {
  acorn ??= createRequire(import.meta.url)('acorn') as typeof import('acorn');
  return acorn.parse(source, {
    ecmaVersion: 'latest',
    sourceType: kind,
    allowHashBang: true,
    // A CommonJS body is a function body; top-level await is a module's only.
    allowReturnOutsideFunction: kind === 'script',
    allowAwaitOutsideFunction: false,
  });
}

/**
 * Parses `source` as an ES module (`module`) or as a CommonJS body (`script`: `return` allowed at
 * the top level, no top-level `await`). Throws acorn's SyntaxError (with `pos`, `raisedAt`, `loc`)
 * when the source does not parse.
 */
export function parseJavaScript(source: string, kind: SourceKind): Program {
  const result = parseWithOxc(source, kind);
  if (result.errors.length > 0) return parseWithAcorn(source, kind);
  const program = result.program as unknown as Program;
  program.sourceType = kind; // oxc says 'commonjs' for a CommonJS body
  return program;
}

/** Whether `source` parses as `kind`, by oxc alone (no JavaScript AST is built): for format detection. */
export function parsesWithOxc(source: string, kind: SourceKind): boolean {
  return parseWithOxc(source, kind).errors.length === 0;
}

function parseWithOxc(source: string, kind: SourceKind): ReturnType<typeof parseSync> {
  return parseSync(kind === 'module' ? 'input.mjs' : 'input.cjs', source, {
    sourceType: OXC_SOURCE_TYPE[kind],
    lang: 'js',
    preserveParens: false,
    // Early errors (redeclarations, strict-mode rules) too, as acorn and V8 report them.
    showSemanticErrors: true,
  });
}

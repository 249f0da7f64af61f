import type { Node } from 'acorn';
import { parseJavaScript } from './parse.js';
import { collectPatternNames } from './pattern-names.js';
import { CAPTURE_FUNCTION, DYNAMIC_IMPORT_CALL, LOCAL_PREFIX, RUNTIME, RUNTIME_MEMBER } from './runtime-names.js';
import { TokenOffsets } from './token-offsets.js';

/**
 * A CommonJS file made ready for `vm.compileFunction`: the body of an outer function that takes
 * `(process, console, __rm, ...initNames)` and returns Node's module wrapper
 * `function (exports, require, module, __filename, __dirname)`. The added header shares the
 * file's first line, so the file's lines keep their numbers without a `lineOffset` (V8 applies
 * none to the `eval at` position of code a file evaluates: node shows the file's own line there);
 * compiled with `columnOffset`, the first line keeps its columns too.
 */
export interface CjsTransformResult {
  code: string;
  /** For `vm.compileFunction`: minus the length of what stands before the file's first character. */
  columnOffset: number;
  /** Top-level bindings read by the capture function, when one was asked for. */
  topLevelNames: string[];
}

export interface CjsTransformOptions {
  /** Add `__rm$capture()`, which reads every top-level binding (the main script's namespace). */
  capture?: boolean;
  /** Free variables given to the script (initGlobals): read by the capture too. */
  initNames?: readonly string[];
}

export const CJS_WRAPPER_HEADER = 'return function (exports, require, module, __filename, __dirname) {';

/** Where an `import(` may be: a comment may stand between the keyword and its parenthesis. */
const IMPORT_WORD = /\bimport\b/;

interface AnyNode extends Node {
  [key: string]: any;
}

/**
 * `var` declarations anywhere outside nested functions are top-level bindings of a script. A node
 * whose text has no `var` holds none, and is not walked: most of a script.
 */
function collectVarNames(node: AnyNode | null, names: string[], vars: TokenOffsets): void {
  if (!node || typeof node.type !== 'string' || !vars.within(node.start, node.end)) return;
  if (node.type === 'VariableDeclaration' && node.kind === 'var') {
    for (const declarator of node.declarations) collectPatternNames(declarator.id, names);
  }
  if (/Function/.test(node.type) || node.type === 'ClassBody') return;
  for (const key of Object.keys(node)) {
    const child = node[key];
    if (Array.isArray(child)) for (const c of child) collectVarNames(c, names, vars);
    else if (child && typeof child.type === 'string') collectVarNames(child, names, vars);
  }
}

export function topLevelNamesOf(program: AnyNode, source: string): string[] {
  const names: string[] = [];
  for (const statement of program.body as AnyNode[]) {
    if (statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') {
      if (statement.id) names.push(statement.id.name);
    } else if (statement.type === 'VariableDeclaration' && statement.kind !== 'var') {
      for (const declarator of statement.declarations) collectPatternNames(declarator.id, names);
    }
  }
  collectVarNames(program, names, new TokenOffsets(source, 'var'));
  return [...new Set(names)];
}

/** Source of a hoisted function returning every given binding that is initialised. */
export function captureFunction(names: readonly string[]): string {
  const captured = `${LOCAL_PREFIX}o`;
  const reads = names.map((name) => `try{${captured}[${JSON.stringify(name)}]=${name}}catch{}`).join('');
  return `function ${CAPTURE_FUNCTION}(){const ${captured}={};${reads}return ${captured}}`;
}

/** Replaces `import(` with `__rm.i(` (same length, so positions hold) in CommonJS code. */
function rewriteDynamicImports(source: string, program: AnyNode): string {
  const starts: number[] = [];
  const visit = (node: AnyNode | null): void => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'ImportExpression') starts.push(node.start);
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (Array.isArray(child)) for (const c of child) visit(c);
      else if (child && typeof child.type === 'string') visit(child);
    }
  };
  visit(program);
  if (starts.length === 0) return source;
  let out = '';
  let last = 0;
  for (const start of starts.sort((a, b) => a - b)) {
    out += `${source.slice(last, start)}${DYNAMIC_IMPORT_CALL}`;
    last = start + 'import'.length;
  }
  return out + source.slice(last);
}

/** The end offset of the directive prologue ("use strict"), where the header may not go before. */
function prologueEnd(program: AnyNode): number | undefined {
  let end: number | undefined;
  for (const statement of program.body as AnyNode[]) {
    if (statement.type !== 'ExpressionStatement' || typeof statement.directive !== 'string') break;
    end = statement.end;
  }
  return end;
}

/** The header and the file on one line; `register` runs first, or after the directive prologue. */
function wrap(body: string, register = '', prologueEnd?: number): Omit<CjsTransformResult, 'topLevelNames'> {
  if (prologueEnd === undefined) {
    const head = `${CJS_WRAPPER_HEADER}${register}`;
    return { code: `${head}${body}\n}`, columnOffset: -head.length };
  }
  // A directive may end without its semicolon (`'use strict'` ⏎): the `;` ends it before the call.
  const code = `${CJS_WRAPPER_HEADER}${body.slice(0, prologueEnd)};${register}${body.slice(prologueEnd)}\n}`;
  return { code, columnOffset: -CJS_WRAPPER_HEADER.length };
}

export function transformCjs(source: string, options: CjsTransformOptions = {}): CjsTransformResult {
  let body = source.startsWith('#!') ? `//${source.slice(2)}` : source;
  const needsParse = options.capture || IMPORT_WORD.test(body);
  if (!needsParse) return { ...wrap(body), topLevelNames: [] };

  let program: AnyNode;
  try {
    program = parseJavaScript(body, 'script') as AnyNode;
  } catch {
    // The script's own SyntaxError: compiling it as is lets V8 report it, in Node's words.
    return { ...wrap(body), topLevelNames: [] };
  }
  if (IMPORT_WORD.test(body)) body = rewriteDynamicImports(body, program);
  if (!options.capture) return { ...wrap(body), topLevelNames: [] };

  const topLevelNames = [...new Set([...topLevelNamesOf(program, body), ...(options.initNames ?? [])])];
  const register = `${RUNTIME}.${RUNTIME_MEMBER.capture}(${CAPTURE_FUNCTION});`;
  // Registering the capture first would break a "use strict" directive: it goes after them.
  const wrapped = wrap(`${body}\n;${captureFunction(topLevelNames)}`, register, prologueEnd(program));
  return { ...wrapped, topLevelNames };
}

/**
 * The same code with the header on a line of its own (compiled with `lineOffset: -1`): a file
 * that does not compile is compiled so, for V8's SyntaxError to show the file's line, not the
 * header, above its caret.
 */
export function headerOnItsOwnLine(result: CjsTransformResult): string {
  const at = -result.columnOffset;
  return `${result.code.slice(0, at)}\n${result.code.slice(at)}`;
}

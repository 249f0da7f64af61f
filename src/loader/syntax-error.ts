/** An acorn parse error: message ends in " (line:column)", with the offending token's offsets. */
interface AcornSyntaxError extends SyntaxError {
  pos: number;
  raisedAt?: number;
  loc: { line: number; column: number };
}

function isAcornError(error: unknown): error is AcornSyntaxError {
  return error instanceof SyntaxError && typeof (error as AcornSyntaxError).pos === 'number' && 'loc' in error;
}

/** acorn's words → V8's, for what acorn and V8 both refuse (checked against node, module code). */
const V8_WORDING: readonly (readonly [RegExp, string])[] = [
  [/^'return' outside of function$/, 'Illegal return statement'],
  [/^Assigning to rvalue$/, 'Invalid left-hand side in assignment'],
  [/^Unexpected keyword '(.+)'$/, "Unexpected token '$1'"],
  [/^The keyword '(?:yield|let|static|implements|interface|package|private|protected|public)' is reserved$/, 'Unexpected strict mode reserved word'],
  [/^The keyword 'await' is reserved$|^Cannot use keyword 'await' outside an async function$/, 'Unexpected reserved word'],
  [/^Deleting local variable in strict mode$/, 'Delete of an unqualified identifier in strict mode.'],
  [/^Export '(.+)' is not defined$/, "Export '$1' is not defined in module"],
  [/^Duplicate export '(.+)'$/, "Duplicate export of '$1'"],
  [/^Unterminated template$/, 'Unexpected end of input'],
  [/^Unterminated regular expression$/, 'Invalid regular expression: missing /'],
  [/^(?:Duplicate|Invalid) regular expression flag$/, 'Invalid regular expression flags'],
  [/^'new\.target' can only be used/, 'new.target expression is not allowed here'],
  [/^'super' keyword outside a method$/, "'super' keyword unexpected here"],
  [/^Duplicate constructor in the same class$/, 'A class may only have one constructor'],
  [/^Argument name clash$/, 'Duplicate parameter name not allowed in this context'],
  [/^'with' in strict mode$/, 'Strict mode code may not include a with statement'],
  [/^(?:Assigning to|Binding) (?:arguments|eval) in strict mode$/, 'Unexpected eval or arguments in strict mode'],
  [/^Label '(.+)' is already declared$/, "Label '$1' has already been declared"],
];

/** V8's wording for what acorn reports, for the errors scripts commonly have. */
function v8Message(error: AcornSyntaxError, source: string): { message: string; width: number } {
  let message = error.message.replace(/ \(\d+:\d+\)$/, '');
  for (const [acorn, v8] of V8_WORDING) {
    if (acorn.test(message)) {
      message = message.replace(acorn, v8);
      break;
    }
  }
  const token = source.slice(error.pos, Math.max(error.raisedAt ?? error.pos, error.pos));
  if (message === 'Unexpected token') {
    if (error.pos >= source.length || token === '') return { message: 'Unexpected end of input', width: 0 };
    return { message: `Unexpected token '${token}'`, width: token.length };
  }
  if (message.startsWith('Unterminated') || message.startsWith('Unexpected character')) {
    return { message: 'Invalid or unexpected token', width: Math.max(1, token.length) };
  }
  const declared = /^Identifier '(.+)' has already been declared$/.exec(message);
  if (declared) return { message, width: declared[1]!.length };
  if (message === 'Invalid number' && /^0\d/.test(token)) message = 'Octal literals are not allowed in strict mode.';
  // V8 underlines the token the error is at: a name, a number, or one character.
  return { message, width: TOKEN_AT.exec(source.slice(error.pos))?.[0].length ?? 1 };
}

const TOKEN_AT = /^(?:[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*|\d[\w.]*|\S)/u;

/**
 * The SyntaxError Node shows for a module that does not parse: `file:line`, the source line and
 * carets under the token, then `SyntaxError: …`, in the error's stack as V8 decorates it.
 * Anything that is not a parse error is returned unchanged.
 */
export function toNodeSyntaxError(error: unknown, source: string, stackName: string): unknown {
  if (!isAcornError(error)) return error;
  const { message, width } = v8Message(error, source);
  const line = source.split(/\r\n|\r|\n/)[error.loc.line - 1] ?? '';
  const caret = width === 0 ? '' : `${' '.repeat(error.loc.column)}${'^'.repeat(width)}`;
  const syntaxError = new SyntaxError(message);
  syntaxError.stack = `${stackName}:${error.loc.line}\n${line}\n${caret}\n\nSyntaxError: ${message}`;
  return syntaxError;
}

/** An acorn parse error: message ends in " (line:column)", with the offending token's offsets. */
interface AcornSyntaxError extends SyntaxError {
  pos: number;
  raisedAt?: number;
  loc: { line: number; column: number };
}

function isAcornError(error: unknown): error is AcornSyntaxError {
  return error instanceof SyntaxError && typeof (error as AcornSyntaxError).pos === 'number' && 'loc' in error;
}

/** V8's wording for what acorn reports, for the errors scripts commonly have. */
function v8Message(error: AcornSyntaxError, source: string): { message: string; width: number } {
  const message = error.message.replace(/ \(\d+:\d+\)$/, '');
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
  return { message, width: Math.max(1, token.length) };
}

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

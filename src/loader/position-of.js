// @ts-check
// Plain JavaScript: runInNode's child (src/oracle/child/) imports it too, as real node runs it.

/**
 * The 1-based line and column of `offset` in `source`: where a TypeScript syntax error is shown,
 * in-process and in runInNode's child.
 * @param {string} source
 * @param {number} offset
 * @returns {{ line: number, column: number }}
 */
export function positionOf(source, offset) {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

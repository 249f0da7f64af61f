/** When the report is in colour (src/cli/colour.ts): Node's own rules for FORCE_COLOR, NO_COLOR and TERM. */
import { expect, test } from 'vitest';
import { colourWanted, paletteFor } from '../../src/cli/colour.js';

test.each([
  [true, {}, true],
  [false, {}, false],
  [true, { NO_COLOR: '1' }, false],
  [true, { NO_COLOR: '' }, true],
  [true, { NODE_DISABLE_COLORS: '1' }, false],
  [true, { TERM: 'dumb' }, false],
  [false, { FORCE_COLOR: '1' }, true],
  [false, { FORCE_COLOR: '' }, true],
  [false, { FORCE_COLOR: '3' }, true],
  [true, { FORCE_COLOR: '0' }, false],
  [true, { FORCE_COLOR: 'false' }, false],
  [true, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
])('a terminal: %s, environment %j: colour %s', (isTTY, env, expected) => {
  expect(colourWanted({ isTTY }, env)).toBe(expected);
});

test('the palette is plain text without colour, ANSI styles with', () => {
  expect(paletteFor(false).red('x')).toBe('x');
  expect(paletteFor(true).red('x')).toBe('\x1b[31mx\x1b[39m');
  expect(paletteFor(true).bold('')).toBe('');
});

import { stripVTControlCharacters } from 'node:util';

/**
 * The message an assertion fails with, colours removed (STYLE.md: inline snapshots of rendered
 * text with colour off). Fails the test when the assertion passes.
 */
export async function failureOf(assertion: () => unknown): Promise<string> {
  try {
    await assertion();
  } catch (error) {
    return stripVTControlCharacters((error as Error).message);
  }
  throw new Error('The assertion passed; the test expected it to fail.');
}

/**
 * The edits of the TypeScript strip (strip-ts.ts): text made spaces with its line breaks kept, so
 * that every offset of the source stays the same in the code that runs.
 */

// oxc-parser's ESTree with TypeScript's nodes, read loosely.
export type AnyNode = { type: string; start: number; end: number; [key: string]: any };

/** The file needs the transform (what a strip cannot do): thrown, caught by `stripTypeScript`. */
export class NeedsTransform extends Error {}

export function refuse(): never {
  throw new NeedsTransform();
}

const MODIFIERS = new Set(['public', 'private', 'protected', 'readonly', 'override', 'declare', 'abstract']);
const MODULE_DECLARATION = /^(?:Import|Export\w*)Declaration$/;
/** Characters that continue an expression from the line before (where ASI would not end it). */
const CONTINUES = /[([`+\-/]/;

export class StripEdits {
  protected readonly out: string[];

  constructor(
    protected readonly source: string,
    /** The file has no declared format: the transform decides it (see {@link remove}). */
    protected readonly ambiguous: boolean,
  ) {
    this.out = source.split('');
  }

  protected blank(start: number, end: number): undefined {
    for (let i = start; i < end; i++) {
      const char = this.out[i]!;
      if (char !== '\n' && char !== '\r' && char !== '\u2028' && char !== '\u2029') this.out[i] = ' ';
    }
  }

  /** The first character after `end` that is not white space (nor a comment). */
  protected nextSignificant(end: number): { char: string | undefined; lineBreak: boolean } {
    const text = this.source;
    let lineBreak = false;
    let i = end;
    while (i < text.length) {
      const char = text[i]!;
      if (char === '\n' || char === '\r' || char === '\u2028' || char === '\u2029') lineBreak = true;
      else if (char === '/' && text[i + 1] === '/') {
        i = text.indexOf('\n', i);
        if (i === -1) return { char: undefined, lineBreak };
        continue;
      } else if (char === '/' && text[i + 1] === '*') {
        const close = text.indexOf('*/', i + 2);
        if (close === -1) return { char: undefined, lineBreak };
        if (/[\n\r\u2028\u2029]/.test(text.slice(i, close))) lineBreak = true;
        i = close + 2;
        continue;
      } else if (!/\s/.test(char)) return { char, lineBreak };
      i++;
    }
    return { char: undefined, lineBreak };
  }

  /** A whole statement or class member, gone; a `;` keeps a next line that starts with `(` from joining the line before. */
  protected remove(node: AnyNode): undefined {
    // The transform marks a file of no declared format that lost its module syntax as a module
    // (`export {}`): left to it, so that the format detected is the same.
    if (this.ambiguous && MODULE_DECLARATION.test(node.type)) refuse();
    this.blank(node.start, node.end);
    const next = this.nextSignificant(node.end);
    if (next.char !== undefined && CONTINUES.test(next.char)) this.out[node.start] = ';';
  }

  /** The type after an expression (`as T`, `satisfies T`, `!`), gone; refused where the next line would continue the expression. */
  protected removeTail(start: number, end: number): undefined {
    const next = this.nextSignificant(end);
    if (next.lineBreak && next.char !== undefined && CONTINUES.test(next.char)) refuse();
    this.blank(start, end);
  }

  /** A list item (`type A,` in braces, `this: T,` in parameters) with the comma that follows it, or the one before. */
  protected removeListItem(node: AnyNode): undefined {
    let end = node.end;
    let start = node.start;
    const after = this.nextSignificant(end);
    const comma = this.source.indexOf(',', end);
    if (after.char === ',') end = comma + 1;
    else {
      const before = this.source.lastIndexOf(',', start);
      if (before !== -1 && this.source.slice(before + 1, start).trim() === '') start = before;
    }
    this.blank(start, end);
  }

  /** TypeScript's modifier words between `from` and `to` (before a class member's key). */
  protected blankModifiers(from: number, to: number): undefined {
    const text = this.source.slice(from, to);
    for (const match of text.matchAll(/[A-Za-z]+/g)) {
      if (MODIFIERS.has(match[0])) this.blank(from + match.index, from + match.index + match[0].length);
    }
  }

  /** A `?` or `!` between `from` and `to` (after a name, before its type or value). */
  protected blankMark(from: number, to: number, mark: '?' | '!'): undefined {
    const at = this.source.indexOf(mark, from);
    if (at !== -1 && at < to) this.blank(at, at + 1);
  }
}

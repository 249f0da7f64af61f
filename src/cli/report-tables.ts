import type { RunResult } from '../result.js';
import { constructorName, describeValue, inlineNode } from '../snapshot/describe-value.js';
import { escapeControls } from '../snapshot/layout.js';
import type { Palette } from './colour.js';

/** A column's cell, plain, with the colour it is printed in. */
interface Cell {
  text: string;
  paint?: (text: string) => string;
}

/**
 * Rows as aligned columns, the last one cut to what is left of `width` (`…` where it was cut).
 * Widths are counted in UTF-16 units: wide characters may push a row out of line, never break it.
 */
function table(header: string[], rows: Cell[][], palette: Palette, width: number, indent: string): string[] {
  const columns = header.length;
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.text.length)));
  const lastStart = indent.length + widths.slice(0, -1).reduce((sum, w) => sum + w + 2, 0);
  const room = Math.max(20, width - lastStart);
  const line = (cells: Cell[]) =>
    indent +
    cells
      .map((cell, column) => {
        const last = column === columns - 1;
        const text = last ? cut(cell.text, room) : cell.text.padEnd(widths[column]!);
        return cell.paint ? cell.paint(text) : text;
      })
      .join('  ')
      .trimEnd();
  return [line(header.map((title) => ({ text: title, paint: palette.dim }))), ...rows.map(line)];
}

function cut(text: string, room: number): string {
  return text.length <= room ? text : `${text.slice(0, room - 1)}…`;
}

/** What a binding holds, in a word: `number`, `function`, `class`, `module`, `object`, `array`, or the class of an object (`Map`, `Command`). */
export function typeOf(value: unknown, shown: string): string {
  if (value === null) return 'null';
  if (typeof value === 'function') return shown.startsWith('[class ') ? 'class' : shown.startsWith('[module') ? 'module' : 'function';
  if (typeof value !== 'object') return typeof value;
  if (shown.startsWith('[module')) return 'module';
  let name = 'Object';
  try {
    name = constructorName(value);
  } catch {
    // a Proxy whose traps throw: an object all the same
  }
  return name === 'Object' ? 'object' : name === 'Array' ? 'array' : name;
}

/** The namespace: a row per binding, its name, its type and its value on one line. */
export function namespaceTable(namespace: Record<string, unknown>, palette: Palette, width: number, indent: string): string[] {
  const rows = Object.keys(namespace).map((name): Cell[] => {
    const value = namespace[name];
    const shown = escapeControls(inlineNode(describeValue(value)));
    return [{ text: escapeControls(name), paint: palette.cyan }, { text: typeOf(value, shown), paint: palette.dim }, { text: shown }];
  });
  return table(['name', 'type', 'value'], rows, palette, width, indent);
}

/** `result.files`: a row per path, sorted, with its size and its first line (or what it is instead). */
export function filesTable(files: RunResult['files'], palette: Palette, width: number, indent: string): string[] {
  const paths = Object.keys(files).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = paths.map((file): Cell[] => {
    const content = files[file]!;
    const name = { text: escapeControls(file), paint: palette.cyan };
    if (content === null) return [name, { text: '-' }, { text: '(deleted)', paint: palette.red }];
    const size = { text: sizeOf(typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength) };
    if (typeof content !== 'string') return [name, size, { text: '(binary)', paint: palette.dim }];
    const first = content.split('\n', 1)[0]!;
    return [name, size, first === '' ? { text: content === '' ? '(empty)' : '(blank line)', paint: palette.dim } : { text: escapeControls(first) }];
  });
  return table(['path', 'size', 'first line'], rows, palette, width, indent);
}

/** `15 B`, `1.2 KiB`, `3.4 MiB`. */
export function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

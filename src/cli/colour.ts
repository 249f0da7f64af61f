/**
 * Colour for the report: on a terminal unless `NO_COLOR` (or `NODE_DISABLE_COLORS`, or
 * `TERM=dumb`) says otherwise, off when piped; `FORCE_COLOR` decides over all of them, as it does
 * for Node itself (`''`, `1`, `true`, `2`, `3` turn colour on, any other value off).
 */
export function colourWanted(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return ['', '1', 'true', '2', '3'].includes(force);
  if (stream.isTTY !== true) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.NODE_DISABLE_COLORS !== undefined && env.NODE_DISABLE_COLORS !== '') return false;
  return env.TERM !== 'dumb';
}

export interface Palette {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const style =
  (open: number, close: number) =>
  (text: string): string =>
    text === '' ? text : `\x1b[${open}m${text}\x1b[${close}m`;

const COLOURS: Palette = {
  bold: style(1, 22),
  dim: style(2, 22),
  red: style(31, 39),
  green: style(32, 39),
  yellow: style(33, 39),
  cyan: style(36, 39),
};

const same = (text: string): string => text;
const PLAIN: Palette = { bold: same, dim: same, red: same, green: same, yellow: same, cyan: same };

export function paletteFor(colour: boolean): Palette {
  return colour ? COLOURS : PLAIN;
}

/**
 * The two shapes a RunResult's parts take in snapshots and failure messages: a text block (what
 * the script printed) and a file tree (what it wrote).
 */

const BAR = '│';

/**
 * Text as a block of lines, each after `│ ` so that blank lines and leading spaces show; a
 * missing final newline is said on a line of its own. Control characters other than tab are
 * escaped (`\r`, `\x1b`): a snapshot holds what was written, visibly.
 */
export function textBlock(text: string, indent: string): string[] {
  const lines = text.split('\n');
  const endsWithNewline = lines.at(-1) === '';
  if (endsWithNewline) lines.pop();
  const block = lines.map((line) => (line === '' ? `${indent}${BAR}` : `${indent}${BAR} ${escapeControls(line)}`));
  if (!endsWithNewline) block.push(`${indent}(no newline at end)`);
  return block;
}

/** Control characters other than tab, escaped (`\r`, `\x1b`): what a script wrote, shown without acting on the terminal. */
export function escapeControls(line: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters escaped
  return line.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (char) =>
    char === '\r' ? '\\r' : `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/** The last `count` lines of `text`, with a first line saying how many were left out. */
export function tailOf(text: string, count: number): { text: string; omitted: number } {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length <= count) return { text, omitted: 0 };
  const kept = lines.slice(-count).join('\n');
  return { text: text.endsWith('\n') ? `${kept}\n` : kept, omitted: lines.length - count };
}

export type FileContent = string | Uint8Array | null;

interface TreeNode {
  children: Map<string, TreeNode>;
  content?: FileContent;
  isFile: boolean;
}

/**
 * `result.files` as a tree of paths, sorted by name (code-unit order: the same in every locale):
 * text files with their contents as a block, binary files with their size, deleted ones said.
 * `text` is applied to each path and each text content (the serializer hides directories with it).
 */
export function fileTree(files: Record<string, FileContent>, indent: string, text: (value: string) => string = (value) => value): string[] {
  const root: TreeNode = { children: new Map(), isFile: false };
  for (const [key, content] of Object.entries(files)) {
    const parts = text(key).split('/');
    // an absolute path keeps its leading `/` on its first part
    if (parts[0] === '') parts.splice(0, 2, `/${parts[1] ?? ''}`);
    let node = root;
    for (const part of parts.slice(0, -1)) {
      let child = node.children.get(`${part}/`);
      if (!child) node.children.set(`${part}/`, (child = { children: new Map(), isFile: false }));
      node = child;
    }
    const last = parts.at(-1)!;
    // a key ending in `/` is a directory the run made
    if (last === '') continue;
    node.children.set(last, { children: new Map(), content: typeof content === 'string' ? text(content) : content, isFile: true });
  }
  const lines: string[] = [];
  walk(root, indent, lines);
  return lines;
}

function walk(node: TreeNode, indent: string, lines: string[]): void {
  const names = [...node.children.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const child = node.children.get(name)!;
    if (!child.isFile) {
      lines.push(`${indent}${name}`);
      walk(child, `${indent}  `, lines);
    } else if (child.content === null) {
      lines.push(`${indent}${name}: deleted`);
    } else if (typeof child.content === 'string') {
      if (child.content === '') lines.push(`${indent}${name}: (empty)`);
      else lines.push(`${indent}${name}:`, ...textBlock(child.content, `${indent}  `));
    } else {
      lines.push(`${indent}${name}: ${child.content?.byteLength ?? 0} bytes (binary)`);
    }
  }
}

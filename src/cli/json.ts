import type { RunResult } from '../result.js';
import { describeValue, inlineNode, type ValueNode } from '../snapshot/describe-value.js';

/**
 * `--json`: a RunResult as JSON, every field present (`null` where the result holds nothing:
 * `signal`, `error`), `fs` left out. Values JSON can hold — strings, finite numbers, booleans,
 * null, plain objects, arrays — are JSON; everything else is a string of the text the snapshot
 * serializer shows for it (`describeValue`): `"[Function main]"`, `"[class Command]"`, `"10n"`,
 * `"undefined"`, `"[Circular]"`, `"Buffer(3)"`, `"Map { \"a\" => 1 }"`, `"[Error: boom]"`.
 * Getters are not called. File contents are text, a buffer's stable text (`"Buffer(12)"`), or
 * `null` for a deleted file.
 */
export function resultToJson(result: RunResult<unknown>): Record<string, unknown> {
  const files: Record<string, unknown> = {};
  for (const [key, content] of Object.entries(result.files)) files[key] = typeof content === 'string' || content === null ? content : jsonValue(content);
  return {
    ok: result.ok,
    exitCode: result.exitCode,
    signal: result.signal ?? null,
    namespace: jsonValue(result.namespace),
    exports: jsonValue(result.exports),
    stdout: result.stdout,
    stderr: result.stderr,
    output: result.output,
    error: result.error === undefined ? null : jsonValue(result.error),
    traceback: result.traceback,
    durationMs: result.durationMs,
    files,
    timedOut: result.timedOut,
    pending: result.pending.map(({ kind, createdAt }) => ({ kind, createdAt })),
    leakedGlobals: [...result.leakedGlobals],
    unusedMocks: [...(result.unusedMocks ?? [])],
  };
}

/** A value as JSON: what describe-value shows as plain data is JSON; any other part, its text. */
export function jsonValue(value: unknown): unknown {
  return fromNode(describeValue(value));
}

function fromNode(node: ValueNode): unknown {
  switch (node.kind) {
    case 'leaf':
      return fromLeaf(node.text);
    case 'list':
      // An array; a Set or a typed array subclass is named in its text
      return node.open === '[' ? node.items.map(fromNode) : inlineNode(node);
    case 'record': {
      if (node.open !== '{') return inlineNode(node);
      const object: Record<string, unknown> = {};
      for (const entry of node.entries) {
        // defined, not assigned: a key `__proto__` is a key, not the object's prototype
        Object.defineProperty(object, keyOf(entry.key), { value: fromNode(entry.value), enumerable: true, writable: true, configurable: true });
      }
      return object;
    }
  }
}

/** describe-value writes strings as JSON and numbers as `String(n)`: read back exactly; other leaves stay text. */
function fromLeaf(text: string): unknown {
  if (text.startsWith('"')) return JSON.parse(text) as string;
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  const number = Number(text);
  if (text !== '' && Number.isFinite(number) && (String(number) === text || text === '-0')) return number;
  return text;
}

/** A key as describe-value wrote it (`name`, `"two words"`, `[Symbol(id)]`) back to the key. */
function keyOf(key: string): string {
  return key.startsWith('"') ? (JSON.parse(key) as string) : key;
}

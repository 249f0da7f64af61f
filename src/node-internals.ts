// Node's own JavaScript, as the host's Node has it: where an uncaught error's report points when
// Node threw the error itself (`node:internal/modules/cjs/loader:1210`, the line and its caret).
// Read from the sources Node carries (`process.binding('natives')`), so the line is this Node's.

const sources = new Map<string, string[] | undefined>();

/** The lines of one of Node's own modules (`internal/errors`), or undefined when this Node does not say. */
export function nodeInternalSource(id: string): string[] | undefined {
  const key = id.replace(/^node:/, '');
  if (!sources.has(key)) {
    let lines: string[] | undefined;
    try {
      const natives = (process as unknown as { binding(name: string): Record<string, string> }).binding('natives');
      lines = natives[key]?.split('\n');
    } catch {
      lines = undefined;
    }
    sources.set(key, lines);
  }
  return sources.get(key);
}

/** A line of Node's code that throws, as a stack frame names it. */
export interface NodeThrowSite {
  /** `node:internal/modules/esm/resolve` */
  file: string;
  /** 1-based, as in a stack frame. */
  line: number;
  /** 1-based: where V8 puts the caret (`new` of `throw new X(…)`, else `throw`). */
  column: number;
  functionName: string;
}

/**
 * Where Node throws an error, looked up in the first of `places` that has it: the first line
 * matching `throws` after the line matching `within` (the start of the function that throws).
 */
export interface ThrowSiteSpec {
  places: readonly { module: string; within: RegExp; throws: RegExp; functionName: string }[];
}

const found = new WeakMap<ThrowSiteSpec, NodeThrowSite | null>();

export function nodeThrowSite(spec: ThrowSiteSpec): NodeThrowSite | undefined {
  let site = found.get(spec);
  if (site === undefined) {
    site = null;
    for (const place of spec.places) {
      const lines = nodeInternalSource(place.module);
      const start = lines?.findIndex((line) => place.within.test(line)) ?? -1;
      if (start === -1) continue;
      const offset = lines!.slice(start).findIndex((line) => place.throws.test(line));
      if (offset === -1) continue;
      const text = lines![start + offset]!;
      const newAt = text.indexOf('throw new ');
      const column = (newAt === -1 ? text.indexOf('throw') : newAt + 'throw '.length) + 1;
      site = { file: `node:${place.module}`, line: start + offset + 1, column, functionName: place.functionName };
      break;
    }
    found.set(spec, site);
  }
  return site ?? undefined;
}

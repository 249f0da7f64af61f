/**
 * How tests compare what a real `node` printed with what an in-process run printed (SPEC §3.6):
 * frames inside Node's own modules are dropped (they differ by Node version and by how the
 * script was started), keeping what followed a dropped frame on its line, such as the ` {` that
 * opens an error's own properties, on the line before.
 */
const NODE_FRAME = /^(\s+at (?:async )?(?:.+ \()?node:[^)\s]*?:\d+:\d+\)?)(.*)$/;

export function dropNodeFrames(text: string): string {
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    const frame = NODE_FRAME.exec(line);
    if (!frame) kept.push(line);
    else if (frame[2] && kept.length > 0) kept[kept.length - 1] += frame[2];
  }
  return kept.join('\n');
}

/** The pid in Node's warnings, `(node:1234)`, differs between processes. */
export function hidePid(text: string): string {
  return text.replace(/\(node:\d+\)/g, '(node:PID)');
}

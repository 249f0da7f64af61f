/** The Node the library runs on: runs mirror the host's Node, so behaviour that changed between versions follows it. */

const [hostMajor = 0, hostMinor = 0] = process.versions.node.split('.').map(Number);

export const NODE_MAJOR = hostMajor;

/**
 * Whether the host Node has a change released as `since` ('22.10', or one minor per release line
 * it was backported to: '24.14', '25.4'): on a listed line from that minor, and on every major
 * after the last one listed. Each behaviour that changed is decided once, at module load, by a
 * constant next to the code it switches.
 */
export function nodeHas(...since: string[]): boolean {
  let lastMajor = 0;
  for (const version of since) {
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (hostMajor === major) return hostMinor >= minor;
    lastMajor = Math.max(lastMajor, major);
  }
  return hostMajor > lastMajor;
}

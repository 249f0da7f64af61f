/**
 * Where a word occurs in a source text (in code, strings and comments alike: a superset), found
 * once, then asked of many ranges: the transforms skip the subtrees whose text cannot hold what
 * they look for.
 */
export class TokenOffsets {
  private offsets: number[] | undefined;

  constructor(
    private readonly source: string,
    private readonly token: string,
  ) {}

  /** Whether the token occurs at an offset in [start, end). */
  within(start: number, end: number): boolean {
    const at = (this.offsets ??= this.find());
    let low = 0;
    let high = at.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (at[mid]! < start) low = mid + 1;
      else high = mid;
    }
    return low < at.length && at[low]! < end;
  }

  private find(): number[] {
    const found: number[] = [];
    const { source, token } = this;
    for (let i = source.indexOf(token); i !== -1; i = source.indexOf(token, i + token.length)) found.push(i);
    return found;
  }
}

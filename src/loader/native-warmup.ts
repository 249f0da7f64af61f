import { parse } from 'oxc-parser';
import { transform } from 'oxc-transform';

/**
 * oxc's parser and transformer spend about a millisecond each on their first call (the native
 * code's pages mapped in, its tables built), which lands on the first run of a process. Both are
 * started here once, on libuv's thread pool, while the main thread goes on loading: the first run
 * then finds them warm. What they return is dropped; a failure is the first real call's to report.
 */
export function warmUpNativeCode(): void {
  const ignore = () => {};
  transform('warmup.ts', 'enum E { A }\nclass C { constructor(private x: number) {} }\nexport const c: C = new C(E.A);\n', {
    sourcemap: true,
    sourceType: 'module',
  }).catch(ignore);
  parse('warmup.mjs', 'class C { #x = 1; m() { return import.meta.url; } }\nexport default C;\n', {
    sourceType: 'module',
    showSemanticErrors: true,
  }).catch(ignore);
}

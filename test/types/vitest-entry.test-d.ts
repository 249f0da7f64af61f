/**
 * The types `run-as-main/vitest` ships, as a user's project sees them: checked by
 * test/types.test.ts in a project that installed the packed tarball, with `skipLibCheck: false`,
 * under vitest 4 (and vitest 5 where CI provides it). Not part of the repository's own typecheck.
 */
import { type RunResult, runAsMain } from 'run-as-main';
import { type PickedRunResult, pickResult, type RunAsMainMatchers } from 'run-as-main/vitest';
import { expect, expectTypeOf, test } from 'vitest';

declare const result: RunResult;
declare const pending: Promise<RunResult>;

test('every matcher is on expect(result), returns void and takes its arguments', () => {
  expectTypeOf(expect(result).toExitWith(0)).toEqualTypeOf<void>();
  expectTypeOf(expect(result).toSucceed()).toEqualTypeOf<void>();
  expectTypeOf(expect(result).toFail()).toEqualTypeOf<void>();
  expectTypeOf(expect(result).toHaveNamespace({ count: 3 })).toEqualTypeOf<void>();
  expectTypeOf(expect(result).toDefine('count')).toEqualTypeOf<void>();
  expectTypeOf(expect(result).toDefine('count', 3)).toEqualTypeOf<void>();
  expectTypeOf(expect(result).toHaveExported('default', expect.any(Function))).toEqualTypeOf<void>();
  expectTypeOf(expect(result).toPrint('hello')).toEqualTypeOf<void>();
  expectTypeOf(expect(result).toPrint(/hello/)).toEqualTypeOf<void>();
  expectTypeOf(expect(result).toPrintError('oops')).toEqualTypeOf<void>();
  expectTypeOf(expect(result).toThrowInScript()).toEqualTypeOf<void>();
  expectTypeOf(expect(result).toThrowInScript(TypeError)).toEqualTypeOf<void>();
  expectTypeOf(expect(result).toThrowInScript('boom')).toEqualTypeOf<void>();
  expectTypeOf(expect(result).toHaveWrittenFile('out.txt')).toEqualTypeOf<void>();
  expectTypeOf(expect(result).toHaveWrittenFile('out.txt', 'text')).toEqualTypeOf<void>();
  expectTypeOf(expect(result).toHaveWrittenFile('out.bin', new Uint8Array([1]))).toEqualTypeOf<void>();
  expectTypeOf(expect(result).toBehaveLike(result)).toEqualTypeOf<void>();
});

test('.not keeps them; .resolves on a Promise<RunResult> makes them return a Promise', () => {
  expectTypeOf(expect(result).not.toExitWith(1)).toEqualTypeOf<void>();
  expectTypeOf(expect(pending).resolves.toExitWith(0)).toEqualTypeOf<Promise<void>>();
  expectTypeOf(expect(pending).resolves.not.toSucceed()).toEqualTypeOf<Promise<void>>();
  expectTypeOf(expect(runAsMain('cli.js')).resolves.toPrint('x')).toEqualTypeOf<Promise<void>>();
});

test('the asymmetric forms fit inside other matchers', () => {
  expect([result]).toEqual([expect.toExitWith(0)]);
  expect({ run: result }).toEqual({ run: expect.not.toFail() });
  expect([result]).toContainEqual(expect.toPrint(/x/));
});

test('a wrong argument does not compile', () => {
  // @ts-expect-error an exit code is a number
  expect(result).toExitWith('0');
  // @ts-expect-error toSucceed takes no argument
  expect(result).toSucceed(0);
  // @ts-expect-error the expected bindings are an object
  expect(result).toHaveNamespace('count');
  // @ts-expect-error a binding's name is a string
  expect(result).toDefine(3);
  // @ts-expect-error printed text is a string or a RegExp
  expect(result).toPrint(42);
  // @ts-expect-error an error class, a string or a RegExp
  expect(result).toThrowInScript(42);
  // @ts-expect-error a path is a string
  expect(result).toHaveWrittenFile(new URL('file:///x'));
  // @ts-expect-error the other run is a RunResult
  expect(result).toBehaveLike({ exitCode: 0 });
  // @ts-expect-error no such matcher
  expect(result).toExitWithCode(0);
});

test('pickResult takes the fields a snapshot shows, and only those', () => {
  expectTypeOf(pickResult(result, 'exitCode', 'output')).toEqualTypeOf<PickedRunResult<'exitCode' | 'output'>>();
  // @ts-expect-error durationMs is never snapshotted
  pickResult(result, 'durationMs');
  expectTypeOf<RunAsMainMatchers['toExitWith']>().parameters.toEqualTypeOf<[code: number]>();
});

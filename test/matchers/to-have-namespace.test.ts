import { describe, expect, test } from 'vitest';
import '../../src/vitest.js';
import { runSource } from '../../src/index.js';
import { failureOf } from '../support/failure-message.js';

const script = "const name = 'Ada';\nlet count = 2;\nclass Greeter {}\nconst greeter = new Greeter();\nfunction greet() {}";
const run = () => runSource(script, { filename: 'greet.cjs' });

describe('toHaveNamespace', () => {
  test('passes when the namespace has these bindings with equal values, others ignored', async () => {
    expect(await run()).toHaveNamespace({ name: 'Ada', count: 2 });
  });

  test('takes asymmetric matchers', async () => {
    expect(await run()).toHaveNamespace({ name: expect.stringMatching(/^A/), greet: expect.any(Function), greeter: expect.anything() });
  });

  test('.not passes when a value differs or a binding is missing', async () => {
    expect(await run()).not.toHaveNamespace({ count: 3 });
    expect(await run()).not.toHaveNamespace({ missing: undefined });
  });

  test('works through .resolves', async () => {
    await expect(run()).resolves.toHaveNamespace({ count: 2 });
  });

  test('a difference fails with the bindings asked about, values named rather than dumped', async () => {
    const message = await failureOf(async () => expect(await run()).toHaveNamespace({ count: 3, greeter: null, missing: 1 }));
    expect(message).toMatchInlineSnapshot(`
      "expect(result).toHaveNamespace(expected)

      Expected the namespace to have: { count: 3, greeter: null, missing: 1 }
      Received:
        count: 2
        greeter: Greeter {…}
        missing: (not defined)"
    `);
  });

  test('a script that threw halfway shows its traceback too', async () => {
    const result = await runSource("const before = 1;\nthrow new Error('halfway');\nconst after = 2;", { filename: 'halfway.cjs' });
    expect(await failureOf(() => expect(result).toHaveNamespace({ after: 2 }))).toMatchInlineSnapshot(`
      "expect(result).toHaveNamespace(expected)

      Expected the namespace to have: { after: 2 }
      Received:
        after: (not defined)

      The run failed with exit code 1.
      Traceback:
        │ halfway.cjs:2
        │ throw new Error('halfway');
        │ ^
        │
        │ Error: halfway
        │     at Object.<anonymous> (halfway.cjs:2:7)"
    `);
  });

  test('.not fails when the bindings match', async () => {
    expect(await failureOf(async () => expect(await run()).not.toHaveNamespace({ count: 2 }))).toMatchInlineSnapshot(`
      "expect(result).not.toHaveNamespace(expected)

      Expected the namespace not to have: { count: 2 }
      Received:
        count: 2"
    `);
  });

  test('a receiver that is not a RunResult is refused, and so is an expectation that is not an object', async () => {
    expect(await failureOf(async () => expect((await run()).namespace).toHaveNamespace({ count: 2 }))).toMatchInlineSnapshot(`
      "expect(result).toHaveNamespace(expected)

      Matcher error: received value must be a RunResult: what runAsMain, runSource, safeRunPath, safeRunModule and runInNode resolve to.

      Received: an object with keys name, count, Greeter, greeter, greet
        { name: "Ada", count: 2, Greeter: [class Greeter], greeter: Greeter {…}, greet: [Function greet] }"
    `);
    expect(await failureOf(async () => expect(await run()).toHaveNamespace('count' as never))).toMatchInlineSnapshot(`
      "expect(result).toHaveNamespace(expected)

      toHaveNamespace needs an object of the bindings expected; received string, "count"."
    `);
  });
});

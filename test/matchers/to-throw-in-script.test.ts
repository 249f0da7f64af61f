import { describe, expect, test } from 'vitest';
import '../../src/vitest.js';
import { runSource } from '../../src/index.js';
import { failureOf } from '../support/failure-message.js';

const throwsType = () => runSource("const config = undefined;\nconfig.port;", { filename: 'config.cjs' });
const throwsOwn = () =>
  runSource("class ConfigError extends Error { name = 'ConfigError' }\nthrow new ConfigError('missing port');", { filename: 'own.cjs' });
const rejects = () => runSource("Promise.reject(new RangeError('too big'));", { filename: 'rejects.cjs' });
const exits = () => runSource("console.error('bad input'); process.exit(2);", { filename: 'exits.cjs' });

describe('toThrowInScript', () => {
  test('with no argument, passes on any uncaught error or unhandled rejection', async () => {
    expect(await throwsType()).toThrowInScript();
    expect(await rejects()).toThrowInScript();
  });

  test('passes on an instance of the class, matched by name when the run made its own copy', async () => {
    expect(await throwsType()).toThrowInScript(TypeError);
    expect(await rejects()).toThrowInScript(RangeError);
    expect(await throwsType()).toThrowInScript(Error);
    class ConfigError extends Error {}
    expect(await throwsOwn()).toThrowInScript(ConfigError);
  });

  test('passes on a message containing the text or matching the RegExp', async () => {
    expect(await throwsOwn()).toThrowInScript('missing port');
    expect(await throwsType()).toThrowInScript(/reading 'port'/);
  });

  test('.not passes on a run that threw nothing or something else', async () => {
    expect(await exits()).not.toThrowInScript();
    expect(await throwsType()).not.toThrowInScript(RangeError);
  });

  test('works through .resolves', async () => {
    await expect(throwsType()).resolves.toThrowInScript(TypeError);
  });

  test('another error fails with what was thrown and the traceback', async () => {
    expect(await failureOf(async () => expect(await throwsType()).toThrowInScript(RangeError))).toMatchInlineSnapshot(`
      "expect(result).toThrowInScript(expected)

      Expected the script to throw an instance of RangeError
      Received: [TypeError: Cannot read properties of undefined (reading 'port')]

      Traceback:
        │ config.cjs:2
        │ config.port;
        │        ^
        │
        │ TypeError: Cannot read properties of undefined (reading 'port')
        │     at Object.<anonymous> (config.cjs:2:8)"
    `);
    expect(await failureOf(async () => expect(await throwsOwn()).toThrowInScript('missing host'))).toMatchInlineSnapshot(`
      "expect(result).toThrowInScript(expected)

      Expected the script to throw an error whose message contains "missing host"
      Received: [ConfigError: missing port]

      Traceback:
        │ own.cjs:2
        │ throw new ConfigError('missing port');
        │ ^
        │
        │ ConfigError: missing port
        │     at Object.<anonymous> (own.cjs:2:7)"
    `);
  });

  test('a run that threw nothing fails with how it ended', async () => {
    expect(await failureOf(async () => expect(await exits()).toThrowInScript(/bad/))).toMatchInlineSnapshot(`
      "expect(result).toThrowInScript(expected)

      Expected the script to throw an error whose message matches /bad/
      Received: nothing thrown. The run failed with exit code 2.

      stderr:
        │ bad input"
    `);
  });

  test('.not fails on the error thrown', async () => {
    expect(await failureOf(async () => expect(await throwsType()).not.toThrowInScript(TypeError))).toMatchInlineSnapshot(`
      "expect(result).not.toThrowInScript(expected)

      Expected the script not to throw an instance of TypeError
      Received: [TypeError: Cannot read properties of undefined (reading 'port')]

      Traceback:
        │ config.cjs:2
        │ config.port;
        │        ^
        │
        │ TypeError: Cannot read properties of undefined (reading 'port')
        │     at Object.<anonymous> (config.cjs:2:8)"
    `);
  });

  test('a receiver that is not a RunResult is refused, and so is an expectation of another kind', async () => {
    expect(await failureOf(() => expect(new TypeError('x')).toThrowInScript(TypeError))).toMatchInlineSnapshot(`
      "expect(result).toThrowInScript(expected)

      Matcher error: received value must be a RunResult: what runAsMain, runSource, safeRunPath, safeRunModule and runInNode resolve to.

      Received: an instance of TypeError
        [TypeError: x]"
    `);
    expect(await failureOf(async () => expect(await throwsType()).toThrowInScript(42 as never))).toMatchInlineSnapshot(`
      "expect(result).toThrowInScript(expected)

      toThrowInScript needs an error class, a string or a RegExp (or nothing); received number, 42."
    `);
  });
});

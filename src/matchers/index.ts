import { toBehaveLike } from './to-behave-like.js';
import { toDefine } from './to-define.js';
import { toExitWith } from './to-exit-with.js';
import { toFail } from './to-fail.js';
import { toHaveExported } from './to-have-exported.js';
import { toHaveNamespace } from './to-have-namespace.js';
import { toHaveWrittenFile } from './to-have-written-file.js';
import { toPrint } from './to-print.js';
import { toPrintError } from './to-print-error.js';
import { toSucceed } from './to-succeed.js';
import { toThrowInScript } from './to-throw-in-script.js';

/** The matchers of SPEC §6, for `expect.extend`; `run-as-main/vitest` registers them. */
export const matchers = {
  toExitWith,
  toSucceed,
  toFail,
  toHaveNamespace,
  toDefine,
  toHaveExported,
  toPrint,
  toPrintError,
  toThrowInScript,
  toHaveWrittenFile,
  toBehaveLike,
};

export type { ErrorClass } from './to-throw-in-script.js';
export type { MatcherContext, MatcherResult } from './utils.js';

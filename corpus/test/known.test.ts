import { expect, test } from 'vitest';
import { cases as fileTools } from '../cases/file-tools.js';
import { cases as largeTools } from '../cases/large-tools.js';
import { cases as runnersTemplates } from '../cases/runners-templates.js';
import { cases as scaffolding } from '../cases/scaffolding.js';
import { cases as smallTools } from '../cases/small-tools.js';
import { cases as yamlMarkdown } from '../cases/yaml-markdown.js';
import { KNOWN_CAUSES, SWEEP_KNOWN } from '../known.js';
import { sweepEntries } from '../sweep.js';

const invocations = [...fileTools, ...largeTools, ...runnersTemplates, ...scaffolding, ...smallTools, ...yamlMarkdown];

test('every known difference names a cause, and every cause is still seen somewhere', () => {
  const used = new Set([...invocations.map((invocation) => invocation.known), ...Object.values(SWEEP_KNOWN)]);
  used.delete(undefined);
  expect([...used].filter((cause) => !(cause! in KNOWN_CAUSES))).toEqual([]);
  expect(Object.keys(KNOWN_CAUSES).filter((cause) => !used.has(cause))).toEqual([]);
});

test('every sweep entry marked known is one the sweep runs', () => {
  const entries = new Set(sweepEntries().map((entry) => entry.relative));
  expect(Object.keys(SWEEP_KNOWN).filter((relative) => !entries.has(relative))).toEqual([]);
});

test('invocations are unique per package and label', () => {
  const titles = invocations.map((invocation) => `${invocation.pkg} | ${invocation.label}`);
  expect(titles.filter((title, index) => titles.indexOf(title) !== index)).toEqual([]);
});

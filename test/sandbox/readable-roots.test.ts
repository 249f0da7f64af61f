import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { packageRootOf, ReadableRoots } from '../../src/sandbox/readable-roots.js';

const fixture = (relative: string) => fileURLToPath(new URL(`../../fixtures/fidelity/corpus/${relative}`, import.meta.url));
const nestedType = fixture('nested-type');

describe('packageRootOf', () => {
  test('a folder whose package.json only marks its type belongs to the package around it', () => {
    expect(packageRootOf(path.join(nestedType, 'dist/esm'))).toBe(nestedType);
  });

  test('a folder whose package.json names a package is that package', () => {
    expect(packageRootOf(nestedType)).toBe(nestedType);
  });

  test('a folder with no package.json stays itself', () => {
    const dist = path.join(nestedType, 'dist');
    expect(packageRootOf(dist)).toBe(dist);
  });
});

test('ReadableRoots keeps the package of what is added', () => {
  const roots = new ReadableRoots();
  roots.add(path.join(nestedType, 'dist/esm'));
  roots.add(nestedType);
  expect([...roots]).toEqual([nestedType]);
});

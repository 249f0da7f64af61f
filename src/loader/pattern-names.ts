import type { Pattern } from 'acorn';

/** Every name a binding pattern declares: `a`, `{ b, c: [d = 1, ...e] }`, `...f`. */
export function collectPatternNames(pattern: Pattern | null, names: string[]): void {
  if (!pattern) return;
  switch (pattern.type) {
    case 'Identifier':
      names.push(pattern.name);
      return;
    case 'ObjectPattern':
      for (const property of pattern.properties) {
        collectPatternNames(property.type === 'RestElement' ? property.argument : property.value, names);
      }
      return;
    case 'ArrayPattern':
      for (const element of pattern.elements) collectPatternNames(element, names);
      return;
    case 'RestElement':
      collectPatternNames(pattern.argument, names);
      return;
    case 'AssignmentPattern':
      collectPatternNames(pattern.left, names);
      return;
  }
}

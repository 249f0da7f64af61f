import { parseSync } from 'oxc-parser';
import { collectPatternNames } from './pattern-names.js';
import { type AnyNode, NeedsTransform, refuse, StripEdits } from './strip-edits.js';

/**
 * TypeScript that is JavaScript plus types, stripped in place: every type, type-only declaration
 * and TypeScript-only modifier becomes spaces, line breaks kept, so the code that runs has the
 * source's lines and columns. A debugger's breakpoint set by line on the `.ts` file before it runs
 * lands where the user put it (no source map reaches a debugger for `vm.compileFunction` code), and
 * coverage's columns need no map. Used when a debugger is expected or coverage is on
 * (compile.ts): an AST of TypeScript costs several times oxc-transform's whole transform.
 *
 * What a strip cannot do is left to the transform (transform-ts.ts), which rewrites the file:
 * enums, namespaces, parameter properties, decorators, `import x = require()`, `export =`, JSX,
 * an arrow function whose return type puts a line break before `=>`, an import whose name is also
 * declared in the file (only scopes would tell whether the import is used as a value), and a type
 * after an expression that a next line starting with `(`, `[`, `` ` ``, `+`, `-` or `/` would
 * continue once the type is gone. Imports follow TypeScript's elision as the transform does it: an
 * import never used as a value is removed (its module not loaded), and so is an export of a type.
 */

const STRIPPABLE = /\.[cm]?ts$/;
/**
 * What surely needs the transform, found without parsing: parsing TypeScript into an AST costs
 * several times the transform itself, so a file with an enum, a namespace, a decorator at the
 * start of a line, `import x =`, `export =` or a parameter property goes to the transform at once
 * (`declare`d enums and modules are types: they are stripped)
 * (a word in a comment or string only sends a file there too, which costs its positions).
 */
const SURELY_TRANSFORMED =
  /(?<!\bdeclare\s+(?:const\s+)?)\benum\s+[\p{ID_Start}$_]|(?<!\bdeclare\s+)\b(?:namespace|module)\s+[\p{ID_Start}$_'"]|^\s*@[\p{ID_Start}$_]|\bimport\s+[\p{ID_Start}$_][\p{ID_Continue}$]*\s*=[^=>]|\bexport\s*=[^=>]|\bconstructor\s*\([^)]*\b(?:public|private|protected|readonly|override)\s/mu;
const TYPE_FIELDS = ['typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'superTypeArguments'];


class Stripper extends StripEdits {
  /** Imported local name → its specifier node and declaration. */
  private readonly imports = new Map<string, { specifier: AnyNode; declaration: AnyNode }>();
  /** Names used as values (over-counted: any identifier outside types, keys and members). */
  private readonly values = new Set<string>();
  /** Names declared by the file itself (variables, functions, classes, parameters). */
  private readonly declared = new Set<string>();
  /** Names declared only as types (interfaces, type aliases). */
  private readonly typeNames = new Set<string>();
  private readonly exportSpecifiers: { specifier: AnyNode; declaration: AnyNode }[] = [];
  private readonly importDeclarations: AnyNode[] = [];

  run(program: AnyNode): string {
    for (const statement of program.body as AnyNode[]) this.statement(statement);
    this.elideImports();
    this.elideExports();
    return this.out.join('');
  }

  // --- statements -----------------------------------------------------------------------------

  private statement(node: AnyNode): undefined {
    switch (node.type) {
      case 'ImportDeclaration':
        return this.importDeclaration(node);
      case 'ExportNamedDeclaration':
        return this.exportNamed(node);
      case 'ExportDefaultDeclaration': {
        const declaration = node.declaration as AnyNode;
        if (declaration.type === 'TSInterfaceDeclaration' || declaration.type === 'TSDeclareFunction') return this.remove(node);
        return this.walk(declaration);
      }
      case 'ExportAllDeclaration':
        if (node.exportKind === 'type') return this.remove(node);
        return;
      default:
        return this.isTypesOnly(node) ? this.remove(node) : this.walk(node);
    }
  }

  /**
   * Whether a declaration is made of types alone, to be removed (a type's name is noted), or
   * JavaScript to walk; one only the transform can rewrite (an enum, a namespace, `import x =`,
   * `export =`) is refused.
   */
  private isTypesOnly(declaration: AnyNode): boolean {
    switch (declaration.type) {
      case 'TSInterfaceDeclaration':
      case 'TSTypeAliasDeclaration':
        this.typeNames.add(declaration.id.name);
        return true;
      case 'TSDeclareFunction':
        return true;
      case 'TSEnumDeclaration':
      case 'TSModuleDeclaration':
        return declaration.declare || declaration.kind === 'global' || refuse();
      case 'TSImportEqualsDeclaration':
      case 'TSExportAssignment':
      case 'TSNamespaceExportDeclaration':
        return refuse();
      default:
        return declaration.declare === true;
    }
  }

  private importDeclaration(node: AnyNode): undefined {
    if (node.importKind === 'type') return this.remove(node);
    this.importDeclarations.push(node);
    for (const specifier of node.specifiers as AnyNode[]) {
      if (specifier.importKind !== 'type') this.imports.set(specifier.local.name, { specifier, declaration: node });
    }
  }

  private exportNamed(node: AnyNode): undefined {
    if (node.exportKind === 'type') return this.remove(node);
    const declaration = node.declaration as AnyNode | null;
    if (declaration) return this.isTypesOnly(declaration) ? this.remove(node) : this.walk(declaration);
    for (const specifier of node.specifiers as AnyNode[]) {
      if (specifier.exportKind === 'type') this.removeListItem(specifier);
      else if (!node.source) {
        this.exportSpecifiers.push({ specifier, declaration: node });
        this.values.add(specifier.local.name);
      }
    }
  }

  /** TypeScript's elision: an import none of whose names is a value goes, with its module. */
  private elideImports(): undefined {
    for (const declaration of this.importDeclarations) {
      const specifiers = declaration.specifiers as AnyNode[];
      const removed = specifiers.filter((specifier) => {
        if (specifier.importKind === 'type') return true;
        const name = specifier.local.name as string;
        if (this.declared.has(name)) refuse(); // shadowed somewhere: only scopes could tell
        if (this.values.has(name)) return false;
        this.typeNames.add(name);
        return true;
      });
      if (removed.length === 0) continue;
      if (removed.length === specifiers.length) this.remove(declaration);
      else for (const specifier of removed) this.removeListItem(specifier);
    }
  }

  /** `export { T }` of a type: the name goes; the declaration with it when it named types only. */
  private elideExports(): undefined {
    const byDeclaration = new Map<AnyNode, AnyNode[]>();
    for (const { specifier, declaration } of this.exportSpecifiers) {
      const name = specifier.local.name;
      if (!this.typeNames.has(name) || this.declared.has(name)) continue;
      const list = byDeclaration.get(declaration) ?? [];
      list.push(specifier);
      byDeclaration.set(declaration, list);
    }
    for (const [declaration, specifiers] of byDeclaration) {
      if (specifiers.length === declaration.specifiers.length) this.remove(declaration);
      else for (const specifier of specifiers) this.removeListItem(specifier);
    }
  }

  // --- everything else ------------------------------------------------------------------------

  private walk(node: AnyNode | null | undefined): undefined {
    if (!node || typeof node.type !== 'string') return;
    if (node.decorators?.length) refuse();
    switch (node.type) {
      case 'Identifier':
        this.values.add(node.name);
        return;
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
        this.walk(node.expression);
        return this.removeTail(node.expression.end, node.end);
      case 'TSNonNullExpression':
        this.walk(node.expression);
        return this.removeTail(this.source.lastIndexOf('!', node.end - 1), node.end);
      case 'TSTypeAssertion':
        this.blank(node.start, node.expression.start);
        return this.walk(node.expression);
      case 'TSInstantiationExpression':
        this.walk(node.expression);
        return this.removeTail(node.expression.end, node.end);
      case 'TSParameterProperty':
      case 'TSEnumDeclaration':
      case 'TSModuleDeclaration':
      case 'TSImportEqualsDeclaration':
      case 'JSXElement':
      case 'JSXFragment':
        return refuse();
      case 'TSInterfaceDeclaration':
      case 'TSTypeAliasDeclaration':
        this.typeNames.add(node.id.name);
        return this.remove(node);
      case 'TSDeclareFunction':
        return this.remove(node);
      case 'MemberExpression':
        this.walk(node.object);
        if (node.computed) this.walk(node.property);
        return;
      case 'Property':
        if (node.computed) this.walk(node.key);
        return this.walk(node.value);
      case 'LabeledStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
        return this.walk(node.body);
      case 'MetaProperty':
        return;
      case 'ClassDeclaration':
      case 'ClassExpression':
        return this.classNode(node);
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return this.functionNode(node);
      case 'VariableDeclarator':
        this.declare(node.id);
        if (node.definite) this.blankMark(node.id.start + node.id.name.length, node.id.end, '!');
        this.pattern(node.id);
        return this.walk(node.init);
      case 'CatchClause':
        if (node.param) {
          this.declare(node.param);
          this.pattern(node.param);
        }
        return this.walk(node.body);
      case 'VariableDeclaration':
        if (node.declare) return this.remove(node);
        break;
    }
    this.types(node);
    for (const key of Object.keys(node)) {
      if (key === 'type' || key === 'start' || key === 'end' || TYPE_FIELDS.includes(key)) continue;
      const child = node[key];
      if (Array.isArray(child)) for (const item of child) this.walk(item);
      else if (child && typeof child.type === 'string') this.walk(child);
    }
  }

  /** The names a binding pattern declares, noted as the file's own. */
  private declare(pattern: AnyNode): undefined {
    const names: string[] = [];
    collectPatternNames(pattern as never, names);
    for (const name of names) this.declared.add(name);
  }

  /** The type annotations and type parameters of a node, gone. */
  private types(node: AnyNode): undefined {
    for (const field of TYPE_FIELDS) {
      const child = node[field] as AnyNode | null | undefined;
      if (child && typeof child.type === 'string') this.blank(child.start, child.end);
    }
  }

  /** A binding pattern: its names' types and `?` gone, defaults walked. */
  private pattern(node: AnyNode | null): undefined {
    if (!node) return;
    switch (node.type) {
      case 'Identifier':
        if (node.optional) this.blankMark(node.start + node.name.length, node.end, '?');
        return this.types(node);
      case 'AssignmentPattern':
        this.pattern(node.left);
        return this.walk(node.right);
      case 'ArrayPattern':
        for (const element of node.elements) this.pattern(element);
        return this.types(node);
      case 'ObjectPattern':
        for (const property of node.properties) {
          if (property.type === 'RestElement') this.pattern(property);
          else {
            if (property.computed) this.walk(property.key);
            this.pattern(property.value);
          }
        }
        return this.types(node);
      case 'RestElement':
        this.pattern(node.argument);
        return this.types(node);
      case 'TSParameterProperty':
        return refuse();
      default:
        return this.walk(node);
    }
  }

  private functionNode(node: AnyNode): undefined {
    if (node.id) this.declared.add(node.id.name);
    if (node.typeParameters) this.blank(node.typeParameters.start, node.typeParameters.end);
    const params = node.params as AnyNode[];
    for (const param of params) {
      if (param.type === 'Identifier' && param.name === 'this') {
        this.removeListItem(param);
        continue;
      }
      if (param.type === 'TSParameterProperty') refuse();
      this.declare(param);
      this.pattern(param);
    }
    if (node.returnType) {
      if (node.type === 'ArrowFunctionExpression' && /[\n\r\u2028\u2029]/.test(this.source.slice(node.returnType.start, node.body.start))) {
        refuse(); // `=>` may not start a line
      }
      this.blank(node.returnType.start, node.returnType.end);
    }
    this.walk(node.body);
  }

  private classNode(node: AnyNode): undefined {
    if (node.id) this.declared.add(node.id.name);
    if (node.abstract) this.blankModifiers(node.start, node.id ? node.id.start : node.body.start);
    if (node.typeParameters) this.blank(node.typeParameters.start, node.typeParameters.end);
    if (node.superTypeArguments) this.blank(node.superTypeArguments.start, node.superTypeArguments.end);
    this.walk(node.superClass);
    const implemented = node.implements as AnyNode[] | undefined;
    if (implemented?.length) {
      const keyword = this.source.lastIndexOf('implements', implemented[0]!.start);
      this.blank(keyword, implemented[implemented.length - 1]!.end);
    }
    for (const member of node.body.body as AnyNode[]) this.member(member);
  }

  private member(member: AnyNode): undefined {
    if (member.decorators?.length) refuse();
    switch (member.type) {
      case 'TSIndexSignature':
      case 'TSAbstractMethodDefinition':
      case 'TSAbstractPropertyDefinition':
      case 'TSAbstractAccessorProperty':
        return this.remove(member);
      case 'MethodDefinition': {
        if (member.value.type === 'TSEmptyBodyFunctionExpression' || member.value.body === null) return this.remove(member);
        this.blankModifiers(member.start, member.key.start);
        if (member.computed) this.walk(member.key);
        if (member.optional) this.blankMark(member.key.end, member.value.start, '?');
        if (member.kind === 'constructor' && member.value.params.some((p: AnyNode) => p.type === 'TSParameterProperty')) refuse();
        return this.functionNode(member.value);
      }
      case 'PropertyDefinition':
      case 'AccessorProperty': {
        if (member.declare) return this.remove(member);
        this.blankModifiers(member.start, member.key.start);
        if (member.computed) this.walk(member.key);
        const typeStart = member.typeAnnotation?.start ?? member.value?.start ?? member.end;
        if (member.optional) this.blankMark(member.key.end, typeStart, '?');
        if (member.definite) this.blankMark(member.key.end, typeStart, '!');
        this.types(member);
        return this.walk(member.value);
      }
      default:
        return this.walk(member);
    }
  }
}

/**
 * Whether a debugger may be attached to this process, read once: Node started with `--inspect`
 * (or `--inspect-brk`, `--inspect-wait`, in its arguments or NODE_OPTIONS), VS Code's JavaScript
 * Debug Terminal (VSCODE_INSPECTOR_OPTIONS), or RUN_AS_MAIN_STRIP_TYPES=1 for a debugger that
 * attaches otherwise. Only then is TypeScript stripped in place: parsing it into an AST costs
 * several times the transform, which a process's first run would pay.
 */
export const debuggerExpected: boolean =
  process.execArgv.some((arg) => /^--inspect(?:-brk|-wait)?(?:=|$)/.test(arg)) ||
  /(?:^|\s)--inspect(?:-brk|-wait)?(?:=|\s|$)/.test(process.env.NODE_OPTIONS ?? '') ||
  process.env.VSCODE_INSPECTOR_OPTIONS !== undefined ||
  process.env.RUN_AS_MAIN_STRIP_TYPES === '1';

/**
 * The file stripped of its types in place, or undefined when it needs the transform (see the
 * module's description) or does not parse (the transform reports the error).
 */
export function stripTypeScript(filename: string, source: string, format: 'commonjs' | 'module' | 'ambiguous' | undefined): string | undefined {
  if (!STRIPPABLE.test(filename) || SURELY_TRANSFORMED.test(source)) return undefined;
  const result = parseSync(filename, source, {
    lang: 'ts',
    sourceType: format === 'commonjs' ? 'commonjs' : format === 'module' ? 'module' : 'unambiguous',
    preserveParens: true,
  });
  if (result.errors.length > 0) return undefined;
  try {
    return new Stripper(source, format !== 'commonjs' && format !== 'module').run(result.program as unknown as AnyNode);
  } catch (error) {
    if (error instanceof NeedsTransform) return undefined;
    throw error;
  }
}


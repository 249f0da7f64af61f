import type {
  AnyNode,
  ArrowFunctionExpression,
  ClassDeclaration,
  ClassExpression,
  ExportDefaultDeclaration,
  ExportNamedDeclaration,
  FunctionDeclaration,
  FunctionExpression,
  Identifier,
  ImportAttribute,
  ImportDeclaration,
  Literal,
  Pattern,
  Program,
} from 'acorn';
import MagicString from 'magic-string';
import { parseJavaScript } from './parse.js';
import { collectPatternNames } from './pattern-names.js';
import { CAPTURE_FUNCTION, DYNAMIC_IMPORT_CALL, LOCAL_PREFIX, RUNTIME, RUNTIME_MEMBER } from './runtime-names.js';
import { TokenOffsets } from './token-offsets.js';
import type { SourceMapV3 } from '../traceback/source-maps.js';

/** What the ESM loader needs to link and run one module compiled by {@link transformEsm}. */
export interface EsmTransformResult {
  /** The body of a strict function of one parameter, `__rm`; line 1 is an added header. */
  code: string;
  /**
   * A v3 source map from `code` back to the input: `code` includes the header, so code line 2 is
   * source line 1 (with `lineOffset: -1`, add 1 to V8's line before a lookup). Built on first read.
   */
  map: SourceMapV3;
  /** Static dependencies, deduplicated by specifier and attributes, in first-appearance order: index i is `__rm.d[i]`. */
  imports: { specifier: string; attributes: Record<string, string> }[];
  /** Indexes into `imports` of `export * from` (not `export * as ns from`). */
  starExports: number[];
  /**
   * Export names known statically (not those brought in by `export *`), `default` included: the
   * getters `__rm.x` receives are in this order.
   */
  exportNames: string[];
  /** A top-level `await` (or `for await`, `await using`): compile the body as an async function. */
  hasTopLevelAwait: boolean;
  /**
   * Source offsets of the top-level `await`s (`await x` runs as `await __rm.w(i, x)`, `w` returning
   * `x`), so that the loader can name the one that never settles, as Node does.
   */
  topLevelAwaits: number[];
  /** Every top-level binding of the module, imported local names included, in source order. */
  topLevelNames: string[];
  /** Imported local name → the expression the code reads it through (`process` → `__rm$0.default`). */
  importedNames: ReadonlyMap<string, string>;
}

export interface EsmTransformOptions {
  /** Append `__rm$capture()`, handed to `__rm.c` in the header, which snapshots every top-level binding. */
  capture?: boolean;
  /** Free variables the module sees from outside (initGlobals): the capture reads them too. */
  freeNames?: readonly string[];
}

/** The local binding of `export default <expression>` and of anonymous default declarations. */
const DEFAULT_BINDING = `${LOCAL_PREFIX}d`;
/** `export default` is 14 characters: so is this, so the expression keeps its columns. */
const DEFAULT_CONST = `const ${DEFAULT_BINDING} =`;
/** Anonymous functions and classes get their name `default` through an object key, as in Node. */
const DEFAULT_WRAP_OPEN = `const ${DEFAULT_BINDING}=({default:`;
const DEFAULT_WRAP_CLOSE = '}).default';

const NAMESPACE_READ = new RegExp(`^${LOCAL_PREFIX.replace('$', '\\$')}\\d+$`);
/** The capture's object of bindings. */
const CAPTURED = `${LOCAL_PREFIX}o`;
const LINE_BREAK = /[\n\r\u2028\u2029]/;
const NOT_LINE_BREAK = /[^\n\r\u2028\u2029]/g;
const IDENTIFIER_NAME = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;

interface Scope {
  parent: Scope | null;
  /** Names declared here that are also imported names: the only declarations that matter below the module. */
  names: Set<string> | null;
  /** Where `var` lands: a function body, a static block or the module. */
  vars: boolean;
}

interface Reference {
  id: Identifier;
  scope: Scope;
  /** The callee of a call or the tag of a template: must not receive the namespace as `this`. */
  call: boolean;
  /** The value of a shorthand property `{ b }`: the key must be spelled out. */
  shorthand: boolean;
}

type FunctionNode =
  | FunctionDeclaration
  | FunctionExpression
  | ArrowFunctionExpression
  | (Omit<FunctionDeclaration, 'id'> & { id: null });

/**
 * Turns an ES module into the body of a plain function so that it can be evaluated afresh on
 * every run. The function is strict, takes `__rm` and is called with `this` undefined:
 * - `__rm.d[i]`: the namespace object of `imports[i]`; imported names read it on every use (live);
 * - `__rm.x(...getters)`: called once by the header with a getter `() => value` per export name,
 *   in the order of `exportNames` (arguments, not an object literal: see CONTRIBUTING.md, "Objects
 *   made per run"; V8 allows 65 535 arguments, so as many exports per module);
 * - `__rm.m`: `import.meta`; `__rm.i(specifier, options?)`: `import()`;
 * - `__rm.c(capture)`: with `capture`, called by the header with the namespace snapshot function;
 * - `__rm.w(i, value)`: wraps the operand of the i-th top-level `await`; returns `value`.
 * The header (line 1) only binds `__rm.d[i]` and calls `__rm.c`/`__rm.x`: it may run before the
 * dependencies have (a loader can yield after it to link cycles). Lines are kept, and columns
 * too except after a rewritten reference to an imported name or an anonymous default class or
 * expression. Top-level names starting with `__rm` are reserved.
 *
 * @example
 * const { code, imports } = transformEsm(source, '/app/main.mjs');
 * const fn = vm.compileFunction(code, ['__rm'], { filename: '/app/main.mjs', lineOffset: -1 });
 *
 * It does not resolve or load anything, does not check that imported names exist, and throws
 * acorn's SyntaxError (with `.loc`) for input that does not parse.
 */
export function transformEsm(
  source: string,
  filename: string,
  options: EsmTransformOptions = {},
): EsmTransformResult {
  const program = parseJavaScript(source, 'module');
  return new EsmTransformer(source, filename, program).run(options.capture === true, options.freeNames ?? []);
}

class EsmTransformer {
  private readonly s: MagicString;
  private readonly module: Scope = { parent: null, names: null, vars: true };
  private readonly imports: EsmTransformResult['imports'] = [];
  private readonly importIndex = new Map<string, number>();
  private readonly starExports: number[] = [];
  private readonly exportNames: string[] = [];
  private readonly getters: string[] = [];
  private readonly topLevel = new Set<string>();
  /** Imported local name → the expression that reads it (`__rm$0.a`, `__rm$1`). */
  private readonly imported = new Map<string, string>();
  private readonly references: Reference[] = [];
  private functionDepth = 0;
  private hasTopLevelAwait = false;
  private readonly topLevelAwaits: number[] = [];
  /** Where the expression statements of statement lists start. */
  private readonly statementStarts = new Set<number>();
  private anonymousDefaultFunction = false;
  private readonly importWords: TokenOffsets;
  private readonly awaitWords: TokenOffsets;

  constructor(
    private readonly source: string,
    private readonly filename: string,
    private readonly program: Program,
  ) {
    this.s = new MagicString(source);
    this.importWords = new TokenOffsets(source, 'import');
    this.awaitWords = new TokenOffsets(source, 'await');
  }

  run(capture: boolean, freeNames: readonly string[]): EsmTransformResult {
    const { s, source } = this;
    if (source.startsWith('#!')) s.update(0, 2, '//');
    // Imports are hoisted: know every imported name before the first reference is met.
    for (const node of this.program.body) {
      if (node.type === 'ImportDeclaration') this.collectImport(node);
      else if ((node.type === 'ExportNamedDeclaration' && node.source) || node.type === 'ExportAllDeclaration') {
        this.addImport(node.source!, node.attributes);
      }
    }
    for (const node of this.program.body) {
      if (node.type === 'ExpressionStatement') this.statementStarts.add(node.start);
      this.visitTopLevel(node);
    }
    this.rewriteReferences();

    let header = '"use strict";';
    // A call, as in the CommonJS transform: the loader decides whether the capture is kept.
    if (capture) header += `${RUNTIME}.${RUNTIME_MEMBER.capture}(${CAPTURE_FUNCTION});`;
    for (let i = 0; i < this.imports.length; i++) header += `const ${LOCAL_PREFIX}${i}=${RUNTIME}.${RUNTIME_MEMBER.imports}[${i}];`;
    if (this.anonymousDefaultFunction) {
      // A module may declare its own `Object`; the header shares its scope.
      const object = this.topLevel.has('Object') ? '({}).constructor' : 'Object';
      header += `${object}.defineProperty(${DEFAULT_BINDING},"name",{value:"default"});`;
    }
    header += `${RUNTIME}.${RUNTIME_MEMBER.exports}(${this.getters.join(',')});`;
    s.prepend(`${header}\n`);
    if (capture) s.append(`\n${this.captureFunction(freeNames)}`);

    // The map is a third of the cost of the transform and is read only to map a stack trace:
    // build it on first read, then let go of the MagicString.
    const filename = this.filename;
    let edits: MagicString | null = s;
    let map: SourceMapV3 | null = null;
    return {
      code: s.toString(),
      get map(): SourceMapV3 {
        if (map === null) {
          const generated = edits!.generateMap({ hires: true, includeContent: false, source: filename });
          map = { version: 3, sources: generated.sources, names: generated.names, mappings: generated.mappings };
          edits = null;
        }
        return map;
      },
      imports: this.imports,
      starExports: this.starExports,
      exportNames: this.exportNames,
      hasTopLevelAwait: this.hasTopLevelAwait,
      topLevelAwaits: this.topLevelAwaits,
      topLevelNames: [...this.topLevel],
      importedNames: this.imported,
    };
  }

  // --- module declarations -------------------------------------------------------------------

  private addImport(source: Literal, attributeNodes: ImportAttribute[]): number {
    const specifier = String(source.value);
    const attributes: Record<string, string> = {};
    for (const attribute of attributeNodes) attributes[nameOf(attribute.key)] = String(attribute.value.value);
    const key =
      attributeNodes.length === 0
        ? specifier
        : `${specifier}\0${JSON.stringify(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : 1)))}`;
    let index = this.importIndex.get(key);
    if (index === undefined) {
      index = this.imports.length;
      this.imports.push({ specifier, attributes });
      this.importIndex.set(key, index);
    }
    return index;
  }

  private collectImport(node: ImportDeclaration): void {
    const namespace = `${LOCAL_PREFIX}${this.addImport(node.source, node.attributes)}`;
    for (const specifier of node.specifiers) {
      const read =
        specifier.type === 'ImportNamespaceSpecifier'
          ? namespace
          : namespace + access(specifier.type === 'ImportDefaultSpecifier' ? 'default' : nameOf(specifier.imported));
      this.imported.set(specifier.local.name, read);
    }
  }

  private visitTopLevel(node: AnyNode): void {
    switch (node.type) {
      case 'ImportDeclaration':
        for (const specifier of node.specifiers) this.topLevel.add(specifier.local.name);
        this.removeStatement(node);
        return;
      case 'ExportNamedDeclaration':
        this.visitExportNamed(node);
        return;
      case 'ExportDefaultDeclaration':
        this.visitExportDefault(node);
        return;
      case 'ExportAllDeclaration': {
        const index = this.addImport(node.source, node.attributes);
        if (node.exported) this.addExport(nameOf(node.exported), `${LOCAL_PREFIX}${index}`);
        else this.starExports.push(index);
        this.removeStatement(node);
        return;
      }
      default:
        this.visit(node, this.module);
    }
  }

  private visitExportNamed(node: ExportNamedDeclaration): void {
    const { declaration } = node;
    if (declaration) {
      this.blank(node.start, declaration.start);
      const names: string[] = [];
      if (declaration.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) collectPatternNames(declarator.id, names);
      } else {
        names.push(declaration.id.name);
      }
      for (const name of names) this.addExport(name, name);
      this.visit(declaration, this.module);
      return;
    }
    const from = node.source ? `${LOCAL_PREFIX}${this.addImport(node.source, node.attributes)}` : null;
    for (const specifier of node.specifiers) {
      const local = nameOf(specifier.local);
      const read = from === null ? (this.imported.get(local) ?? local) : from + access(local);
      this.addExport(nameOf(specifier.exported), read);
    }
    this.removeStatement(node);
  }

  private visitExportDefault(node: ExportDefaultDeclaration): void {
    const declaration = node.declaration;
    if (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') {
      if (declaration.id) {
        this.blank(node.start, declaration.start);
        this.addExport('default', declaration.id.name);
        this.visit(declaration, this.module);
        return;
      }
      if (declaration.type === 'FunctionDeclaration') {
        this.nameDefaultFunction(node.start, declaration);
        return;
      }
    }
    this.addExport('default', DEFAULT_BINDING);
    // Only the keywords are replaced: the expression may start with a `(` of its own.
    const keywordsEnd = skipTrivia(this.source, node.start + 'export'.length) + 'default'.length;
    const keywords = this.source.slice(node.start, keywordsEnd);
    if (isAnonymousFunctionDefinition(declaration)) {
      this.s.update(node.start, keywordsEnd, fitText(DEFAULT_WRAP_OPEN, keywords));
      if (this.source.charCodeAt(node.end - 1) === 59 /* ; */) this.s.appendLeft(node.end - 1, DEFAULT_WRAP_CLOSE);
      else this.s.appendLeft(node.end, `${DEFAULT_WRAP_CLOSE};`);
    } else {
      this.s.update(node.start, keywordsEnd, fitText(DEFAULT_CONST, keywords));
    }
    if (declaration.type === 'ClassDeclaration') this.visitClass(declaration, this.module);
    else this.visit(declaration, this.module);
  }

  /** `export default function () {}` stays a hoisted declaration, named `__rm$d`; its `name` is fixed in the header. */
  private nameDefaultFunction(start: number, declaration: FunctionNode): void {
    const { source } = this;
    let at = declaration.start;
    if (declaration.async) at = skipTrivia(source, at + 5);
    at = skipTrivia(source, at + 8);
    if (declaration.generator) at = skipTrivia(source, at + 1);
    const name = ` ${DEFAULT_BINDING}`;
    const prefix = source.slice(start, declaration.start);
    // Give back the width of `export default ` so that the rest of the line keeps its columns.
    if (!LINE_BREAK.test(source.slice(start, at)) && prefix.length >= name.length) {
      this.s.update(start, declaration.start, ' '.repeat(prefix.length - name.length));
    } else {
      this.blank(start, declaration.start);
    }
    this.s.appendLeft(at, name);
    this.anonymousDefaultFunction = true;
    this.addExport('default', DEFAULT_BINDING);
    this.visitFunction(declaration, this.module);
  }

  private addExport(name: string, read: string): void {
    this.exportNames.push(name);
    this.getters.push(`()=>${read}`);
  }

  /** Blanks a module-level statement, keeping its lines; the `;` ends a previous statement that relied on ASI. */
  private removeStatement(node: AnyNode): void {
    this.s.update(node.start, node.end, `;${blankText(this.source.slice(node.start + 1, node.end))}`);
  }

  private blank(start: number, end: number): void {
    if (end > start) this.s.update(start, end, blankText(this.source.slice(start, end)));
  }

  // --- scopes and references -----------------------------------------------------------------

  private declare(name: string, scope: Scope): void {
    if (scope === this.module) this.topLevel.add(name);
    else if (this.imported.has(name)) (scope.names ??= new Set()).add(name);
  }

  /** Declares the names bound by a pattern in `target`; default values and computed keys are read in `scope`. */
  private declarePattern(pattern: Pattern, target: Scope, scope: Scope): void {
    switch (pattern.type) {
      case 'Identifier':
        this.declare(pattern.name, target);
        return;
      case 'ObjectPattern':
        for (const property of pattern.properties) {
          if (property.type === 'RestElement') {
            this.declarePattern(property.argument, target, scope);
          } else {
            if (property.computed) this.visit(property.key, scope);
            this.declarePattern(property.value, target, scope);
          }
        }
        return;
      case 'ArrayPattern':
        for (const element of pattern.elements) if (element) this.declarePattern(element, target, scope);
        return;
      case 'RestElement':
        this.declarePattern(pattern.argument, target, scope);
        return;
      case 'AssignmentPattern':
        this.declarePattern(pattern.left, target, scope);
        this.visit(pattern.right, scope);
        return;
      case 'MemberExpression':
        this.visit(pattern, scope);
        return;
    }
  }

  private reference(id: Identifier, scope: Scope, call: boolean, shorthand: boolean): void {
    if (this.imported.has(id.name)) this.references.push({ id, scope, call, shorthand });
  }

  private rewriteReferences(): void {
    for (const { id, scope, call, shorthand } of this.references) {
      let shadowed = false;
      for (let s: Scope | null = scope; s !== null && s !== this.module; s = s.parent) {
        if (s.names?.has(id.name)) {
          shadowed = true;
          break;
        }
      }
      if (shadowed) continue;
      let read = this.imported.get(id.name)!;
      let end = id.end;
      // `b()` must not call with the namespace as `this`; a namespace itself is no member.
      if (call && !NAMESPACE_READ.test(read)) {
        read = `(0,${read})`;
        // A statement of its own that starts with `(` would continue one before it that relied
        // on ASI (`x = a` ⏎ `b()`): an empty statement ends it first.
        if (this.statementStarts.has(id.start)) read = `;${read}`;
        // V8 places such a call at its `(`, node at the callee: with the `(` in the edit, its
        // position maps back to the callee's (stack traces show node's column).
        if (this.source.charCodeAt(end) === 40 /* ( */) {
          read += '(';
          end++;
        }
      }
      if (shorthand) read = `${id.name}:${read}`;
      this.s.update(id.start, end, read);
    }
  }

  /**
   * Whether a subtree can be left unvisited: with nothing imported, all a walk finds below the
   * module's own statements is `import.meta`, `import()` and, outside functions, top-level
   * `await`; a subtree whose text has no `import` (nor `await`, where it counts) has none. Most of
   * a module's code is in functions and data literals: this is most of a first run's walk.
   */
  private nothingToRewriteIn(node: AnyNode, awaitCounts: boolean): boolean {
    return (
      this.imported.size === 0 &&
      !this.importWords.within(node.start, node.end) &&
      !(awaitCounts && this.awaitWords.within(node.start, node.end))
    );
  }

  private visitFunction(fn: FunctionNode, scope: Scope): void {
    if (this.nothingToRewriteIn(fn as AnyNode, false)) return;
    this.functionDepth++;
    const params: Scope = { parent: scope, names: null, vars: false };
    if (fn.type === 'FunctionExpression' && fn.id) this.declare(fn.id.name, params);
    for (const param of fn.params) this.declarePattern(param, params, params);
    if (fn.body.type === 'BlockStatement') {
      const body: Scope = { parent: params, names: null, vars: true };
      this.visitStatements(fn.body.body, body);
    } else {
      this.visit(fn.body, params);
    }
    this.functionDepth--;
  }

  private visitClass(node: ClassDeclaration | ClassExpression | (Omit<ClassDeclaration, 'id'> & { id: null }), scope: Scope): void {
    // A computed key or the heritage runs in the module's scope: it may hold a top-level await.
    if (this.nothingToRewriteIn(node as AnyNode, true)) return;
    let inner = scope;
    if (node.type === 'ClassExpression' && node.id) {
      inner = { parent: scope, names: null, vars: false };
      this.declare(node.id.name, inner);
    }
    if (node.superClass) this.visit(node.superClass, inner);
    for (const element of node.body.body) {
      if (element.type === 'StaticBlock') {
        this.functionDepth++;
        const block: Scope = { parent: inner, names: null, vars: true };
        this.visitStatements(element.body, block);
        this.functionDepth--;
        continue;
      }
      if (element.computed) this.visit(element.key, inner);
      if (element.type === 'MethodDefinition') {
        this.visitFunction(element.value, inner);
      } else if (element.value) {
        this.functionDepth++;
        this.visit(element.value, inner);
        this.functionDepth--;
      }
    }
  }

  private varScope(scope: Scope): Scope {
    let s = scope;
    while (!s.vars) s = s.parent!;
    return s;
  }

  /** A list of statements (a body, a block, a case): where each may need an ASI guard. */
  private visitStatements(statements: AnyNode[], scope: Scope): void {
    for (const statement of statements) {
      if (statement.type === 'ExpressionStatement') this.statementStarts.add(statement.start);
      this.visit(statement, scope);
    }
  }

  private visit(node: AnyNode, scope: Scope): void {
    // An expression declares nothing the module sees.
    if (node.type.endsWith('Expression') && this.nothingToRewriteIn(node, true)) return;
    switch (node.type) {
      case 'Identifier':
        this.reference(node, scope, false, false);
        return;
      case 'Literal':
      case 'ThisExpression':
      case 'Super':
      case 'EmptyStatement':
      case 'DebuggerStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'TemplateElement':
      case 'PrivateIdentifier':
        return;
      case 'ExpressionStatement':
        this.visit(node.expression, scope);
        return;
      case 'BlockStatement':
        this.visitStatements(node.body, { parent: scope, names: null, vars: false });
        return;
      case 'VariableDeclaration': {
        if (node.kind === 'await using' && this.functionDepth === 0) this.hasTopLevelAwait = true;
        const target = node.kind === 'var' ? this.varScope(scope) : scope;
        for (const declarator of node.declarations) {
          this.declarePattern(declarator.id, target, scope);
          if (declarator.init) this.visit(declarator.init, scope);
        }
        return;
      }
      case 'FunctionDeclaration':
        if (node.id) this.declare(node.id.name, scope);
        this.visitFunction(node, scope);
        return;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        this.visitFunction(node, scope);
        return;
      case 'ClassDeclaration':
        if (node.id) this.declare(node.id.name, scope);
        this.visitClass(node, scope);
        return;
      case 'ClassExpression':
        this.visitClass(node, scope);
        return;
      case 'AwaitExpression':
        if (this.functionDepth === 0) {
          this.hasTopLevelAwait = true;
          // `await __rm.w(i, x)`: the loader knows which await a module is suspended at, to name
          // it as Node does when it never settles.
          this.s.appendLeft(node.argument.start, `${RUNTIME}.${RUNTIME_MEMBER.topLevelAwait}(${this.topLevelAwaits.length},`);
          this.s.appendRight(node.argument.end, ')');
          this.topLevelAwaits.push(node.start);
        }
        this.visit(node.argument, scope);
        return;
      case 'ReturnStatement':
      case 'YieldExpression':
        if (node.argument) this.visit(node.argument, scope);
        return;
      case 'ThrowStatement':
      case 'SpreadElement':
      case 'UnaryExpression':
      case 'UpdateExpression':
      case 'RestElement':
        this.visit(node.argument, scope);
        return;
      case 'LabeledStatement':
        this.visit(node.body, scope);
        return;
      case 'IfStatement':
      case 'ConditionalExpression':
        this.visit(node.test, scope);
        this.visit(node.consequent, scope);
        if (node.alternate) this.visit(node.alternate, scope);
        return;
      case 'SwitchStatement': {
        this.visit(node.discriminant, scope);
        const block: Scope = { parent: scope, names: null, vars: false };
        for (const switchCase of node.cases) {
          if (switchCase.test) this.visit(switchCase.test, block);
          this.visitStatements(switchCase.consequent, block);
        }
        return;
      }
      case 'TryStatement':
        this.visit(node.block, scope);
        if (node.handler) {
          const clause: Scope = { parent: scope, names: null, vars: false };
          if (node.handler.param) this.declarePattern(node.handler.param, clause, clause);
          this.visit(node.handler.body, clause);
        }
        if (node.finalizer) this.visit(node.finalizer, scope);
        return;
      case 'WhileStatement':
      case 'DoWhileStatement':
        this.visit(node.test, scope);
        this.visit(node.body, scope);
        return;
      case 'ForStatement': {
        const head: Scope = { parent: scope, names: null, vars: false };
        if (node.init) this.visit(node.init, head);
        if (node.test) this.visit(node.test, head);
        if (node.update) this.visit(node.update, head);
        this.visit(node.body, head);
        return;
      }
      case 'ForInStatement':
      case 'ForOfStatement': {
        if (node.type === 'ForOfStatement' && node.await && this.functionDepth === 0) this.hasTopLevelAwait = true;
        const head: Scope = { parent: scope, names: null, vars: false };
        this.visit(node.left, head);
        this.visit(node.right, head);
        this.visit(node.body, head);
        return;
      }
      case 'ArrayExpression':
      case 'ArrayPattern':
        for (const element of node.elements) if (element) this.visit(element, scope);
        return;
      case 'ObjectExpression':
      case 'ObjectPattern':
        for (const property of node.properties) this.visit(property, scope);
        return;
      case 'Property': {
        if (node.computed) this.visit(node.key, scope);
        const value = node.value;
        if (node.shorthand && value.type === 'Identifier') {
          this.reference(value, scope, false, true);
        } else if (node.shorthand && value.type === 'AssignmentPattern' && value.left.type === 'Identifier') {
          this.reference(value.left, scope, false, true);
          this.visit(value.right, scope);
        } else {
          this.visit(value, scope);
        }
        return;
      }
      case 'AssignmentPattern':
        this.visit(node.left, scope);
        this.visit(node.right, scope);
        return;
      case 'TemplateLiteral':
        for (const expression of node.expressions) this.visit(expression, scope);
        return;
      case 'TaggedTemplateExpression':
        if (node.tag.type === 'Identifier') this.reference(node.tag, scope, true, false);
        else this.visit(node.tag, scope);
        this.visit(node.quasi, scope);
        return;
      case 'MemberExpression':
        this.visit(node.object, scope);
        if (node.computed) this.visit(node.property, scope);
        return;
      case 'CallExpression':
      case 'NewExpression':
        if (node.type === 'CallExpression' && node.callee.type === 'Identifier') {
          this.reference(node.callee, scope, true, false);
        } else {
          this.visit(node.callee, scope);
        }
        for (const argument of node.arguments) this.visit(argument, scope);
        return;
      case 'BinaryExpression':
      case 'LogicalExpression':
      case 'AssignmentExpression':
        this.visit(node.left, scope);
        this.visit(node.right, scope);
        return;
      case 'SequenceExpression':
        for (const expression of node.expressions) this.visit(expression, scope);
        return;
      case 'ChainExpression':
      case 'ParenthesizedExpression':
        this.visit(node.expression, scope);
        return;
      case 'MetaProperty':
        if (node.meta.name === 'import') {
          this.s.update(node.start, node.end, fitText(`${RUNTIME}.${RUNTIME_MEMBER.importMeta}`, this.source.slice(node.start, node.end)));
        }
        return;
      case 'ImportExpression':
        this.s.update(node.start, node.start + 'import'.length, DYNAMIC_IMPORT_CALL);
        this.visit(node.source, scope);
        if (node.options) this.visit(node.options, scope);
        return;
      default:
        this.visitChildren(node, scope);
    }
  }

  /** Syntax this walker does not know yet: every identifier below is taken for a reference. */
  private visitChildren(node: AnyNode, scope: Scope): void {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc' || value === null || typeof value !== 'object') continue;
      const children: unknown[] = Array.isArray(value) ? value : [value];
      for (const child of children) {
        if (child !== null && typeof child === 'object' && typeof (child as AnyNode).type === 'string') {
          this.visit(child as AnyNode, scope);
        }
      }
    }
  }

  private captureFunction(freeNames: readonly string[]): string {
    let body = '';
    for (const name of new Set([...this.topLevel, ...freeNames])) {
      const read = this.imported.get(name) ?? name;
      // Each read on its own: a binding in its temporal dead zone throws and is left out.
      // `o.__proto__ = v` would set the prototype: that one name is defined by a computed key.
      body +=
        name === '__proto__'
          ? `try{${CAPTURED}={...${CAPTURED},["__proto__"]:${read}}}catch{}`
          : `try{${CAPTURED}.${name}=${read}}catch{}`;
    }
    return `;function ${CAPTURE_FUNCTION}(){let ${CAPTURED}={};${body}return ${CAPTURED}}`;
  }
}

function isAnonymousFunctionDefinition(node: AnyNode): boolean {
  return (
    node.type === 'ArrowFunctionExpression' ||
    ((node.type === 'FunctionExpression' || node.type === 'ClassExpression' || node.type === 'ClassDeclaration') && !node.id)
  );
}

function nameOf(node: Identifier | Literal): string {
  return node.type === 'Identifier' ? node.name : String(node.value);
}

/** `.name`, or `["name"]` when the name is not an identifier. */
function access(name: string): string {
  return IDENTIFIER_NAME.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/** Spaces for every character but line breaks, so that lines and columns stay where they were. */
function blankText(text: string): string {
  return text.replace(NOT_LINE_BREAK, ' ');
}

/**
 * `text` in place of `original`: padded to the same width on one line; when `original` spans
 * lines, its line breaks are kept after `text` so that what follows keeps its line and column.
 */
function fitText(text: string, original: string): string {
  const lineBreak = original.search(LINE_BREAK);
  if (lineBreak === -1) return text.padEnd(original.length, ' ');
  return text + blankText(original.slice(lineBreak));
}

/** The offset of the next token at or after `at`, past whitespace and comments. */
function skipTrivia(source: string, at: number): number {
  const length = source.length;
  while (at < length) {
    const c = source.charCodeAt(at);
    if (c === 47 /* / */ && source.charCodeAt(at + 1) === 47) {
      while (at < length && !LINE_BREAK.test(source[at]!)) at++;
    } else if (c === 47 && source.charCodeAt(at + 1) === 42 /* * */) {
      const close = source.indexOf('*/', at + 2);
      at = close === -1 ? length : close + 2;
    } else if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c > 0x7f && /\s/.test(source[at]!)) {
      at++;
    } else {
      break;
    }
  }
  return at;
}

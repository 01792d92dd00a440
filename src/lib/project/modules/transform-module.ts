import { parse, type Comment } from 'acorn';
import { simple } from 'acorn-walk';
import MagicString from 'magic-string';
import { patternNames, type AnyNode } from '../../kernel/transform';
import { ModuleError } from './module-error';

/** One `import … from` / `export … from` of a module, with where it is written. */
export interface ImportRef {
  specifier: string;
  line: number;
  column: number;
  /** Names taken from the imported module (checked before the importer runs). */
  names: string[];
}

/**
 * A project ES module rewritten into the body of an async function. Every line keeps its number;
 * only line 1 gains `prefixLength` characters (the hoisted imports and the export table).
 */
export interface TransformedModule {
  code: string;
  imports: ImportRef[];
  prefixLength: number;
}

// The names the rewritten code uses; a student's module cannot reach them by accident.
export const LOADER_NAMES = {
  imported: '__lb_import',
  exports: '__lb_export',
  star: '__lb_star',
  dynamic: '__lb_dynamic',
} as const;

/** Spaces for a replaced statement, keeping its line breaks: every later character stays put. */
function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

/** `replacement` padded with spaces to the length of `original`, so columns after it stay put. */
function padTo(replacement: string, original: string): string {
  return replacement + blank(original.slice(replacement.length));
}

/** Parses a project module; a syntax error becomes a ModuleError at its file:line:column. */
export function parseModule(source: string, file: string, onComment?: Comment[]): AnyNode {
  try {
    return parse(source, {
      ecmaVersion: 'latest',
      sourceType: 'module',
      locations: true,
      ...(onComment ? { onComment } : {}),
    }) as unknown as AnyNode;
  } catch (error) {
    const e = error as SyntaxError & { loc?: { line: number; column: number } };
    throw new ModuleError(
      'syntax-error',
      `SyntaxError: ${e.message.replace(/ \(\d+:\d+\)$/, '')}. Fix the code there, save, and import again.`,
      { file, line: e.loc?.line ?? 1, column: (e.loc?.column ?? 0) + 1 },
    );
  }
}

/**
 * Imports become bindings read from already-loaded modules (the loader loads every dependency
 * before the module runs, as ES does), exports become getters on the module's namespace (live,
 * as ES bindings are), and `import()` goes through the loader. Nothing reaches the network.
 */
export function transformModule(source: string, file: string): TransformedModule {
  const program = parseModule(source, file);
  const s = new MagicString(source);
  const imports: ImportRef[] = [];
  const bindings: string[] = [];
  const exported: [string, string][] = [];
  const stars: string[] = [];
  const text = (n: AnyNode) => source.slice(n.start, n.end);
  const nameOf = (n: AnyNode) => (n.name ?? n.value) as string;

  const addImport = (node: AnyNode, names: string[]): string => {
    const src = node.source as AnyNode;
    imports.push({
      specifier: src.value as string,
      line: src.loc!.start.line,
      column: src.loc!.start.column + 1,
      names,
    });
    const ref = `__lb_m${imports.length - 1}`;
    bindings.push(`${ref} = ${LOADER_NAMES.imported}(${imports.length - 1})`);
    return ref;
  };

  for (const node of program.body as AnyNode[]) {
    switch (node.type) {
      case 'ImportDeclaration': {
        const specs = node.specifiers as AnyNode[];
        const named = specs.filter((sp) => sp.type === 'ImportSpecifier');
        const names = named.map((sp) => nameOf(sp.imported as AnyNode));
        if (specs.some((sp) => sp.type === 'ImportDefaultSpecifier')) names.push('default');
        const ref = addImport(node, names);
        for (const sp of specs) {
          const local = (sp.local as AnyNode).name as string;
          if (sp.type === 'ImportNamespaceSpecifier') bindings.push(`${local} = ${ref}`);
          else if (sp.type === 'ImportDefaultSpecifier') bindings.push(`${local} = ${ref}.default`);
          else
            bindings.push(`${local} = ${ref}[${JSON.stringify(nameOf(sp.imported as AnyNode))}]`);
        }
        s.overwrite(node.start, node.end, blank(text(node)));
        break;
      }
      case 'ExportNamedDeclaration': {
        const decl = node.declaration as AnyNode | null;
        if (decl) {
          const names: string[] = [];
          if (decl.type === 'VariableDeclaration')
            for (const d of decl.declarations as AnyNode[]) patternNames(d.id as AnyNode, names);
          else names.push((decl.id as AnyNode).name as string);
          for (const name of names) exported.push([name, name]);
          s.overwrite(node.start, decl.start, blank(source.slice(node.start, decl.start)));
          break;
        }
        const specs = node.specifiers as AnyNode[];
        if (node.source) {
          const ref = addImport(
            node,
            specs.map((sp) => nameOf(sp.local as AnyNode)),
          );
          for (const sp of specs)
            exported.push([
              nameOf(sp.exported as AnyNode),
              `${ref}[${JSON.stringify(nameOf(sp.local as AnyNode))}]`,
            ]);
        } else
          for (const sp of specs)
            exported.push([nameOf(sp.exported as AnyNode), (sp.local as AnyNode).name as string]);
        s.overwrite(node.start, node.end, blank(text(node)));
        break;
      }
      case 'ExportDefaultDeclaration': {
        const decl = node.declaration as AnyNode;
        const id = decl.id as AnyNode | null | undefined;
        if ((decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') && id) {
          s.overwrite(node.start, decl.start, blank(source.slice(node.start, decl.start)));
          exported.push(['default', id.name as string]);
        } else {
          // `export default ` is 15 characters; `var __lb_dflt=` fits in it.
          s.overwrite(
            node.start,
            decl.start,
            padTo('var __lb_dflt=', source.slice(node.start, decl.start)),
          );
          s.appendLeft(node.end, ';');
          exported.push(['default', '__lb_dflt']);
        }
        break;
      }
      case 'ExportAllDeclaration': {
        const ref = addImport(node, []);
        if (node.exported) exported.push([nameOf(node.exported as AnyNode), ref]);
        else stars.push(ref);
        s.overwrite(node.start, node.end, blank(text(node)));
        break;
      }
    }
  }

  simple(
    program as never,
    {
      ImportExpression: (n: AnyNode) =>
        void s.overwrite(n.start, (n.source as AnyNode).start, `${LOADER_NAMES.dynamic}(`),
      MetaProperty: (n: AnyNode) => {
        throw new ModuleError(
          'bad-import',
          'import.meta is not available in project modules. Pass what you need as a function argument instead.',
          { file, line: n.loc!.start.line, column: n.loc!.start.column + 1 },
        );
      },
    } as never,
  );

  // An array of pairs, not an object literal: `{ "__proto__": … }` would set a prototype.
  const table = exported.map(([name, local]) => `[${JSON.stringify(name)}, () => ${local}]`);
  const prefix =
    `"use strict";` +
    (bindings.length ? `const ${bindings.join(', ')};` : '') +
    `${LOADER_NAMES.exports}([${table.join(', ')}]);` +
    stars.map((ref) => `${LOADER_NAMES.star}(${ref});`).join('');
  s.prepend(prefix);
  return { code: s.toString(), imports, prefixLength: prefix.length };
}

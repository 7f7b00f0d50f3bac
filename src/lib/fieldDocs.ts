/**
 * The field reference of the content files, generated from the schemas themselves so that it
 * cannot drift: the structure (which fields, required or not, lists, choices) comes from the
 * zod schemas at run time, the explanations from their JSDoc lines in src/schemas/*.ts (read
 * with the TypeScript parser). docs/编辑指南.md embeds the rendered table (`npm run docs`), the
 * skeletons of `npm run new` and the check's placeholder messages quote the same text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { regionSchema } from '../schemas/region.ts';
import { departmentSchema } from '../schemas/department.ts';
import { projectSchema } from '../schemas/project.ts';

export const SCHEMA_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));

/** The three collections, by the folder under content/ and the exported schema's name. */
export const COLLECTIONS = [
  { folder: 'regions', title: '地区文件 content/regions/<地区代码>.md', name: 'regionSchema', schema: regionSchema },
  { folder: 'departments', title: '部门文件 content/departments/<地区代码>/<年度>/<单位编码或 slug>.md', name: 'departmentSchema', schema: departmentSchema },
  { folder: 'projects', title: '项目文件 content/projects/<地区代码>/<年度>/<项目 id>.md', name: 'projectSchema', schema: projectSchema },
] as const;

export type CollectionFolder = (typeof COLLECTIONS)[number]['folder'];

export interface FieldDoc {
  /** `fundingSources[].amount`: `[]` marks the items of a list. */
  path: string;
  required: boolean;
  /** `null` is allowed (a blank cell). */
  nullable: boolean;
  /** 文字, 数字, 列表, 对象, 选项 … */
  kind: string;
  /** The allowed values of a choice. */
  values?: string[];
  /** Present only in some forms of a union, e.g. `form: named`. */
  onlyWhen?: string;
  /** The field's JSDoc line. */
  doc: string;
  /** JSDoc of the shared value type it uses (regionCode, amountString …), where it has one. */
  format?: string;
}

// ---- JSDoc, from the source -------------------------------------------------------------

interface SourceDoc {
  doc?: string;
  format?: string;
}

function jsDocOf(node: ts.Node): string | undefined {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  if (!docs?.length) return undefined;
  const text = ts.getTextOfJSDocComment(docs[docs.length - 1].comment);
  return text?.replace(/\{@link\s+([^}]+)\}/g, '$1').replace(/\s*\n\s*/g, ' ').trim() || undefined;
}

/** Top-level `const NAME = …` of every schema file, with the JSDoc above it. */
function declarations(dir: string): Map<string, { init: ts.Expression; doc?: string }> {
  const out = new Map<string, { init: ts.Expression; doc?: string }>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
    const source = ts.createSourceFile(name, readFileSync(join(dir, name), 'utf8'), ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const decl of statement.declarationList.declarations) {
        if (ts.isIdentifier(decl.name) && decl.initializer) out.set(decl.name.text, { init: decl.initializer, doc: jsDocOf(statement) });
      }
    }
  }
  return out;
}

const BUILDERS = new Set(['object', 'array', 'discriminatedUnion', 'union']);

/** The schema expression under `.optional()`, `.regex(…)`, `.superRefine(…)` and the like. */
function unwrap(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const target = e.expression.expression;
    if (ts.isIdentifier(target) && target.text === 'z' && BUILDERS.has(e.expression.name.text)) break;
    if (ts.isIdentifier(target) && target.text === 'z') break;
    e = target;
  }
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) e = e.expression;
  return e;
}

function sourceDocs(dir: string, root: string): Map<string, SourceDoc> {
  const decls = declarations(dir);
  const out = new Map<string, SourceDoc>();
  const walk = (expr: ts.Expression, prefix: string, depth: number) => {
    if (depth > 20) return;
    const e = unwrap(expr);
    if (ts.isIdentifier(e)) {
      const d = decls.get(e.text);
      if (d) walk(d.init, prefix, depth + 1);
      return;
    }
    if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return;
    const builder = e.expression.name.text;
    if (builder === 'object' && e.arguments[0] && ts.isObjectLiteralExpression(e.arguments[0])) {
      for (const prop of e.arguments[0].properties) {
        const name = prop.name && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name)) ? prop.name.text : undefined;
        if (!name) continue;
        const path = prefix ? `${prefix}.${name}` : name;
        const init = ts.isPropertyAssignment(prop) ? prop.initializer : ts.isShorthandPropertyAssignment(prop) ? prop.name : undefined;
        const leaf = init ? leafName(init) : undefined;
        const seen = out.get(path) ?? {};
        out.set(path, {
          doc: seen.doc ?? jsDocOf(prop) ?? (leaf ? decls.get(leaf)?.doc : undefined),
          format: seen.format ?? (leaf && decls.has(leaf) && !isObjectSchema(decls.get(leaf)!.init) ? decls.get(leaf)!.doc : undefined),
        });
        if (init) walk(init, path, depth + 1);
      }
    } else if (builder === 'array' && e.arguments[0]) {
      walk(e.arguments[0], `${prefix}[]`, depth + 1);
    } else if (builder === 'discriminatedUnion' || builder === 'union') {
      const list = e.arguments.find(ts.isArrayLiteralExpression);
      for (const option of list?.elements ?? []) walk(option, prefix, depth + 1);
    }
  };
  const start = decls.get(root);
  if (start) walk(start.init, '', 0);
  return out;
}

/** The shared value type a field uses: `amountString` in `amountString.nullable()` or `z.array(printedText)`. */
function leafName(expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'array' && e.arguments[0]) return leafName(e.arguments[0]);
  return undefined;
}

function isObjectSchema(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  return ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && BUILDERS.has(e.expression.name.text) && e.expression.name.text !== 'array';
}

// ---- structure, from the zod schemas ----------------------------------------------------

interface ZodDef {
  type: string;
  shape?: Record<string, { _zod: { def: ZodDef } }>;
  element?: { _zod: { def: ZodDef } };
  innerType?: { _zod: { def: ZodDef } };
  in?: { _zod: { def: ZodDef } };
  options?: Array<{ _zod: { def: ZodDef } }>;
  discriminator?: string;
  entries?: Record<string, string>;
  values?: unknown[];
}

const KIND: Record<string, string> = { string: '文字', number: '数字', boolean: '真假值', object: '对象', array: '列表', enum: '选项', literal: '固定值', union: '对象' };

type Structure = Omit<FieldDoc, 'doc' | 'format'>;

function structure(def: ZodDef, path: string, out: Map<string, Structure>, flags = { required: true, nullable: false }): void {
  if (def.type === 'optional' || def.type === 'default') return structure(def.innerType!._zod.def, path, out, { ...flags, required: false });
  if (def.type === 'nullable') return structure(def.innerType!._zod.def, path, out, { ...flags, nullable: true });
  if (def.type === 'pipe') return structure(def.in!._zod.def, path, out, flags);
  if (path && !out.has(path)) {
    const values = def.type === 'enum' ? Object.values(def.entries ?? {}) : def.type === 'literal' ? def.values?.map(String) : undefined;
    out.set(path, { path, required: flags.required, nullable: flags.nullable, kind: KIND[def.type] ?? def.type, values });
  }
  if (def.type === 'object') {
    for (const [key, child] of Object.entries(def.shape ?? {})) structure(child._zod.def, path ? `${path}.${key}` : key, out);
  } else if (def.type === 'array') {
    structure(def.element!._zod.def, `${path}[]`, out);
  } else if (def.type === 'union') {
    // Each form of the union on its own, then merged: a field every form has is listed once;
    // one that only some forms have says which (`仅 form: named`).
    const forms = (def.options ?? []).map((option) => {
      const o = option._zod.def;
      const tag = def.discriminator ? String(o.shape?.[def.discriminator]?._zod.def.values?.[0]) : '';
      const fields = new Map<string, Structure>();
      for (const [key, child] of Object.entries(o.shape ?? {})) structure(child._zod.def, path ? `${path}.${key}` : key, fields);
      return { tag, fields };
    });
    const paths = [...new Set(forms.flatMap((f) => [...f.fields.keys()]))];
    for (const p of paths) {
      const present = forms.filter((f) => f.fields.has(p));
      const first = present[0].fields.get(p)!;
      const values = [...new Set(present.filter((f) => f.fields.get(p)!.kind === first.kind).flatMap((f) => f.fields.get(p)!.values ?? []))];
      out.set(p, {
        ...first,
        required: present.every((f) => f.fields.get(p)!.required),
        values: values.length ? values : undefined,
        onlyWhen: present.length < forms.length && def.discriminator ? `${def.discriminator}: ${present.map((f) => f.tag).join(' / ')}` : first.onlyWhen,
      });
    }
  }
}

export function collectFieldDocs(dir = SCHEMA_DIR): Record<CollectionFolder, FieldDoc[]> {
  const result = {} as Record<CollectionFolder, FieldDoc[]>;
  for (const c of COLLECTIONS) {
    const docs = sourceDocs(dir, c.name);
    const fields = new Map<string, Structure>();
    structure((c.schema as unknown as { _zod: { def: ZodDef } })._zod.def, '', fields);
    result[c.folder] = [...fields.values()].map((f) => ({ ...f, doc: docs.get(f.path)?.doc ?? '', format: docs.get(f.path)?.format }));
  }
  return result;
}

/** `indicators.rows[3].value` → `indicators.rows[].value`, the form the reference uses. */
export const referencePath = (path: string) => path.replace(/\[\d+\]/g, '[]');

// ---- the reference as Markdown -----------------------------------------------------------

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderFieldReference(docs: Record<CollectionFolder, FieldDoc[]>): string {
  const out: string[] = [];
  for (const c of COLLECTIONS) {
    out.push(`### ${c.title}`, '', '| 字段 | 必填 | 类型 | 说明 |', '|---|---|---|---|');
    // List items are described by their list's row (and their fields' rows).
    for (const f of docs[c.folder].filter((d) => !d.path.endsWith('[]'))) {
      const required = (f.required ? '是' : '否') + (f.nullable ? '，空白写 null' : '') + (f.onlyWhen ? `（仅 ${f.onlyWhen}）` : '');
      const kind = f.values ? `${f.kind}：${f.values.map((v) => (v === '' ? '""' : v)).join(' / ')}` : f.kind;
      const doc = [f.doc || '（schema 中没有说明）', f.format && f.format !== f.doc ? `格式：${f.format}` : ''].filter(Boolean).join(' ');
      out.push(`| \`${cell(f.path)}\` | ${required} | ${cell(kind)} | ${cell(doc)} |`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}

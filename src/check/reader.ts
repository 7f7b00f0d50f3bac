/**
 * The one way to read a content file, used by the editors' check, the build's content loader
 * (src/content.config.ts) and the importer's round trip: size limit, strict UTF-8, front
 * matter, strict YAML, the limits on text and nesting, a safe Markdown body, and the
 * collection's schema. Whatever this accepts the build builds; whatever it refuses is
 * reported with file, line, column and field.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { VFile } from 'vfile';
import remarkSafeContent from '../markdown/remarkSafeContent.ts';
import { regionSchema, type Region } from '../schemas/region.ts';
import { departmentSchema, type Department } from '../schemas/department.ts';
import { projectSchema, type Project } from '../schemas/project.ts';
import { PART, type Problem } from '../problems.ts';
import { splitFrontmatter } from './frontmatter.ts';
import { FORBIDDEN_CHARACTER, forbiddenCharacterProblem, onlyPlainCharacters, parseStrictYaml, pathOfLine, type Position, type StrictYamlResult } from './strictYaml.ts';
import { LIMITS } from './limits.ts';
import { defaultMessage, problemsFromIssues, positionOf } from './zodIssues.ts';

export { LIMITS };

export type Kind = 'regions' | 'departments' | 'projects';

export const SCHEMAS = { regions: regionSchema, departments: departmentSchema, projects: projectSchema } as const;

export interface EntryData {
  regions: Region;
  departments: Department;
  projects: Project;
}

export interface ReadEntry<K extends Kind> {
  /** The validated data, when the file has no error. */
  data?: EntryData[K];
  /** The Markdown body. */
  body: string;
  /** Every problem of the file, errors first found first. */
  problems: Problem[];
  /** Where a field is in the file, for rules that look at the data later. */
  positionOf(path: ReadonlyArray<PropertyKey>): Position;
}

const DECODER = new TextDecoder('utf-8', { fatal: true });
const STREAM_DECODER = new TextDecoder('utf-8', { fatal: true });
const LENIENT = new TextDecoder('utf-8');

/** The offset of the first byte that is not valid UTF-8 (a truncated sequence at the end counts). */
function firstInvalidByte(bytes: Uint8Array): number {
  // Valid prefixes are monotone: the longest one that decodes (as a stream) ends at the bad byte.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      STREAM_DECODER.decode(bytes.subarray(0, mid), { stream: true });
      STREAM_DECODER.decode();
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return Math.min(lo, bytes.length - 1);
}

/** Decodes strictly; the problem names the line and column of the first invalid byte. */
export function decodeContent(file: string, bytes: Uint8Array): { text: string } | { problem: Problem } {
  try {
    return { text: DECODER.decode(bytes) };
  } catch {
    const bad = firstInvalidByte(bytes);
    const before = LENIENT.decode(bytes.subarray(0, bad)).replace(/^\uFEFF/, '');
    const lines = before.split(/\r\n?|\n/);
    // The field it sits in: the front matter as far as it can be read, else the body.
    const split = splitFrontmatter(LENIENT.decode(bytes));
    const inYaml = split.ok && lines.length >= split.file.yamlLine && lines.length < split.file.bodyLine - 1;
    const path = !split.ok ? PART.file : inYaml ? pathOfLine(split.file.yaml.split('\n'), lines.length - split.file.yamlLine) : lines.length >= split.file.bodyLine ? PART.body : PART.frontMatter;
    const hex = Array.from(bytes.subarray(bad, bad + 4), (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
    return {
      problem: {
        file,
        line: lines.length,
        column: lines[lines.length - 1].length + 1,
        path,
        code: 'invalid-utf8',
        message: `第 ${bad} 字节起不是有效的 UTF-8 文字（${hex}），发布后会显示成乱码 �`,
        hint: '用 UTF-8 编码保存文件（不要用 GBK/GB2312）；或删除这里的乱码后重新输入这几个字',
        severity: 'error',
      },
    };
  }
}

const SAFETY = unified().use(remarkParse).use(remarkSafeContent).freeze();

function bodyProblems(file: string, body: string, bodyLine: number): Problem[] {
  const out: Problem[] = [];
  if (!onlyPlainCharacters(body) && FORBIDDEN_CHARACTER.test(body)) {
    const lines = body.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const bad = FORBIDDEN_CHARACTER.exec(lines[i]);
      if (bad) out.push({ file, severity: 'error', ...forbiddenCharacterProblem({ line: bodyLine + i, column: bad.index + 1 }, PART.body, bad[0]) });
    }
  }
  // Raw HTML needs a <, an unsafe link a : (or a character reference such as &#58;): most bodies have neither.
  if (!/[<:&]/.test(body)) return out;
  const vfile = new VFile({ path: file, value: body });
  SAFETY.runSync(SAFETY.parse(vfile), vfile);
  for (const m of vfile.messages) {
    out.push({
      file,
      line: (m.line ?? 1) + bodyLine - 1,
      column: m.column ?? 1,
      path: PART.body,
      message: m.reason,
      hint: m.ruleId === 'raw-html' ? '删除 HTML 标签，只用 Markdown 写文字；需要的符号 < > 写成 \\< \\>' : '只允许 http(s) 或站内链接；删除这个链接',
      severity: 'error',
      code: m.ruleId ?? 'unsafe-content',
    });
  }
  return out;
}

const NOWHERE = () => ({ line: 1, column: 1 });

/** Reads one content file of a collection from its bytes. Never throws on any input. */
export function readEntry<K extends Kind>(kind: K, file: string, bytes: Uint8Array): ReadEntry<K> {
  if (bytes.length > LIMITS.fileBytes) {
    return {
      body: '',
      positionOf: NOWHERE,
      problems: [
        {
          file,
          line: 1,
          column: 1,
          path: PART.file,
          code: 'file-too-large',
          message: `文件太大：${bytes.length} 字节，上限 ${LIMITS.fileBytes} 字节（1 MB）`,
          hint: `一个内容文件最多 ${LIMITS.fileBytes} 字节，一个文字字段最多 ${LIMITS.textChars} 个字符；核对是否误粘贴了整份文件`,
          severity: 'error',
        },
      ],
    };
  }
  const decoded = decodeContent(file, bytes);
  if ('problem' in decoded) return { body: '', positionOf: NOWHERE, problems: [decoded.problem] };
  return readEntryText(kind, file, decoded.text);
}

/** Reads one content file from its text (the importer's round trip starts here). */
export function readEntryText<K extends Kind>(kind: K, file: string, text: string): ReadEntry<K> {
  const split = splitFrontmatter(text);
  if (!split.ok) {
    return { body: '', positionOf: NOWHERE, problems: [{ file, line: split.line, column: 1, path: PART.frontMatter, message: split.message, hint: split.hint, severity: 'error', code: 'no-frontmatter' }] };
  }
  const { yaml: yamlText, yamlLine, body, bodyLine } = split.file;
  const yaml = parseStrictYaml(yamlText, yamlLine);
  // A problem with the document itself (a bare scalar instead of fields) belongs to the front matter.
  const problems: Problem[] = yaml.problems.map((p) => ({ file, ...p, path: p.path || PART.frontMatter, severity: 'error' as const }));
  problems.push(...bodyProblems(file, body, bodyLine));
  // A second front-matter block: the body opens (after an optional ---) with `key: value` lines closed by ---.
  const second = /^((?:[ \t]*\n)*)(?:---[ \t]*\n)?(?=[A-Za-z_]\w*:\s)/.exec(body);
  if (second && /^---\s*$/m.test(body.slice(second[0].length))) {
    problems.push({
      file,
      line: bodyLine + second[1].split('\n').length - 1,
      column: 1,
      path: PART.frontMatter,
      code: 'yaml-documents',
      message: '文件中有第二段 YAML（front matter），从这一行开始',
      hint: '一个文件只写一段 front matter；把这些字段合并到第一段，删除多余的 ---',
      severity: 'error',
    });
  }
  const entry: ReadEntry<K> = { body, problems, positionOf: (path) => positionOf(yaml, path) };
  if (yaml.value === undefined) return entry;
  const parsed = SCHEMAS[kind].safeParse(yaml.value, { error: defaultMessage });
  if (!parsed.success) problems.push(...problemsFromIssues(file, yaml, parsed.error.issues));
  else if (problems.length === 0) entry.data = parsed.data as EntryData[K];
  return entry;
}

export type { StrictYamlResult };

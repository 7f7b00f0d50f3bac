/**
 * Strict YAML for content files. js-yaml's event stream gives every key and value its
 * offset, so problems point at a line, column and field; on top of YAML 1.2's core schema (no
 * automatic dates, no merge keys) it refuses what makes a file mean something other than
 * what the editor sees: duplicate keys, anchors and aliases, tags, `<<`, `__proto__`,
 * several documents, full-width colons, tab and ideographic-space indents, invisible
 * characters and nesting deeper than the content model needs.
 */
import {
  CORE_SCHEMA,
  EVENT_ID,
  YAMLException,
  constructFromEvents,
  getScalarValue,
  parseEvents,
  type Event,
} from 'js-yaml';
import { LIMITS } from './limits.ts';
import { formatPath, PART, showInvisible, type Problem } from '../problems.ts';

export interface Position {
  line: number;
  column: number;
}

export type YamlProblem = Omit<Problem, 'file' | 'severity'>;

export interface StrictYamlResult {
  /** The document's value, or undefined when it could not be read. */
  value: unknown;
  /** Position of each path's value (or key, for a missing or container value). */
  positions: FieldTable<Position>;
  /** Position of each path's key. */
  keyPositions: FieldTable<Position>;
  /** Raw source text of each scalar, by path (to quote it in messages). */
  rawText: FieldTable<string>;
  problems: YamlProblem[];
}

/**
 * Something about each field (where its value starts, its raw text), by formatted path, as read
 * on demand. A file has a few hundred fields and its facts and problems ask about a handful, so
 * the paths are recorded in document order with their offsets, and a lookup reads through them:
 * a map of every path to its line and column cost the check more than the schema's validation
 * (a profile of 10,000 projects). For a path recorded more than once (a duplicate key), the first
 * entry counts, unless a later one was recorded as replacing (a scalar's value, which a duplicate
 * key's later value replaces).
 */
export class FieldTable<T> {
  readonly #paths: string[] = [];
  readonly #from: number[] = [];
  readonly #to: number[] = [];
  readonly #replaces: boolean[] = [];
  readonly #read: (from: number, to: number) => T;

  constructor(read: (from: number, to: number) => T) {
    this.#read = read;
  }

  add(path: string, from: number, to: number, replaces: boolean): void {
    this.#paths.push(path);
    this.#from.push(from);
    this.#to.push(to);
    this.#replaces.push(replaces);
  }

  get(path: string): T | undefined {
    const paths = this.#paths;
    let found = -1;
    for (let i = 0; i < paths.length; i++) if (paths[i] === path && (found < 0 || this.#replaces[i])) found = i;
    return found < 0 ? undefined : this.#read(this.#from[found], this.#to[found]);
  }
}

export { formatPath };

/**
 * Characters that must not be in content text: control characters other than tab and newline,
 * format characters (zero-width spaces, bidi overrides) and line/paragraph separators — invisible
 * in an editor, they change what a reader or the search index sees — and U+FFFD, the mark of
 * text already garbled by a wrong encoding.
 */
export const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\p{Cf}\u2028\u2029\uFFFD]/u;

/**
 * Whether every character of `text` is one that neither FORBIDDEN_CHARACTER nor the line scan's
 * tab, ideographic space and full-width colon can be: printable ASCII, the line break, Latin-1
 * letters and signs but the soft hyphen, dashes, quotes and other punctuation of U+2010–U+2027 and
 * U+2030–U+205E, symbols U+2100–U+2BFF, CJK from U+3001 up to the surrogates, and full-width
 * forms but the colon. Content text is almost all of these: a loop over its character codes
 * spares most files the two Unicode regular expressions; any other character sends the text to
 * them, as before.
 */
export function onlyPlainCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x7f ? c >= 0x20 || c === 10 : c >= 0x3001 ? c < 0xd800 || (c >= 0xff01 && c <= 0xffef && c !== 0xff1a) : (c >= 0xa0 && c <= 0xff && c !== 0xad) || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e) || (c >= 0x2100 && c <= 0x2bff)) continue;
    return false;
  }
  return true;
}

export function forbiddenCharacterProblem(position: Position, path: string, char: string): YamlProblem {
  // U+FFFD is what a decoder leaves for bytes it could not read: text that was pasted or imported in the wrong encoding.
  if (char === '\uFFFD') {
    return {
      ...position,
      path,
      code: 'replacement-character',
      message: '文字中有乱码字符 �（U+FFFD），原来的文字在复制或转换编码时丢了',
      hint: '对照原文重新输入这几个字；从文件导入时，先把原文另存为 UTF-8',
    };
  }
  return {
    ...position,
    path,
    code: 'invisible-character',
    message: `文字中有不可见的字符 ${showInvisible(char)}`,
    hint: '删除这个字符（常见于从网页或 PDF 复制的文字）；文字中只允许制表符和换行',
  };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  // indexOf rather than a loop over character codes: ten times faster on the check's files.
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function toPosition(starts: number[], rawOffset: number, firstLine: number): Position {
  // An empty scalar has no text of its own (offset -1): place it where the text starts.
  const offset = Math.max(0, rawOffset);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: firstLine + lo, column: offset - starts[lo] + 1 };
}

interface LineProblem extends YamlProblem {
  /** Offset in the YAML text, to find the field it belongs to. */
  offset: number;
}

// Field names in content are ASCII (the schemas'), so a key is recognised by its spelling alone.
const KEY_ON_LINE = /^([ \t\u3000]*(?:- +)*)([A-Za-z_][\w-]*)[ \t\u3000]*(?::(?=[ \t]|$)|：)/;

/**
 * Line-level problems YAML itself would misread or report obscurely, and a copy of the text
 * with each of them replaced by a character of the same length, so that the copy can still
 * be parsed to find the field every problem belongs to.
 */
function scanLines(yaml: string): { problems: LineProblem[]; sanitized: string } {
  // Most files have none of these at all: one pass over the text instead of one per line.
  if (onlyPlainCharacters(yaml) || (!/[\t\u3000：]/.test(yaml) && !FORBIDDEN_CHARACTER.test(yaml))) return { problems: [], sanitized: yaml };
  const problems: LineProblem[] = [];
  const out: string[] = [];
  let offset = 0;
  for (const line of yaml.split('\n')) {
    let fixed = line;
    const indent = /^[ \t\u3000]*/.exec(line)![0];
    const ideographic = indent.indexOf('\u3000');
    if (ideographic >= 0) {
      problems.push({
        offset: offset + ideographic,
        line: 0,
        column: ideographic + 1,
        path: '',
        code: 'ideographic-indent',
        message: '缩进中有全角空格（U+3000）',
        hint: '缩进只能用半角空格；把行首的全角空格换成两个半角空格',
      });
    }
    const tab = indent.indexOf('\t');
    if (tab >= 0) {
      problems.push({ offset: offset + tab, line: 0, column: tab + 1, path: '', code: 'tab-indent', message: '缩进中有制表符', hint: 'YAML 缩进只能用半角空格；把行首的制表符换成两个半角空格' });
    }
    if (ideographic >= 0 || tab >= 0) fixed = ' '.repeat(indent.length) + fixed.slice(indent.length);
    const key = KEY_ON_LINE.exec(fixed);
    if (key?.[0].endsWith('：')) {
      const colon = key[0].length - 1;
      problems.push({
        offset: offset + colon,
        line: 0,
        column: colon + 1,
        path: '',
        code: 'fullwidth-colon',
        message: `字段 ${showInvisible(key[2])} 后面用了全角冒号“：”`,
        hint: `改成半角冒号加空格：${showInvisible(key[2])}: …`,
      });
      fixed = fixed.slice(0, colon) + ':' + fixed.slice(colon + 1);
    }
    const bad = FORBIDDEN_CHARACTER.exec(fixed);
    if (bad) {
      problems.push({ offset: offset + bad.index, ...forbiddenCharacterProblem({ line: 0, column: 0 }, '', bad[0]) });
      fixed = fixed.replace(new RegExp(FORBIDDEN_CHARACTER.source, 'gu'), (c) => (c.length === 1 ? ' ' : '  '));
    }
    out.push(fixed);
    offset += line.length + 1;
  }
  return { problems, sanitized: out.join('\n') };
}

/**
 * The field a line belongs to, read from indentation alone: for text YAML cannot parse
 * (a syntax error, nesting too deep). Keys only; sequence items are shown as `[]`.
 */
export function pathOfLine(lines: string[], index: number): string {
  const levels: Array<{ key: string; item: boolean }> = [];
  // A parent's key sits left of this column.
  let limit = Infinity;
  for (let i = Math.min(index, lines.length - 1); i >= 0 && limit > 0; i--) {
    const m = KEY_ON_LINE.exec(lines[i]);
    if (!m || m[1].length >= limit) continue;
    const dash = m[1].indexOf('-');
    levels.unshift({ key: showInvisible(m[2]), item: dash >= 0 });
    limit = dash >= 0 ? dash : m[1].length;
  }
  const path = levels.map((l, i) => (l.item ? '[]' : i ? '.' : '') + l.key).join('');
  return path.replace(/^\[\]/, '') || PART.frontMatter;
}

interface Frame {
  kind: 'map' | 'seq';
  /** The frame's formatted path, e.g. `indicators.rows[3]`. */
  path: string;
  depth: number;
  index: number;
  /** For maps: the key whose value comes next, or null when a key comes next. */
  pendingKey: string | null;
  keys: Set<string>;
}

interface Span {
  start: number;
  end: number;
  path: string;
}

export interface StrictYamlLimits {
  /** Deepest nesting of lists and objects accepted. */
  depth: number;
  /** Longest text value accepted, in characters. */
  textChars: number;
}

// The parser's own guard against runaway recursion; the content limit is checked on the events.
const PARSER_MAX_DEPTH = 1000;

/** Parses YAML text strictly; `firstLine` is the file line the text starts on. */
export function parseStrictYaml(yaml: string, firstLine: number, limits: StrictYamlLimits = LIMITS): StrictYamlResult {
  // The line starts are found when a position is first asked for.
  let lines: number[] | undefined;
  const at = (offset: number) => toPosition((lines ??= lineStarts(yaml)), offset, firstLine);
  const positions = new FieldTable(at);
  const keyPositions = new FieldTable(at);
  const rawText = new FieldTable((from, to) => yaml.slice(from, to));
  const problems: YamlProblem[] = [];
  const result: StrictYamlResult = { value: undefined, positions, keyPositions, rawText, problems };
  const { problems: lineProblems, sanitized } = scanLines(yaml);

  let events: Event[];
  try {
    events = parseEvents(sanitized, { maxDepth: PARSER_MAX_DEPTH });
  } catch (e) {
    if (!(e instanceof YAMLException)) throw e;
    const mark = e.mark as { line?: number; column?: number; position?: number } | undefined;
    const lineIndex = mark?.line ?? 0;
    const lines = sanitized.split('\n');
    for (const p of lineProblems) {
      const pos = at(p.offset);
      problems.push({ ...withoutOffset(p), ...pos, path: pathOfLine(p.code === 'fullwidth-colon' ? yaml.split('\n') : lines, pos.line - firstLine) });
    }
    // A full-width colon, a bad indent or an invisible character already explains the syntax error that follows it.
    if (lineProblems.length === 0) {
      // js-yaml names its depth guard in the reason; nothing else tells the two apart.
      const tooDeep = /maxDepth/.test(e.reason ?? '');
      problems.push({
        line: firstLine + lineIndex,
        column: (mark?.column ?? 0) + 1,
        path: pathOfLine(lines, lineIndex),
        ...(tooDeep ? depthProblem(limits.depth) : {
          code: 'yaml-syntax',
          message: `YAML 语法错误：${e.reason}`,
          hint: '检查这一行的缩进、冒号后的空格和引号是否成对；含冒号或 # 的文字要加引号',
        }),
      });
    }
    return result;
  }

  const spans: Span[] = [];
  const stack: Frame[] = [];
  let documents = 0;
  let structural = lineProblems.length > 0;
  let duplicates = false;
  let tooDeep = false;
  const structuralProblem = (p: YamlProblem) => {
    problems.push(p);
    structural = true;
  };

  /** The formatted path of the node about to start. */
  const enterNode = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    if (top.kind === 'seq') return `${top.path}[${top.index}]`;
    return childPath(top.path, top.pendingKey ?? '');
  };
  const afterNode = () => {
    const top = stack[stack.length - 1];
    if (!top) return;
    if (top.kind === 'seq') top.index++;
    else top.pendingKey = null;
  };

  for (const ev of events) {
    switch (ev.type) {
      case EVENT_ID.DOCUMENT:
        documents++;
        if (documents === 2) {
          // The second document starts at its `---` or after the first one's `...`.
          const marker = sanitized.split('\n').findIndex((l) => /^(---|\.\.\.)(\s|$)/.test(l));
          structuralProblem({
            line: firstLine + Math.max(0, marker),
            column: 1,
            path: PART.frontMatter,
            code: 'yaml-documents',
            message: 'front matter 中有第二个 YAML 文档，从这一行开始',
            hint: '一个文件只能有一段 YAML；删除多余的 --- 或 ... 分隔，把字段合并到第一段',
          });
        }
        break;
      case EVENT_ID.ALIAS: {
        structuralProblem({ ...at(ev.anchorStart), path: enterNode(), code: 'yaml-alias', message: 'YAML 别名（*）不允许使用', hint: '把被引用的内容直接写出来，不要用 & 锚点和 * 别名' });
        afterNode();
        break;
      }
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const path = enterNode();
        const top = stack[stack.length - 1];
        if (top?.kind === 'map' && top.pendingKey === null) {
          structuralProblem({ ...at(ev.start), path: top.path || PART.frontMatter, code: 'yaml-complex-key', message: '字段名必须是文字，不能是列表或对象', hint: '检查这一行的缩进' });
        }
        if (ev.anchorStart >= 0) {
          structuralProblem({ ...at(ev.anchorStart), path, code: 'yaml-anchor', message: 'YAML 锚点（&）不允许使用', hint: '删除 &名称；每处内容直接写出' });
        }
        if (ev.tagStart >= 0) {
          structuralProblem({ ...at(ev.tagStart), path, code: 'yaml-tag', message: `不允许 YAML 标签 ${yaml.slice(ev.tagStart, ev.tagEnd)}`, hint: '删除 ! 开头的标签' });
        }
        const depth = stack.length;
        if (depth >= limits.depth && !tooDeep) {
          tooDeep = true;
          structuralProblem({ ...at(ev.start), path: stack[limits.depth - 1].path, ...depthProblem(limits.depth) });
        }
        positions.add(path, ev.start, ev.start, false);
        stack.push({ kind: ev.type === EVENT_ID.MAPPING ? 'map' : 'seq', path, depth, index: 0, pendingKey: null, keys: new Set() });
        break;
      }
      case EVENT_ID.POP:
        stack.pop();
        afterNode();
        break;
      case EVENT_ID.SCALAR: {
        const top = stack[stack.length - 1];
        if (top?.kind === 'map' && top.pendingKey === null) {
          // Keys as written, invisible characters included, so that messages can show them.
          const key = getScalarValue(yaml, ev);
          const keyPath = childPath(top.path, key);
          if (lineProblems.length) spans.push({ start: ev.valueStart, end: ev.valueEnd, path: keyPath });
          if (key === '<<') {
            structuralProblem({ ...at(ev.valueStart), path: keyPath, code: 'yaml-merge-key', message: '不允许 YAML 合并键 <<', hint: '把要合并的字段直接写出来' });
          } else if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
            structuralProblem({ ...at(ev.valueStart), path: keyPath, code: 'forbidden-key', message: `不允许字段名 ${key}`, hint: '删除这个字段' });
          } else if (top.keys.has(key)) {
            problems.push({ ...at(ev.valueStart), path: keyPath, code: 'duplicate-key', message: `字段 ${showInvisible(key)} 重复出现`, hint: `删除其中一个 ${showInvisible(key)}，或合并两处内容` });
            duplicates = true;
          }
          if (ev.tagStart >= 0 || ev.anchorStart >= 0) {
            structuralProblem({ ...at(ev.valueStart), path: keyPath, code: 'yaml-tag', message: '字段名上不允许标签或锚点', hint: '删除 ! 或 & 开头的部分' });
          }
          top.keys.add(key);
          top.pendingKey = key;
          keyPositions.add(keyPath, ev.valueStart, ev.valueStart, false);
          break;
        }
        const path = enterNode();
        if (ev.anchorStart >= 0) {
          structuralProblem({ ...at(ev.anchorStart), path, code: 'yaml-anchor', message: 'YAML 锚点（&）不允许使用', hint: '删除 &名称' });
        }
        if (ev.tagStart >= 0) {
          structuralProblem({ ...at(ev.tagStart), path, code: 'yaml-tag', message: `不允许 YAML 标签 ${yaml.slice(ev.tagStart, ev.tagEnd)}`, hint: '删除 ! 开头的标签；要文字就给值加引号' });
        }
        if (ev.valueStart >= 0) {
          if (lineProblems.length) spans.push({ start: ev.valueStart, end: ev.valueEnd, path });
          positions.add(path, ev.valueStart, ev.valueStart, true);
          rawText.add(path, ev.valueStart, ev.valueEnd, true);
        }
        afterNode();
        break;
      }
    }
  }
  // Each line problem belongs to the field whose key or value it sits in (or the last one before it).
  for (const p of lineProblems) {
    const pos = at(p.offset);
    const lineIndex = pos.line - firstLine;
    const starts = (lines ??= lineStarts(yaml));
    const onLine = spans.find((span) => span.start >= starts[lineIndex] && span.start < (starts[lineIndex + 1] ?? Infinity));
    // A full-width colon breaks the parse of its own line: read its field from the indentation.
    const path = p.code === 'fullwidth-colon' ? pathOfLine(yaml.split('\n'), lineIndex) : (onLine?.path ?? (pathAtOffset(spans, p.offset) || pathOfLine(sanitized.split('\n'), lineIndex)));
    problems.push({ ...withoutOffset(p), ...pos, path });
  }
  if (structural) return result;
  let value: unknown;
  try {
    const docs = constructFromEvents(events, { source: sanitized, schema: CORE_SCHEMA, json: duplicates });
    value = docs[0] ?? {};
  } catch (e) {
    if (!(e instanceof YAMLException)) throw e;
    problems.push({ line: firstLine, column: 1, path: PART.frontMatter, code: 'yaml-syntax', message: `YAML 无法读取：${e.reason}`, hint: '按上面的提示修正 YAML' });
    return result;
  }
  // Text that escapes (`"\u200B"`, `"\0"`) hides what the raw scan cannot see; and text has a size limit.
  // No text is longer than the YAML it is read from, and only an escape (a backslash) makes a
  // character the raw scan has not seen: most files need no walk through their values.
  if (yaml.length > limits.textChars || sanitized.includes('\\')) walkStrings(value, [], (text) => FORBIDDEN_CHARACTER.test(text) || text.length > limits.textChars, (text, path) => {
    const key = formatPath(path);
    const pos = positions.get(key) ?? keyPositions.get(key) ?? { line: firstLine, column: 1 };
    const bad = FORBIDDEN_CHARACTER.exec(text);
    if (bad) problems.push(forbiddenCharacterProblem(pos, key, bad[0]));
    if (text.length > limits.textChars) {
      problems.push({
        ...pos,
        path: key,
        code: 'text-too-long',
        message: `文字太长：${text.length} 个字符，上限 ${limits.textChars}`,
        hint: `每个文字字段最多 ${limits.textChars} 个字符；核对是否误粘贴了整份文件，长的说明写在正文里`,
      });
    }
  });
  result.value = value;
  return result;
}

function depthProblem(maxDepth: number): Pick<YamlProblem, 'code' | 'message' | 'hint'> {
  return {
    code: 'nesting-too-deep',
    message: `列表和对象嵌套超过 ${maxDepth} 层`,
    hint: `内容最多嵌套 ${maxDepth} 层（指标表只需 4 层）；检查这里的缩进或成对的 [ ] { }`,
  };
}

function withoutOffset(p: LineProblem): YamlProblem {
  const { offset: _offset, ...rest } = p;
  return rest;
}

/** The field whose key or value covers an offset, or the last one before it. */
function pathAtOffset(spans: Span[], offset: number): string {
  let best = '';
  for (const s of spans) {
    if (s.start > offset) break;
    best = s.path;
    if (offset < s.end) return s.path;
  }
  return best;
}

/** Calls `visit` with the path of each string that `wanted` picks; the path array is shared, copy it to keep it. */
function walkStrings(value: unknown, path: Array<string | number>, wanted: (text: string) => boolean, visit: (text: string, path: Array<string | number>) => void) {
  if (typeof value === 'string') {
    if (wanted(value)) visit(value, path);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walkStrings(value[i], path, wanted, visit);
      path.pop();
    }
  } else if (value !== null && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      path.push(k);
      walkStrings((value as Record<string, unknown>)[k], path, wanted, visit);
      path.pop();
    }
  }
}

/** `parent.key`, or `key` at the top. */
function childPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

/**
 * Strict YAML for content files. js-yaml's event stream gives every key and value its
 * offset, so problems point at a line and column; on top of YAML 1.2's core schema (no
 * automatic dates, no merge keys) it refuses what makes a file mean something other than
 * what the editor sees: duplicate keys, anchors and aliases, tags, `<<`, `__proto__`,
 * several documents, full-width colons and ideographic-space indents.
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
import { formatPath, type Problem } from '../problems.ts';

export interface Position {
  line: number;
  column: number;
}

export type YamlProblem = Omit<Problem, 'file' | 'severity'>;

export interface StrictYamlResult {
  /** The document's value, or undefined when it could not be read. */
  value: unknown;
  /** Position of each path's value (or key, for a missing or container value). */
  positions: Map<string, Position>;
  /** Position of each path's key. */
  keyPositions: Map<string, Position>;
  /** Raw source text of each scalar, by path (to quote it in messages). */
  rawText: Map<string, string>;
  problems: YamlProblem[];
}

export { formatPath };

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function toPosition(starts: number[], offset: number, firstLine: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: firstLine + lo, column: offset - starts[lo] + 1 };
}

/** Line-level problems YAML itself would misread or report obscurely. */
function scanLines(yaml: string, firstLine: number): YamlProblem[] {
  const problems: YamlProblem[] = [];
  yaml.split('\n').forEach((line, i) => {
    const lineNo = firstLine + i;
    const indent = /^[ \t\u3000]*/.exec(line)![0];
    const ideographic = indent.indexOf('\u3000');
    if (ideographic >= 0) {
      problems.push({
        line: lineNo,
        column: ideographic + 1,
        path: '',
        code: 'ideographic-indent', message: '缩进中有全角空格（U+3000）',
        hint: '缩进只能用半角空格；把行首的全角空格换成两个半角空格',
      });
    }
    if (indent.includes('\t')) {
      problems.push({ line: lineNo, column: indent.indexOf('\t') + 1, path: '', code: 'tab-indent', message: '缩进中有制表符', hint: 'YAML 缩进只能用半角空格' });
    }
    const fullWidth = /^([ \u3000]*(?:- )?)([A-Za-z_][\w-]*)\s*：/.exec(line);
    if (fullWidth) {
      problems.push({
        line: lineNo,
        column: fullWidth[1].length + fullWidth[2].length + 1,
        path: fullWidth[2],
        code: 'fullwidth-colon', message: `字段 ${fullWidth[2]} 后面用了全角冒号“：”`,
        hint: `改成半角冒号加空格：${fullWidth[2]}: …`,
      });
    }
  });
  return problems;
}

interface Frame {
  kind: 'map' | 'seq';
  path: Array<string | number>;
  index: number;
  /** For maps: the key whose value comes next, or null when a key comes next. */
  pendingKey: string | null;
  keys: Set<string>;
}

/** Parses YAML text strictly; `firstLine` is the file line the text starts on. */
export function parseStrictYaml(yaml: string, firstLine: number): StrictYamlResult {
  const positions = new Map<string, Position>();
  const keyPositions = new Map<string, Position>();
  const rawText = new Map<string, string>();
  const problems = scanLines(yaml, firstLine);
  const starts = lineStarts(yaml);
  const at = (offset: number) => toPosition(starts, offset, firstLine);
  const result: StrictYamlResult = { value: undefined, positions, keyPositions, rawText, problems };
  const lineProblems = new Set(problems.map((p) => p.line));

  let events: Event[];
  try {
    events = parseEvents(yaml, {});
  } catch (e) {
    if (e instanceof YAMLException) {
      const mark = e.mark as { line?: number; column?: number } | undefined;
      const line = firstLine + (mark?.line ?? 0);
      // A full-width colon or ideographic indent already explains the syntax error that follows it.
      if (lineProblems.size === 0) {
        problems.push({
          line,
          column: (mark?.column ?? 0) + 1,
          path: '',
          code: 'yaml-syntax', message: `YAML 语法错误：${e.reason}`,
          hint: '检查这一行的缩进、冒号后的空格和引号是否成对；含冒号或 # 的文字要加引号',
        });
      }
      return result;
    }
    throw e;
  }

  const stack: Frame[] = [];
  let documents = 0;
  let structural = false;
  let duplicates = false;

  /** The path of the node about to start, and registers the position. */
  const enterNode = (offset: number): Array<string | number> => {
    const top = stack[stack.length - 1];
    if (!top) return [];
    if (top.kind === 'seq') return [...top.path, top.index];
    return [...top.path, top.pendingKey ?? ''];
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
          problems.push({ line: firstLine, column: 1, path: '', code: 'yaml-documents', message: 'front matter 中有多个 YAML 文档', hint: '一个文件只能有一段 YAML；删除多余的 --- 或 ... 分隔' });
          structural = true;
        }
        break;
      case EVENT_ID.ALIAS: {
        const pos = at(ev.anchorStart);
        problems.push({ ...pos, path: formatPath(enterNode(ev.anchorStart)), code: 'yaml-alias', message: 'YAML 别名（*）不允许使用', hint: '把被引用的内容直接写出来，不要用 & 锚点和 * 别名' });
        structural = true;
        afterNode();
        break;
      }
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const path = enterNode(ev.start);
        const top = stack[stack.length - 1];
        if (top?.kind === 'map' && top.pendingKey === null) {
          problems.push({ ...at(ev.start), path: formatPath(top.path), code: 'yaml-complex-key', message: '字段名必须是文字，不能是列表或对象', hint: '检查这一行的缩进' });
          structural = true;
        }
        if (ev.anchorStart >= 0) {
          problems.push({ ...at(ev.anchorStart), path: formatPath(path), code: 'yaml-anchor', message: 'YAML 锚点（&）不允许使用', hint: '删除 &名称；每处内容直接写出' });
          structural = true;
        }
        if (ev.tagStart >= 0) {
          problems.push({ ...at(ev.tagStart), path: formatPath(path), code: 'yaml-tag', message: `不允许 YAML 标签 ${yaml.slice(ev.tagStart, ev.tagEnd)}`, hint: '删除 ! 开头的标签' });
          structural = true;
        }
        if (!positions.has(formatPath(path))) positions.set(formatPath(path), at(ev.start));
        stack.push({ kind: ev.type === EVENT_ID.MAPPING ? 'map' : 'seq', path, index: 0, pendingKey: null, keys: new Set() });
        break;
      }
      case EVENT_ID.POP:
        stack.pop();
        afterNode();
        break;
      case EVENT_ID.SCALAR: {
        const top = stack[stack.length - 1];
        const raw = yaml.slice(ev.valueStart, ev.valueEnd);
        if (top?.kind === 'map' && top.pendingKey === null) {
          const key = getScalarValue(yaml, ev);
          const keyPath = formatPath([...top.path, key]);
          const pos = at(ev.valueStart);
          if (key === '<<') {
            problems.push({ ...pos, path: keyPath, code: 'yaml-merge-key', message: '不允许 YAML 合并键 <<', hint: '把要合并的字段直接写出来' });
            structural = true;
          } else if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
            problems.push({ ...pos, path: keyPath, code: 'forbidden-key', message: `不允许字段名 ${key}`, hint: '删除这个字段' });
            structural = true;
          } else if (top.keys.has(key)) {
            problems.push({ ...pos, path: keyPath, code: 'duplicate-key', message: `字段 ${key} 重复出现`, hint: `删除其中一个 ${key}，或合并两处内容` });
            duplicates = true;
          }
          if (ev.tagStart >= 0 || ev.anchorStart >= 0) {
            problems.push({ ...pos, path: keyPath, code: 'yaml-tag', message: '字段名上不允许标签或锚点', hint: '删除 ! 或 & 开头的部分' });
            structural = true;
          }
          top.keys.add(key);
          top.pendingKey = key;
          if (!keyPositions.has(keyPath)) keyPositions.set(keyPath, pos);
          break;
        }
        const path = formatPath(enterNode(ev.valueStart));
        if (ev.anchorStart >= 0) {
          problems.push({ ...at(ev.anchorStart), path, code: 'yaml-anchor', message: 'YAML 锚点（&）不允许使用', hint: '删除 &名称' });
          structural = true;
        }
        if (ev.tagStart >= 0) {
          problems.push({ ...at(ev.tagStart), path, code: 'yaml-tag', message: `不允许 YAML 标签 ${yaml.slice(ev.tagStart, ev.tagEnd)}`, hint: '删除 ! 开头的标签；要文字就给值加引号' });
          structural = true;
        }
        if (ev.valueStart >= 0) {
          positions.set(path, at(ev.valueStart));
          rawText.set(path, raw);
        }
        afterNode();
        break;
      }
    }
  }
  if (structural) return result;
  try {
    const docs = constructFromEvents(events, { source: yaml, schema: CORE_SCHEMA, json: duplicates });
    result.value = docs[0] ?? {};
  } catch (e) {
    if (!(e instanceof YAMLException)) throw e;
    problems.push({ line: firstLine, column: 1, path: '', code: 'yaml-syntax', message: `YAML 无法读取：${e.reason}`, hint: '按上面的提示修正 YAML' });
  }
  return result;
}

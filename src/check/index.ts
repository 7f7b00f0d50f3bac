/**
 * The editors' gate: reads every file under content/ the way the build does (src/check/reader.ts),
 * then runs the rules that span files, and reports every problem of every file at once with
 * file, line, column, field path, a message in Chinese and a hint saying what to change.
 *
 * Files are read one at a time; of each file only the facts the cross-file rules need are
 * kept, so a province of 100,000 projects fits in a small heap.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Region } from '../schemas/region.ts';
import type { Department } from '../schemas/department.ts';
import type { Project } from '../schemas/project.ts';
import { formatReport, PART, ProblemCollector, type Problem } from '../problems.ts';
import { readEntry, type Kind } from './reader.ts';
import { qualityWarnings } from './quality.ts';
import { CONTENT, ContentIndex, crossFileProblems, departmentFacts, projectFacts, regionFacts } from './crossFile.ts';
import type { CheckCache, FileOutcome } from './cache.ts';
import { holdsPlaceholder } from '../lib/skeleton.ts';

export type { Problem, Severity } from '../problems.ts';

export interface CheckResult {
  files: number;
  /** The problems kept (all of them, unless the collector keeps only errors), in reading order. */
  problems: Problem[];
  errors: number;
  warnings: number;
  /**
   * The .md files whose text holds the placeholder 【待填写】, in reading order: the placeholder
   * messages (src/lib/skeleton.ts) read these again instead of every file.
   */
  placeholders?: string[];
}

const LAYOUT: Record<Kind, { depth: number; example: string }> = {
  regions: { depth: 1, example: 'content/regions/130229.md' },
  departments: { depth: 3, example: 'content/departments/130229/2023/287001.md' },
  projects: { depth: 3, example: 'content/projects/130229/2023/13022923P00JXC415588T.md' },
};

/** Files under a folder, relative to `root` with forward slashes, in a stable order, one at a time. */
function* walk(root: string, rel: string): Generator<string> {
  const entries = readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const child = `${rel}/${entry.name}`;
    if (entry.isDirectory()) yield* walk(root, child);
    else yield child;
  }
}

/** The collection a file belongs to, or null when it is outside the layout. */
export function kindOf(rel: string): Kind | null {
  const parts = rel.split('/');
  if (parts[0] !== CONTENT || !rel.endsWith('.md')) return null;
  const kind = parts[1];
  if (!Object.hasOwn(LAYOUT, kind)) return null;
  return parts.length === LAYOUT[kind as Kind].depth + 2 ? (kind as Kind) : null;
}

/** What one file under content/ gave the check, as the run's report takes it in reading order. */
export interface FileResult {
  file: string;
  /** Its collection, or null when it is outside the layout (then it is not parsed). */
  kind: Kind | null;
  /** Whether its bytes hold the placeholder 【待填写】 (asked only of .md files). */
  placeholder: boolean;
  /** Its own problems and facts; none for a file outside the layout. */
  outcome?: Omit<FileOutcome, 'parsed'>;
}

/** The run's report, filled one file at a time in reading order; the cross-file rules run at the end. */
export class Gathering {
  readonly #collector: ProblemCollector;
  readonly #index = new ContentIndex();
  readonly #placeholders: string[] = [];
  #files = 0;

  constructor(collector: ProblemCollector) {
    this.#collector = collector;
  }

  take({ file, kind, placeholder, outcome }: FileResult): void {
    this.#files++;
    if (placeholder) this.#placeholders.push(file);
    if (!kind || !outcome) {
      this.#collector.add({
        file,
        line: 1,
        column: 1,
        path: PART.file,
        code: 'file-outside-layout',
        message: '文件不在约定的位置，不会被发布',
        hint: `地区、部门、项目文件分别放在 ${Object.values(LAYOUT).map((l) => l.example).join('、')} 这样的位置，扩展名 .md`,
        severity: 'error',
      });
      return;
    }
    for (const p of outcome.problems) this.#collector.add(p);
    const index = this.#index;
    if (!outcome.facts) index.invalid.add(file);
    else if (outcome.facts.kind === 'regions') index.addRegion(outcome.facts.facts);
    else if (outcome.facts.kind === 'departments') index.addDepartment(outcome.facts.facts);
    else index.addProject(outcome.facts.facts);
  }

  finish(): CheckResult {
    const collector = this.#collector;
    crossFileProblems(this.#index, (p) => collector.add(p));
    return { files: this.#files, problems: collector.sorted(), errors: collector.counts.errors, warnings: collector.counts.warnings, placeholders: this.#placeholders };
  }
}

/** Every file under `<root>/content`, relative to `root`, in reading order. */
export function contentFiles(root: string): string[] {
  return [...walk(root, CONTENT)];
}

/**
 * Checks every file under `<root>/content`; problems go to the collector as they are found.
 * With a cache, a file whose bytes were checked before by the same code gives its stored
 * problems and facts instead of being parsed again; the cross-file rules run over all facts.
 */
export function checkContent(root: string, collector = new ProblemCollector(), cache?: CheckCache): CheckResult {
  return checkFiles(root, walk(root, CONTENT), collector, cache);
}

/** checkContent over the given files (from contentFiles), in this thread. */
export function checkFiles(root: string, files: Iterable<string>, collector = new ProblemCollector(), cache?: CheckCache): CheckResult {
  const gathering = new Gathering(collector);
  for (const file of files) {
    const { kind, placeholder, bytes } = readContentFile(root, file);
    if (!kind || !bytes) gathering.take({ file, kind, placeholder });
    else gathering.take({ file, kind, placeholder, outcome: cache ? cache.outcome(file, bytes, () => checkFile(kind, file, bytes)) : checkFile(kind, file, bytes) });
  }
  return gathering.finish();
}

/**
 * Reads one file as the check does: its collection, whether it holds the placeholder, and its
 * bytes to parse (none for a file outside the layout, which is only looked at for the placeholder).
 */
export function readContentFile(root: string, file: string): { kind: Kind | null; placeholder: boolean; bytes?: Buffer } {
  const kind = kindOf(file);
  if (!kind) return { kind, placeholder: file.endsWith('.md') && holdsPlaceholder(readFileSync(join(root, file))) };
  const bytes = readFileSync(join(root, file));
  return { kind, placeholder: holdsPlaceholder(bytes), bytes };
}

/** What one file gives the check, from its bytes alone: its problems in the order found, and its facts when valid. */
export function checkFile(kind: Kind, file: string, bytes: Uint8Array): FileOutcome {
  const entry = readEntry(kind, file, bytes);
  if (!entry.data) return { problems: entry.problems };
  const parsed = { data: entry.data, body: entry.body };
  if (kind === 'regions') return { problems: entry.problems, facts: { kind, facts: regionFacts(file, entry.data as Region, entry.positionOf) }, parsed };
  if (kind === 'departments') return { problems: entry.problems, facts: { kind, facts: departmentFacts(file, entry.data as Department, entry.positionOf) }, parsed };
  const project = entry.data as Project;
  return {
    problems: [...entry.problems, ...qualityWarnings(file, project, entry.positionOf)],
    facts: { kind, facts: projectFacts(file, project, entry.positionOf) },
    parsed,
  };
}

/** Every error in full, warnings in full with `verbose` or summarised per rule, then the totals. */
export function formatProblems(result: CheckResult, verbose = true): string {
  const collector = new ProblemCollector();
  for (const p of result.problems) collector.add(p);
  return formatCheckReport(result, collector, verbose);
}

export function formatCheckReport(result: CheckResult, collector: ProblemCollector, verbose: boolean): string {
  return formatReport(result.problems, collector.counts, { verbose, subject: `检查了 ${result.files} 个文件` });
}

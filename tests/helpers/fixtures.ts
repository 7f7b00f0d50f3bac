/** Builds a content tree from the valid base plus one case's overlay, and runs the checker on it. */
import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkContent, formatProblems, type CheckResult } from '../../src/check/index.ts';

export const FIXTURES = 'tests/fixtures';

/** The check's bad-input cases: each folder of tests/fixtures/check/ but the valid base. */
export const CHECK_CASES = readdirSync(join(FIXTURES, 'check'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
  .map((d) => d.name)
  .sort();

/**
 * A fresh tree: the valid base, then each overlay's `content/`. An overlay may also hold a
 * `make.ts` whose default export writes into the tree what is too big to keep in git.
 */
export async function treeFor(...overlays: string[]): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'gongkai-check-'));
  cpSync(join(FIXTURES, 'check/_base'), root, { recursive: true });
  for (const o of overlays) {
    const dir = join(FIXTURES, o);
    if (existsSync(join(dir, 'content'))) cpSync(join(dir, 'content'), join(root, 'content'), { recursive: true });
    const make = join(dir, 'make.ts');
    if (existsSync(make)) {
      const module = (await import(pathToFileURL(resolve(make)).href)) as { default: (root: string) => void };
      module.default(root);
    }
  }
  return root;
}

/** The check over a case's tree, and the report exactly as `npm run check` prints it (warnings summarised). */
export async function check(...overlays: string[]): Promise<CheckResult & { text: string }> {
  const result = checkContent(await treeFor(...overlays));
  return { ...result, text: formatProblems(result, false) };
}

/** The summarised and the verbose report and the --json file: what an editor or a tool sees of a run. */
export function everything(result: CheckResult): string {
  return [formatProblems(result, false), formatProblems(result, true), JSON.stringify(result, null, 2)].join('\n=====\n');
}

/** Builds a content tree from the valid base plus one case's overlay, and runs the checker on it. */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkContent, formatProblems, type CheckResult } from '../../src/check/index.ts';

export const FIXTURES = 'tests/fixtures';

export function treeFor(...overlays: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'gongkai-check-'));
  cpSync(join(FIXTURES, 'check/_base'), root, { recursive: true });
  for (const o of overlays) cpSync(join(FIXTURES, o), root, { recursive: true });
  return root;
}

export function check(...overlays: string[]): CheckResult & { text: string } {
  const result = checkContent(treeFor(...overlays));
  return { ...result, text: formatProblems(result) };
}

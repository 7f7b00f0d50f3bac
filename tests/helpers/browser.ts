import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launch, serveDist } from '../../src/audit/browser.ts';

export { CHROMIUM, launch, serveDist } from '../../src/audit/browser.ts';

/** Serves dist/ (or `dir`) and opens one browser page for the calling test file, closed after it. */
export function useBrowserPage(dir = 'dist'): { page: Page; origin: string } {
  const state = {} as { page: Page; origin: string; server?: Server; browser?: Browser };
  beforeAll(async () => {
    const served = await serveDist(dir);
    state.server = served.server;
    state.origin = served.origin;
    state.browser = await launch();
    state.page = await state.browser.newPage();
  });
  afterAll(async () => {
    await state.browser?.close();
    state.server?.close();
  });
  return state;
}

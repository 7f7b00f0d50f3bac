/**
 * The quality tables with JavaScript: a table complete on its page sorts in place when a
 * header is pressed; a paged table keeps its links to the server-sorted views.
 */
import { expect, test } from 'vitest';
import { useBrowserPage } from './helpers/browser.ts';
import { loadDepartments } from './helpers/content.ts';
import { departmentUrl } from '../src/lib/site.ts';

const browser = useBrowserPage();

const largest = loadDepartments().sort((a, b) => b.projects.length - a.projects.length)[0];

test('pressing 可量化占比 on a department page sorts its projects by that share, and again reverses', async () => {
  await browser.page.goto(`${browser.origin}${departmentUrl(largest)}`);
  const table = browser.page.locator('section.quality table.quality-rank');
  const shares = () => table.locator('tbody td.share').evaluateAll((cells) => cells.map((c) => Number((c as HTMLElement).dataset.sortValue)));
  await table.getByRole('button', { name: '可量化占比' }).click();
  const up = await shares();
  expect(up).toEqual([...up].sort((a, b) => a - b));
  expect(await table.locator('th[aria-sort="ascending"]').count()).toBe(1);
  await table.getByRole('button', { name: '可量化占比' }).click();
  const down = await shares();
  expect(down).toEqual([...up].sort((a, b) => b - a));
  expect(down).toHaveLength(largest.projects.length);
});

test('the headers of a server-sorted view stay links to the other sorts', async () => {
  await browser.page.goto(`${browser.origin}/quality/projects/share/1/`);
  const pages = await browser.page.locator('table.quality-rank').getAttribute('data-pages');
  const links = await browser.page.locator('table.quality-rank thead a').count();
  const buttons = await browser.page.locator('table.quality-rank thead button').count();
  if (pages === '1') expect(buttons).toBe(5);
  else expect(links).toBe(3);
});

/**
 * The built site from a content repository with known commits: 最后更新 and 发布日期 on the
 * pages, the 更正说明 notice, /changes/, /corrections/, /feed.xml and the home page's latest
 * changes; and a shallow clone still builds and says the date is unknown.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from './helpers/buildSite.ts';
import { correctedProject, tempRepo } from './helpers/gitRepo.ts';

const OUT = '.cache/site-publishing';
const SHALLOW_OUT = '.cache/site-publishing-shallow';
const DEPT = 'content/departments/130229/2023/287001.md';
const PROJECT = 'content/projects/130229/2023/13022923P00JXC415588T.md';
const PROJECT_URL = '130229/2023/287001/13022923P00JXC415588T/';
const REPOSITORY = 'https://gitlab.example.gov.cn/caizheng/gongkai';
const REASON = '预算数录入有误，由 50000.00 元更正为 60000.00 元';
let repoDir = '';

const load = (out: string, path: string) => cheerio.load(readFileSync(join(out, path, 'index.html'), 'utf8'));

beforeAll(() => {
  const repo = tempRepo();
  repo.copy('content/regions/130229.md', 'content/regions/130229.md');
  repo.write(DEPT, readFileSync(DEPT, 'utf8').replace('sourceFile:', 'publishedOn: "2023-02-10"\nsourceFile:'));
  repo.copy(PROJECT, PROJECT);
  repo.commit('发布玉田县老干部局 2023 年预算绩效目标', '2024-03-01T09:00:00+08:00');
  repo.write(PROJECT, correctedProject('60000.00', { date: '2024-05-02', reason: REASON }));
  repo.commit('更正老年大学项目预算数', '2024-05-02T10:00:00+08:00');
  repoDir = repo.dir;
  buildSite({ GONGKAI_CONTENT: join(repo.dir, 'content'), GONGKAI_OUT: OUT, GONGKAI_REPOSITORY: REPOSITORY, GONGKAI_SITE: 'https://budget.example.gov.cn' }, { check: false });
});

describe('a site built from a repository with history', () => {
  test('the project page shows 最后更新, 发布日期, its source links and the 更正说明 notice', () => {
    const $ = load(OUT, PROJECT_URL);
    const history = $('.page-history').text();
    expect(history).toContain('发布日期：2023年2月10日');
    expect(history).toContain('最后更新：2024年5月2日');
    expect($('.page-history a').map((_, a) => $(a).attr('href')).get()).toEqual([
      `${REPOSITORY}/-/blob/main/${PROJECT}`,
      `${REPOSITORY}/-/commits/main/${PROJECT}`,
    ]);
    const notice = $('#corrections');
    expect(notice.find('h2').text()).toBe('更正说明');
    expect(notice.find('#correction-1').text()).toBe(`2024年5月2日：${REASON}`);
    expect($('.amount').text()).toContain('60,000.00');
  });

  test('the department page shows its own dates and no correction notice', () => {
    const $ = load(OUT, '130229/2023/287001/');
    expect($('.page-history').text()).toContain('最后更新：2024年3月1日');
    expect($('#corrections').length).toBe(0);
  });

  test('/changes/ lists each commit newest first with the pages it changed', () => {
    const $ = load(OUT, 'changes/');
    expect($('.changes > li h2').map((_, h) => $(h).text()).get()).toEqual(['2024年5月2日 更正老年大学项目预算数', '2024年3月1日 发布玉田县老干部局 2023 年预算绩效目标']);
    const latest = $('.changes > li').first();
    expect(latest.find('li').text()).toBe('修改项目：老年大学、关心下一代经费（中国共产党玉田县委老干部局本级 2023 年）');
    expect(latest.find('li a').attr('href')).toBe(`/${PROJECT_URL}`);
  });

  test('/corrections/ lists the correction and links to it on its page', () => {
    const $ = load(OUT, 'corrections/');
    const row = $('table.corrections tbody tr');
    expect(row.length).toBe(1);
    expect(row.find('td').map((_, td) => $(td).text()).get()).toEqual(['2024年5月2日', '老年大学、关心下一代经费（中国共产党玉田县委老干部局本级 2023 年）', REASON]);
    expect(row.find('a').attr('href')).toBe(`/${PROJECT_URL}#correction-1`);
  });

  test('/feed.xml carries both commits and the correction; the home page shows the latest changes', () => {
    const feed = cheerio.load(readFileSync(join(OUT, 'feed.xml'), 'utf8'), { xml: true });
    expect(feed('entry > title').map((_, t) => feed(t).text()).get()).toEqual([
      '更正老年大学项目预算数',
      '更正说明：老年大学、关心下一代经费（中国共产党玉田县委老干部局本级 2023 年）',
      '发布玉田县老干部局 2023 年预算绩效目标',
    ]);
    const $ = load(OUT, '');
    expect($('.latest-changes li a').first().text()).toBe('更正老年大学项目预算数');
    expect($('link[rel="alternate"][type="application/atom+xml"]').attr('href')).toBe('/feed.xml');
  });
});

test('a shallow clone builds and says the date is unknown', () => {
  const clone = join(mkdtempSync(join(tmpdir(), 'gongkai-shallow-site-')), 'clone');
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repoDir}`, clone]);
  buildSite({ GONGKAI_CONTENT: join(clone, 'content'), GONGKAI_OUT: SHALLOW_OUT }, { check: false });
  const $ = load(SHALLOW_OUT, '130229/2023/287001/');
  expect($('.page-history').text()).toContain('最后更新：日期未知');
  expect($('.page-history .unknown').attr('title')).toContain('fetch-depth: 0');
  // No repository address configured or given by CI: no links rather than broken ones.
  expect($('.page-history a').length).toBe(0);
  expect(load(SHALLOW_OUT, 'changes/')('.note').first().text()).toContain('浅克隆');
});

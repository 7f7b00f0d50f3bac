/**
 * Dates, the change list and the Atom feed, read from a temporary git repository whose commits
 * have known dates and messages; shallow and git-less builds say the date is unknown.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, test } from 'vitest';
import { readContentHistory } from '../src/lib/history.ts';
import { buildPublishing } from '../src/lib/publishing.ts';
import { changeFeed } from '../src/lib/changeFeed.ts';
import { resolveRepository, sourceLinks } from '../src/lib/repository.ts';
import { buildSiteModel } from '../src/lib/site.ts';
import { loadDepartments, loadProjects } from './helpers/content.ts';
import { correctedProject, tempRepo, type TempRepo } from './helpers/gitRepo.ts';

const DEPT = 'content/departments/130229/2023/287001.md';
const PROJECT = 'content/projects/130229/2023/13022923P00JXC415588T.md';
const REGION = 'content/regions/130229.md';
const DEPT_URL = '/130229/2023/287001/';
const PROJECT_URL = '/130229/2023/287001/13022923P00JXC415588T/';
const SITE = new URL('https://budget.example.gov.cn/');
const REPO = resolveRepository({ url: 'https://github.com/example-bureau/budget', branch: 'main' }, {});

function modelOf(root: string) {
  const region = { code: '130229', province: '河北省', city: '唐山市', county: '玉田县' };
  return buildSiteModel([region], loadDepartments(join(root, 'content')), loadProjects(join(root, 'content')));
}

describe('a repository with known commits', () => {
  let repo: TempRepo;
  const hashes: Record<string, string> = {};
  beforeAll(() => {
    repo = tempRepo();
    repo.copy(REGION, REGION);
    repo.copy(DEPT, DEPT);
    repo.copy(PROJECT, PROJECT);
    repo.write('content/projects/130229/2023/OLD.md', '---\nplaceholder: true\n---\n');
    hashes.first = repo.commit('发布玉田县老干部局 2023 年预算绩效目标', '2024-03-01T09:00:00+08:00');
    repo.write('README.md', 'not content\n');
    hashes.nonContent = repo.commit('Docs only', '2024-04-01T09:00:00+08:00');
    repo.write(PROJECT, correctedProject('60000.00', { date: '2024-05-02', reason: '预算数录入有误，由 50000.00 元更正为 60000.00 元' }));
    repo.remove('content/projects/130229/2023/OLD.md');
    hashes.correction = repo.commit('更正老年大学项目预算数', '2024-05-02T23:30:00+08:00');
  });

  test('dates: the last commit that touched each file, in the commit’s own time zone', () => {
    const h = readContentHistory(join(repo.dir, 'content'));
    expect(h.status).toBe('complete');
    expect(h.contentPath).toBe('content');
    expect(h.lastChange.get(DEPT)?.date).toBe('2024-03-01');
    expect(h.lastChange.get(PROJECT)?.date).toBe('2024-05-02');
    expect(h.lastChange.get(PROJECT)?.hash).toBe(hashes.correction);
  });

  test('only content commits are listed, newest first, with the files each changed', () => {
    const h = readContentHistory(join(repo.dir, 'content'));
    expect(h.commits.map((c) => [c.subject, c.date, c.author])).toEqual([
      ['更正老年大学项目预算数', '2024-05-02', '编辑 张三'],
      ['发布玉田县老干部局 2023 年预算绩效目标', '2024-03-01', '编辑 张三'],
    ]);
    expect(h.commits[0].files).toEqual([
      { status: 'modified', path: PROJECT },
      { status: 'deleted', path: 'content/projects/130229/2023/OLD.md' },
    ]);
  });

  test('pages get their dates, publication date and source links; the change list links to pages', () => {
    const h = readContentHistory(join(repo.dir, 'content'));
    const p = buildPublishing(modelOf(repo.dir), h, REPO);
    const project = p.pages.get(PROJECT_URL)!;
    expect(project.lastUpdated?.date).toBe('2024-05-02');
    expect(project.links).toEqual({
      source: `https://github.com/example-bureau/budget/blob/main/${PROJECT}`,
      history: `https://github.com/example-bureau/budget/commits/main/${PROJECT}`,
    });
    expect(p.pages.get(DEPT_URL)!.lastUpdated?.date).toBe('2024-03-01');
    const [latest] = p.changes;
    expect(latest.pages.map((x) => [x.status, x.kind, x.url])).toEqual([
      ['modified', 'project', PROJECT_URL],
      ['deleted', 'project', null],
    ]);
    expect(p.corrections.map((c) => [c.date, c.page.url, c.number])).toEqual([['2024-05-02', PROJECT_URL, 1]]);
  });

  test('the feed is well-formed Atom with the required elements, newest first, and carries the correction', () => {
    const h = readContentHistory(join(repo.dir, 'content'));
    const xml = changeFeed(buildPublishing(modelOf(repo.dir), h, REPO), SITE);
    const feed = parseXml(xml);
    expect(feed.name).toBe('feed');
    expect(feed.ns).toBe('http://www.w3.org/2005/Atom');
    for (const required of ['id', 'title', 'updated']) expect(child(feed, required), required).toBeDefined();
    const entries = feed.children.filter((c) => c.name === 'entry');
    for (const e of entries) {
      for (const required of ['id', 'title', 'updated']) expect(text(child(e, required)), required).not.toBe('');
      expect(new Date(text(child(e, 'updated'))).getTime()).not.toBeNaN();
      // Atom: every entry has an author, its own or the feed's.
      expect(child(e, 'author') ?? child(feed, 'author')).toBeDefined();
    }
    const updated = entries.map((e) => new Date(text(child(e, 'updated'))).getTime());
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
    expect(text(child(feed, 'updated'))).toBe(text(child(entries[0], 'updated')));
    expect(entries.map((e) => text(child(e, 'title')))).toEqual([
      '更正老年大学项目预算数',
      '更正说明：老年大学、关心下一代经费（中国共产党玉田县委老干部局本级 2023 年）',
      '发布玉田县老干部局 2023 年预算绩效目标',
    ]);
    const correction = entries[1];
    expect(child(correction, 'link')!.attributes.href).toBe(`https://budget.example.gov.cn${PROJECT_URL}#correction-1`);
    expect(text(child(correction, 'content'))).toContain('预算数录入有误，由 50000.00 元更正为 60000.00 元');
    expect(text(child(entries[0], 'content'))).toContain(`<a href="https://budget.example.gov.cn${PROJECT_URL}">`);
  });

  test('a shallow clone keeps the dates it can know and leaves the others unknown, not wrong', () => {
    const shallow = join(mkdtempSync(join(tmpdir(), 'gongkai-shallow-')), 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, shallow]);
    const h = readContentHistory(join(shallow, 'content'));
    expect(h.status).toBe('shallow');
    expect(h.reason).toContain('fetch-depth: 0');
    // Depth 1: the one commit is the graft, which git shows as adding every file.
    expect(h.commits).toEqual([]);
    expect(h.lastChange.get(DEPT)).toBeUndefined();
    const p = buildPublishing(modelOf(shallow), h, REPO);
    expect(p.pages.get(DEPT_URL)!.lastUpdated).toBeNull();

    execFileSync('git', ['fetch', '-q', '--deepen', '1'], { cwd: shallow });
    const deeper = readContentHistory(join(shallow, 'content'));
    expect(deeper.lastChange.get(PROJECT)?.date).toBe('2024-05-02');
    expect(deeper.lastChange.get(DEPT)).toBeUndefined();
  });

  test('no repository at all: the build goes on and every date is unknown', () => {
    const bare = mkdtempSync(join(tmpdir(), 'gongkai-nogit-'));
    const h = readContentHistory(bare);
    expect(h.status).toBe('unavailable');
    expect(h.lastChange.size).toBe(0);
    expect(h.reason).toMatch(/git/);
  });
});

test.each([
  ['GitHub', { url: 'https://github.com/a/b/', branch: 'main' }, {}, 'https://github.com/a/b/blob/main/content/x.md'],
  ['GitLab', { url: 'https://gitlab.example.cn/caizheng/gongkai', branch: 'main' }, {}, 'https://gitlab.example.cn/caizheng/gongkai/-/blob/main/content/x.md'],
  ['GitHub Actions', { url: '', branch: 'main' }, { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'c/d' }, 'https://github.com/c/d/blob/main/content/x.md'],
  ['GitLab CI', { url: '', branch: '' }, { CI_PROJECT_URL: 'https://git.example.cn/e/f', CI_DEFAULT_BRANCH: 'master' }, 'https://git.example.cn/e/f/-/blob/master/content/x.md'],
  ['nothing set', { url: '', branch: 'main' }, {}, undefined],
])('source link of a file (%s)', (_name, config, env, expected) => {
  expect(sourceLinks(resolveRepository(config, env), 'content/x.md')?.source).toBe(expected);
});

interface XmlNode {
  name: string;
  ns: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** A strict XML parse (saxes throws on anything not well-formed) into a small tree. */
function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.local, ns: tag.uri, attributes: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value])), children: [], text: '' };
    stack.at(-1)?.children.push(node);
    root ??= node;
    stack.push(node);
  });
  parser.on('text', (t) => stack.at(-1) && (stack.at(-1)!.text += t));
  parser.on('cdata', (t) => stack.at(-1) && (stack.at(-1)!.text += t));
  parser.on('closetag', () => stack.pop());
  parser.write(xml).close();
  return root!;
}
const child = (n: XmlNode, name: string) => n.children.find((c) => c.name === name);
const text = (n: XmlNode | undefined) => n?.text.trim() ?? '';

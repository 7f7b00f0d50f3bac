/**
 * What the site says about publication, computed once from the site model and the git
 * history: each page's 最后更新 / 发布日期 / source links / 更正说明, the list of content
 * changes for /changes/ and the feed, and every correction for /corrections/.
 */
import type { Correction } from '../schemas/corrections.ts';
import { departmentPath, projectPath } from './contentLayout.ts';
import type { ContentCommit, ContentHistory, ChangeStatus, HistoryStatus } from './history.ts';
import { sourceLinks, type RepositoryConfig, type SourceLinks } from './repository.ts';
import { regionName, type SiteModel } from './site.ts';

export type PageKind = 'department' | 'project';

export interface PageRecord {
  kind: PageKind;
  /** Heading of the page, with what identifies it (department and year for a project). */
  title: string;
  url: string;
  /** Content file, relative to the repository root. */
  file: string;
  /** Newest commit that changed the file; null when unknown (no git, shallow clone, not committed). */
  lastUpdated: ContentCommit | null;
  /** 发布日期 where the content gives it (a project takes its department document's). */
  publishedOn?: string;
  corrections: Correction[];
  links: SourceLinks | null;
}

export interface ChangedPage {
  status: ChangeStatus;
  kind: PageKind | 'other';
  /** Page title, or the file name when the file no longer exists. */
  title: string;
  /** null when the page is gone (deleted or renamed since). */
  url: string | null;
  file: string;
}

export interface ChangeEntry {
  commit: ContentCommit;
  pages: ChangedPage[];
}

export interface CorrectionEntry extends Correction {
  page: PageRecord;
  /** 1-based position in the page's list: the page's anchor is correctionAnchor(number). */
  number: number;
}

/** The id of a correction on its page, so that the feed and /corrections/ can link to it. */
export const correctionAnchor = (number: number) => `correction-${number}`;

export interface Publishing {
  historyStatus: HistoryStatus;
  historyReason?: string;
  /** By page URL. */
  pages: Map<string, PageRecord>;
  /** Content commits, newest first. */
  changes: ChangeEntry[];
  /** Every correction of every page, newest first. */
  corrections: CorrectionEntry[];
}

const KIND_LABEL: Record<ChangedPage['kind'], string> = { department: '部门文件', project: '项目', other: '文件' };
export const kindLabel = (kind: ChangedPage['kind']) => KIND_LABEL[kind];

/** `content` unless git says where the content folder sits in the repository. */
function contentRoot(history: ContentHistory): string {
  return history.contentPath || 'content';
}

export function buildPublishing(model: SiteModel, history: ContentHistory, repo: RepositoryConfig): Publishing {
  const root = contentRoot(history);
  const pages = new Map<string, PageRecord>();
  const byFile = new Map<string, PageRecord>();
  const add = (record: Omit<PageRecord, 'lastUpdated' | 'links'>) => {
    const full: PageRecord = { ...record, lastUpdated: history.lastChange.get(record.file) ?? null, links: sourceLinks(repo, record.file) };
    pages.set(full.url, full);
    byFile.set(full.file, full);
  };
  for (const d of model.departments) {
    add({
      kind: 'department',
      title: `${d.title}（${regionName(d.region)} ${d.data.year} 年）`,
      url: d.url,
      file: departmentPath(root, d.data.region, d.data.year, d.key),
      publishedOn: d.data.publishedOn,
      corrections: d.data.corrections ?? [],
    });
  }
  for (const p of model.projects) {
    add({
      kind: 'project',
      title: `${p.data.name}（${p.department.title} ${p.data.year} 年）`,
      url: p.url,
      file: projectPath(root, p.data.region, p.data.year, p.data.id),
      publishedOn: p.department.data.publishedOn,
      corrections: p.data.corrections ?? [],
    });
  }

  const changes: ChangeEntry[] = history.commits.map((commit) => ({
    commit,
    pages: commit.files.map((f): ChangedPage => {
      const page = byFile.get(f.path);
      if (page && f.status !== 'deleted') return { status: f.status, kind: page.kind, title: page.title, url: page.url, file: f.path };
      const kind = f.path.startsWith(`${root}/projects/`) ? 'project' : f.path.startsWith(`${root}/departments/`) ? 'department' : 'other';
      return { status: f.status, kind, title: f.path.slice(root.length + 1), url: null, file: f.path };
    }),
  }));

  const corrections = [...pages.values()]
    .flatMap((page) => page.corrections.map((c, i) => ({ ...c, page, number: i + 1 })))
    .sort((a, b) => b.date.localeCompare(a.date) || a.page.url.localeCompare(b.page.url));

  return { historyStatus: history.status, historyReason: history.reason, pages, changes, corrections };
}

/** 2026-11-21 → 2026年11月21日, as Chinese pages write dates. */
export function formatChineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

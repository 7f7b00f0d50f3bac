/**
 * Across years: the same unit's documents of other years, and the same project in other
 * years with the change in its budget. Computed once for the whole site; pages look their
 * entry up by URL.
 *
 * Same unit: the same region and the same 单位编码 (codes are unique only inside a region);
 * where a document prints no unit code, the same printed 单位名称 (spaces and punctuation
 * ignored).
 *
 * Same project: a project of the same unit in another year whose name, once spaces,
 * punctuation and year numbers (2023、2023年、2023年度) are removed, is equal — or nearly
 * equal: the Dice coefficient of the two names' character pairs is at least
 * {@link NAME_SIMILARITY_THRESHOLD}. Per other year the most similar project is taken.
 */
import type { DepartmentView, ProjectView, SiteModel } from './site.ts';
import { normaliseText } from './quality.ts';

/** Dice coefficient on character bigrams above which two names are taken as the same project. */
export const NAME_SIMILARITY_THRESHOLD = 0.8;

export function unitKey(d: DepartmentView): string {
  return `${d.data.region}/${d.data.unitCode ?? `name:${normaliseText(d.data.unitName)}`}`;
}

/** A project name as compared across years: no spaces, punctuation or year numbers. */
export function comparableName(name: string): string {
  return normaliseText(name.replace(/(19|20)\d{2}\s*年?度?/g, ''));
}

/** A name's character bigrams with their counts, and how many there are. */
interface Bigrams {
  name: string;
  counts: Map<string, number>;
  size: number;
}

function bigrams(name: string): Bigrams {
  const counts = new Map<string, number>();
  const chars = [...name];
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i] + chars[i + 1];
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return { name, counts, size: Math.max(0, chars.length - 1) };
}

function dice(x: Bigrams, y: Bigrams): number {
  if (x.name === y.name) return 1;
  const total = x.size + y.size;
  if (total === 0) return 0;
  let shared = 0;
  for (const [g, n] of x.counts) shared += Math.min(n, y.counts.get(g) ?? 0);
  return (2 * shared) / total;
}

/** Sørensen–Dice coefficient of two strings' character bigrams (1 for equal strings). */
export function nameSimilarity(a: string, b: string): number {
  return dice(bigrams(a), bigrams(b));
}

export interface ProjectInOtherYear {
  project: ProjectView;
  /** 1 when the comparable names are equal. */
  similarity: number;
  /** This project's budget minus the other year's, in 分. */
  changeFen: bigint;
  /** The change relative to the other year's budget, e.g. "+12.5%"; null when that was 0. */
  changePercent: string | null;
}

export interface CrossYear {
  /** Department URL → the same unit's documents of other years, newest first. */
  documents: Map<string, DepartmentView[]>;
  /** Project URL → the same project in other years, newest first. */
  projects: Map<string, ProjectInOtherYear[]>;
}

/** The relative change as a signed per cent with one decimal. */
export function percentChange(changeFen: bigint, baseFen: bigint): string | null {
  if (baseFen === 0n) return null;
  const percent = Number((changeFen * 10000n) / baseFen) / 100; // exact to 0.01%, shown to 0.1%
  return `${percent > 0 ? '+' : ''}${percent.toFixed(1)}%`;
}

/**
 * The same project in the unit's other years, as project URLs with their similarity, for each
 * project of one unit's documents (newest first): the costly part, every project compared with
 * every project of the unit's other years, in plain data that a build can keep (src/data.ts).
 */
export type UnitMatches = Array<[projectUrl: string, matches: Array<[otherUrl: string, similarity: number]>]>;

export function matchUnit(byYear: DepartmentView[]): UnitMatches {
  // Each name's bigrams once: every project is compared with every project of the unit's other years.
  const names = new Map(byYear.flatMap((d) => d.projects.map((p) => [p.url, bigrams(comparableName(p.data.name))] as const)));
  const out: UnitMatches = [];
  for (const d of byYear) {
    const others = byYear.filter((o) => o.data.year !== d.data.year);
    for (const p of d.projects) {
      const mine = names.get(p.url)!;
      const matches: Array<[string, number]> = [];
      for (const o of others) {
        let best: { url: string; similarity: number } | null = null;
        for (const q of o.projects) {
          const similarity = dice(mine, names.get(q.url)!);
          if (similarity >= NAME_SIMILARITY_THRESHOLD && (!best || similarity > best.similarity)) best = { url: q.url, similarity };
        }
        if (best) matches.push([best.url, best.similarity]);
      }
      out.push([p.url, matches]);
    }
  }
  return out;
}

/**
 * Links across years for the whole site. `matchesOf` gives a unit's matches: by default
 * matchUnit's, or what an earlier build found for the same documents and projects.
 */
export function buildCrossYear(model: SiteModel, matchesOf: (byYear: DepartmentView[]) => UnitMatches = matchUnit): CrossYear {
  const units = new Map<string, DepartmentView[]>();
  for (const d of model.departments) {
    const key = unitKey(d);
    units.set(key, [...(units.get(key) ?? []), d]);
  }
  const projectByUrl = new Map(model.projects.map((p) => [p.url, p]));
  const documents = new Map<string, DepartmentView[]>();
  const projects = new Map<string, ProjectInOtherYear[]>();
  for (const docs of units.values()) {
    const byYear = [...docs].sort((a, b) => b.data.year - a.data.year);
    for (const d of byYear) documents.set(d.url, byYear.filter((o) => o.data.year !== d.data.year));
    for (const [url, matches] of matchesOf(byYear)) {
      const p = projectByUrl.get(url)!;
      projects.set(
        url,
        matches.map(([otherUrl, similarity]) => {
          const project = projectByUrl.get(otherUrl)!;
          const changeFen = p.totalFen - project.totalFen;
          return { project, similarity, changeFen, changePercent: percentChange(changeFen, project.totalFen) };
        }),
      );
    }
  }
  return { documents, projects };
}

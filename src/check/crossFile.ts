/**
 * Rules that span files. The check reads each file once and keeps only these facts of it;
 * each rule is a small named function over the index, with a fixture folder of the same
 * name as its code in tests/fixtures/check/.
 */
import { departmentKey, type Department } from '../schemas/department.ts';
import type { Project } from '../schemas/project.ts';
import type { Region } from '../schemas/region.ts';
import { departmentId, departmentPath, projectPath, regionPath } from '../lib/contentLayout.ts';
import { toFen } from '../lib/money.ts';
import { formatPath, type Problem } from '../problems.ts';
import type { Position } from './strictYaml.ts';

/** The content folder as the checker names files: relative to the project root. */
export const CONTENT = 'content';

interface Facts {
  file: string;
  /** Positions of the fields the rules report on, by formatted path. */
  at: Map<string, Position>;
}

export interface RegionFacts extends Facts {
  code: string;
}

export interface DepartmentFacts extends Facts {
  region: string;
  year: number;
  key: string;
  keyField: 'unitCode' | 'slug';
  amountUnit: string;
  projects: string[];
}

export interface ProjectFacts extends Facts {
  id: string;
  region: string;
  year: number;
  department: string;
  amountUnit: Project['amountUnit'];
  total: string;
}

export function regionFacts(file: string, r: Region, positionOf: (path: PropertyKey[]) => Position): RegionFacts {
  return { file, code: r.code, at: positions(positionOf, [['code']]) };
}

export function departmentFacts(file: string, d: Department, positionOf: (path: PropertyKey[]) => Position): DepartmentFacts {
  const keyField = d.unitCode ? 'unitCode' : 'slug';
  return {
    file,
    region: d.region,
    year: d.year,
    key: departmentKey(d),
    keyField,
    amountUnit: d.amountUnit,
    projects: d.projects,
    at: positions(positionOf, [['region'], [keyField], ...d.projects.map((_, i) => ['projects', i])]),
  };
}

export function projectFacts(file: string, p: Project, positionOf: (path: PropertyKey[]) => Position): ProjectFacts {
  return {
    file,
    id: p.id,
    region: p.region,
    year: p.year,
    department: p.department,
    amountUnit: p.amountUnit,
    total: p.total,
    at: positions(positionOf, [['id'], ['region'], ['department'], ['amountUnit'], ['total']]),
  };
}

function positions(positionOf: (path: PropertyKey[]) => Position, paths: PropertyKey[][]): Map<string, Position> {
  return new Map(paths.map((p) => [formatPath(p), positionOf(p)]));
}

/** What the rules look at: the first file of each key, the repeats, and files present but invalid. */
export class ContentIndex {
  readonly regions = new Map<string, RegionFacts>();
  readonly departments = new Map<string, DepartmentFacts>();
  readonly projects = new Map<string, ProjectFacts>();
  readonly duplicateRegions: RegionFacts[] = [];
  readonly duplicateDepartments: DepartmentFacts[] = [];
  readonly duplicateProjects: ProjectFacts[] = [];
  /** Files present but invalid: their own errors are reported, references to them are not. */
  readonly invalid = new Set<string>();

  addRegion(r: RegionFacts) {
    if (this.regions.has(r.code)) this.duplicateRegions.push(r);
    else this.regions.set(r.code, r);
  }

  addDepartment(d: DepartmentFacts) {
    const id = departmentIdOf(d);
    if (this.departments.has(id)) this.duplicateDepartments.push(d);
    else this.departments.set(id, d);
  }

  addProject(p: ProjectFacts) {
    if (this.projects.has(p.id)) this.duplicateProjects.push(p);
    else this.projects.set(p.id, p);
  }

  /** Every project file with this id: the first, then its repeats. */
  projectsWithId(id: string): ProjectFacts[] {
    const first = this.projects.get(id);
    if (!first) return [];
    return this.duplicateProjects.length ? [first, ...this.duplicateProjects.filter((p) => p.id === id)] : [first];
  }

  /** Every department, first files and repeats. */
  *allDepartments(): Iterable<DepartmentFacts> {
    yield* this.departments.values();
    yield* this.duplicateDepartments;
  }

  *allProjects(): Iterable<ProjectFacts> {
    yield* this.projects.values();
    yield* this.duplicateProjects;
  }

  *allRegions(): Iterable<RegionFacts> {
    yield* this.regions.values();
    yield* this.duplicateRegions;
  }

  /** A reference to a region that has no valid file, and no invalid one either. */
  regionMissing(code: string): boolean {
    return !this.regions.has(code) && !this.invalid.has(regionPath(CONTENT, code));
  }
}

const departmentIdOf = (d: Pick<DepartmentFacts, 'region' | 'year' | 'key'>) => departmentId(d.region, d.year, d.key);

export type Report = (facts: Facts, path: PropertyKey[], message: string, hint: string) => void;

export interface CrossFileRule {
  /** The rule code on every problem it reports, and the name of its fixture folder. */
  code: string;
  check(index: ContentIndex, report: Report): void;
}

const regionFileName: CrossFileRule = {
  code: 'region-file-name',
  check(index, report) {
    for (const r of index.allRegions()) {
      const expected = regionPath(CONTENT, r.code);
      if (r.file !== expected) report(r, ['code'], `文件名与地区代码 ${r.code} 不一致`, `把文件改名为 ${expected}`);
    }
  },
};

const duplicateRegion: CrossFileRule = {
  code: 'duplicate-region',
  check(index, report) {
    for (const r of index.duplicateRegions) report(r, ['code'], `地区代码 ${r.code} 重复`, `已在 ${index.regions.get(r.code)!.file} 中定义；删除其中一个文件`);
  },
};

const departmentFileLocation: CrossFileRule = {
  code: 'department-file-location',
  check(index, report) {
    for (const d of index.allDepartments()) {
      const expected = departmentPath(CONTENT, d.region, d.year, d.key);
      if (d.file !== expected) report(d, [d.keyField], '文件位置与地区、年度、单位编码不一致', `移动到 ${expected}`);
    }
  },
};

const duplicateUnitCode: CrossFileRule = {
  code: 'duplicate-unit-code',
  check(index, report) {
    for (const d of index.duplicateDepartments) {
      report(d, [d.keyField], `同一地区、年度的单位编码 ${d.key} 重复`, `已在 ${index.departments.get(departmentIdOf(d))!.file} 中使用；单位编码只在地区内唯一`);
    }
  },
};

const unknownRegion: CrossFileRule = {
  code: 'unknown-region',
  check(index, report) {
    const facts: Array<DepartmentFacts | ProjectFacts> = [];
    for (const d of index.allDepartments()) if (index.regionMissing(d.region)) facts.push(d);
    for (const p of index.allProjects()) if (index.regionMissing(p.region)) facts.push(p);
    for (const f of facts) report(f, ['region'], `地区 ${f.region} 没有地区文件`, `新建 ${regionPath(CONTENT, f.region)}，或改正地区代码`);
  },
};

const projectFileLocation: CrossFileRule = {
  code: 'project-file-location',
  check(index, report) {
    for (const p of index.allProjects()) {
      const expected = projectPath(CONTENT, p.region, p.year, p.id);
      if (p.file !== expected) report(p, ['id'], '文件位置与地区、年度、项目 id 不一致', `移动到 ${expected}`);
    }
  },
};

const duplicateProjectId: CrossFileRule = {
  code: 'duplicate-project-id',
  check(index, report) {
    for (const p of index.duplicateProjects) report(p, ['id'], `项目 id ${p.id} 与 ${index.projects.get(p.id)!.file} 重复`, '项目 id 在全站必须唯一；核对项目编码');
  },
};

/** The project's department, when its file is valid; undefined when it is missing or invalid. */
function departmentOf(index: ContentIndex, p: ProjectFacts): DepartmentFacts | undefined {
  return index.departments.get(`${p.region}/${p.year}/${p.department}`);
}

const unknownDepartment: CrossFileRule = {
  code: 'unknown-department',
  check(index, report) {
    for (const p of index.allProjects()) {
      const file = departmentPath(CONTENT, p.region, p.year, p.department);
      if (departmentOf(index, p) || index.invalid.has(file)) continue;
      report(p, ['department'], `找不到部门文件 ${p.region}/${p.year}/${p.department}`, `department 填部门文件的单位编码（或 slug），并确认 ${file} 存在`);
    }
  },
};

const projectNotListed: CrossFileRule = {
  code: 'project-not-listed',
  check(index, report) {
    const listed = new Map<DepartmentFacts, Set<string>>();
    for (const p of index.allProjects()) {
      const dept = departmentOf(index, p);
      if (!dept) continue;
      let ids = listed.get(dept);
      if (!ids) listed.set(dept, (ids = new Set(dept.projects)));
      if (!ids.has(p.id)) report(p, ['id'], `部门文件 ${dept.file} 的 projects 列表中没有这个项目，它不会被发布`, `在 ${dept.file} 的 projects 中加上 ${p.id}`);
    }
  },
};

const unitDiffersFromDepartment: CrossFileRule = {
  code: 'unit-differs-from-department',
  check(index, report) {
    for (const p of index.allProjects()) {
      const dept = departmentOf(index, p);
      if (dept && dept.amountUnit !== p.amountUnit) {
        report(p, ['amountUnit'], `金额单位 ${p.amountUnit} 与部门文件的 ${dept.amountUnit} 不一致`, '同一份文件的金额单位相同；核对原文“单位：”一栏');
      }
    }
  },
};

const listedProjectMissing: CrossFileRule = {
  code: 'listed-project-missing',
  check(index, report) {
    for (const d of index.departments.values()) {
      d.projects.forEach((id, i) => {
        const file = projectPath(CONTENT, d.region, d.year, id);
        if (!index.projects.has(id) && !index.invalid.has(file)) report(d, ['projects', i], `列出的项目 ${id} 不存在`, `新建 ${file}，或从列表中删除`);
      });
    }
  },
};

const listedProjectElsewhere: CrossFileRule = {
  code: 'listed-project-elsewhere',
  check(index, report) {
    for (const d of index.departments.values()) {
      d.projects.forEach((id, i) => {
        const all = index.projectsWithId(id);
        const p = all[0];
        if (p && !all.some((q) => q.region === d.region && q.year === d.year && q.department === d.key)) {
          report(d, ['projects', i], `列出的项目 ${id} 属于另一个部门文件（${p.region}/${p.year}/${p.department}）`, `核对 ${p.file} 的 region、year、department，或从这个列表中删除`);
        }
      });
    }
  },
};

const listedTwice: CrossFileRule = {
  code: 'listed-twice',
  check(index, report) {
    for (const d of index.departments.values()) {
      const seen = new Set<string>();
      d.projects.forEach((id, i) => {
        if (seen.has(id)) report(d, ['projects', i], `项目 ${id} 在列表中出现了两次`, '删除重复的一项');
        seen.add(id);
      });
    }
  },
};

/** log10 of a positive BigInt, exact enough to compare orders of magnitude. */
function log10(n: bigint): number {
  const s = n.toString();
  return s.length - 1 + Math.log10(Number(`0.${s.slice(0, 15)}`) * 10);
}

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * How many orders of magnitude a total may sit from its siblings' median before it is
 * reported: 10³. A 元/万元 slip moves a total by 10⁴, which lands at least this far from
 * where it belongs in any department whose projects are within a factor of 10 of the median.
 */
export const UNIT_SLIP_ORDERS = 3;

const unitSlip: CrossFileRule = {
  code: 'unit-slip',
  check(index, report) {
    for (const d of index.departments.values()) {
      const members = d.projects.map((id) => index.projects.get(id)).filter((p): p is ProjectFacts => !!p && p.department === d.key);
      const orders = members.map((p) => {
        const fen = toFen(p.total, p.amountUnit);
        return fen && fen > 0n ? log10(fen) : null;
      });
      const sorted = orders.filter((o): o is number => o !== null).sort((a, b) => a - b);
      if (sorted.length < 3) continue;
      members.forEach((p, i) => {
        const own = orders[i];
        if (own === null) return;
        const at = sorted.indexOf(own);
        const others = sorted.slice(0, at).concat(sorted.slice(at + 1));
        const distance = own - median(others);
        if (Math.abs(distance) < UNIT_SLIP_ORDERS) return;
        const ratio = Number((10 ** Math.abs(distance)).toPrecision(2)).toLocaleString('en-US').replace(/,/g, '');
        report(
          p,
          ['total'],
          `预算数 ${p.total} ${p.amountUnit} ${distance > 0 ? `是同一部门其他项目中位数的约 ${ratio} 倍` : `只有同一部门其他项目中位数的约 1/${ratio}`}，可能把单位写错了（元和万元相差 10000 倍）`,
          '核对原文的“单位：元/万元”；万元的金额写成 5.00，元的金额写成 50000.00。各资金来源和按金额的支出计划一并改正',
        );
      });
    }
  },
};

/** Every cross-file rule, in the order their problems are found. */
export const CROSS_FILE_RULES: readonly CrossFileRule[] = [
  regionFileName,
  duplicateRegion,
  departmentFileLocation,
  duplicateUnitCode,
  unknownRegion,
  projectFileLocation,
  duplicateProjectId,
  unknownDepartment,
  projectNotListed,
  unitDiffersFromDepartment,
  listedProjectMissing,
  listedProjectElsewhere,
  listedTwice,
  unitSlip,
];

export function crossFileProblems(index: ContentIndex, add: (p: Problem) => void): void {
  for (const rule of CROSS_FILE_RULES) {
    rule.check(index, (facts, path, message, hint) => {
      const key = formatPath(path);
      add({ file: facts.file, ...(facts.at.get(key) ?? { line: 1, column: 1 }), path: key, message, hint, severity: 'error', code: rule.code });
    });
  }
}

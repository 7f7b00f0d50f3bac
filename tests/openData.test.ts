/**
 * Open data as a person downloading it checks it: the CSV has one row per project and per
 * indicator with formula-leading cells neutralised by the documented rule, the XLSX holds the
 * same text as text, the data package validates against the official Frictionless profile
 * and its keys resolve, totals are the sums of their parts, and slices are the site's rows.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { page } from './helpers/site.ts';
import { loadDepartments, loadProjects, loadRegions } from './helpers/content.ts';
import { csvChunks, csvRecords, FORMULA_LEADS, jsonChunks, neutraliseCell, restoreCell, siteScope, TABLES, tableRows, toCsv, PROJECTS_TABLE, xlsxChunks, type TableSpec } from '../src/lib/openData.ts';
import { concatBytes } from '../src/lib/bytes.ts';
import { toXlsx } from '../src/lib/openDataXlsx.ts';
import JSZip from 'jszip';
import { buildQualityReport } from '../src/lib/quality.ts';
import { buildSiteModel } from '../src/lib/site.ts';
import { toFen } from '../src/lib/money.ts';
import { departmentUrl, projectUrl } from '../src/lib/site.ts';
import { departmentKey } from '../src/schemas/department.ts';

const projects = loadProjects();
const departments = loadDepartments();
const DIST = 'dist';

type Row = Record<string, string>;
/** Reads a CSV the way a program would, then undoes the neutralisation rule documented on /data/. */
function readCsv(file: string): Row[] {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Row[];
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, restoreCell(v)])));
}
const rawCsv = (file: string) => parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Row[];

describe('the neutralisation rule', () => {
  test.each([
    ['=', "'="],
    ['=100%', "'=100%"],
    ['-5%', "'-5%"],
    ['+1', "'+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ["'quoted", "''quoted"],
    ['≥90%', '≥90%'],
    ['老年大学', '老年大学'],
    ['', ''],
  ])('%j is written %j and read back', (printed, written) => {
    expect(neutraliseCell(printed)).toBe(written);
    expect(restoreCell(written)).toBe(printed);
  });

  test('any text round-trips, and no written cell starts a formula', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const w = neutraliseCell(s);
        expect(restoreCell(w)).toBe(s);
        expect(FORMULA_LEADS.some((c) => w.startsWith(c))).toBe(false);
      }),
    );
  });

  test('a cell that is just “=” comes out of the CSV file neutralised and round-trips through the CSV library', () => {
    const table: TableSpec = { ...PROJECTS_TABLE, fields: PROJECTS_TABLE.fields.slice(0, 2) };
    const csv = toCsv(table, [{ id: '=', code: '-5%' }]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain("'=,'-5%");
    const [row] = parse(csv, { columns: true, bom: true }) as Row[];
    expect(restoreCell(row.id)).toBe('=');
    expect(restoreCell(row.code)).toBe('-5%');
  });

  test.each([
    ['a,b', '"a,b"'],
    ['say "yes"', '"say ""yes"""'],
    ['line\r\nbreak', '"line\r\nbreak"'],
    ['line\nbreak', '"line\nbreak"'],
    ['line\rbreak', '"line\rbreak"'],
    ['plain 老年大学', 'plain 老年大学'],
  ])('a cell %j is written as %j', (value, written) => {
    const table: TableSpec = { ...PROJECTS_TABLE, fields: PROJECTS_TABLE.fields.slice(0, 1) };
    expect(csvRecords(table, [{ id: value }])).toBe(`${written}\r\n`);
    expect(toCsv(table, [{ id: value }], { header: false })).toBe(`${written}\r\n`);
  });

  test('a multi-line cell stays one row for a reader that ends a record at any line break', () => {
    const table: TableSpec = { ...PROJECTS_TABLE, fields: PROJECTS_TABLE.fields.slice(0, 2) };
    const csv = toCsv(table, [{ id: 'P1', code: '目标一\n目标二' }, { id: 'P2', code: '' }]);
    const rows = parse(csv, { columns: true, bom: true, record_delimiter: ['\n', '\r\n'] }) as Row[];
    expect(rows).toEqual([{ id: 'P1', code: '目标一\n目标二' }, { id: 'P2', code: '' }]);
  });

  test('the records of a part are the text the CSV library writes, for any cell', () => {
    const table: TableSpec = { ...PROJECTS_TABLE, fields: PROJECTS_TABLE.fields.slice(0, 3) };
    // Cells made of the characters the dialect and the rule treat specially, and any other text.
    const cell = fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(',', '"', '\r', '\n', "'", '=', '+', '-', '@', '\t', ' ', 'a', '老') }));
    const row = fc.record({ id: cell, code: cell, code_printed: cell }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 4 }), (rows) => {
        expect(csvRecords(table, rows)).toBe(toCsv(table, rows, { header: false }));
      }),
      { numRuns: 2000 },
    );
  });

  test('/data/ documents how cells are quoted', () => {
    const text = page('/data/')('#csv-quoting').text();
    expect(text).toContain('换行');
    expect(text).toContain('RFC 4180');
  });

  test('/data/ documents the rule', () => {
    const text = page('/data/')('#formula-rule').text();
    expect(text).toContain("去掉单元格开头的一个 '");
    expect(text).toContain('OWASP');
  });
});

describe('site-wide CSV files equal the content', () => {
  test('projects.csv: one row per project, totals exact', () => {
    const rows = readCsv(join(DIST, 'data/projects.csv'));
    expect(rows.map((r) => r.id).sort()).toEqual(projects.map((p) => p.id).sort());
    for (const p of projects) {
      const r = rows.find((x) => x.id === p.id)!;
      expect(r.name).toBe(p.name);
      expect(r.total_printed).toBe(p.total);
      expect(toFen(r.total_yuan, '元')).toBe(toFen(p.total, p.amountUnit));
    }
  });

  test('indicators.csv: one row per printed indicator row, the printed value restored exactly', () => {
    const rows = readCsv(join(DIST, 'data/indicators.csv'));
    const expected = projects.flatMap((p) => p.indicators.rows.map((r, i) => `${p.id}|${i + 1}|${r.value}`));
    expect(rows.map((r) => `${r.project_id}|${r.row}|${r.value_printed}`).sort()).toEqual(expected.sort());
  });

  test('cells printed as “=” are written “\'=” in the file and read back as “=”', () => {
    const named = projects.flatMap((p) => (p.indicators.form === 'named' ? p.indicators.rows.map((r, i) => ({ p, r, i })) : []));
    const equals = named.filter(({ r }) => r.nature === '=');
    if (equals.length === 0) return; // nothing printed with “=” in this content
    const raw = rawCsv(join(DIST, 'data/indicators.csv'));
    for (const { p, i } of equals) {
      const cell = raw.find((x) => x.project_id === p.id && x.row === String(i + 1))!;
      expect(cell.nature).toBe("'=");
      expect(restoreCell(cell.nature)).toBe('=');
    }
  });

  test('no cell of any CSV starts a formula', () => {
    for (const t of TABLES) {
      for (const row of rawCsv(join(DIST, `data/${t.name}.csv`))) {
        for (const v of Object.values(row)) expect(FORMULA_LEADS.some((c) => v.startsWith(c)), `${t.name}: ${v}`).toBe(false);
      }
    }
  });
});

describe('files joined from each project\'s part equal the whole written at once', () => {
  const model = buildSiteModel(loadRegions(), departments, projects);
  const report = buildQualityReport(model, (d) => departments.find((x) => x.region === d.data.region && x.year === d.data.year && departmentKey(x) === d.key)?.body ?? '');
  const scope = siteScope(model);
  test.each(TABLES.map((t) => [t.name, t] as const))('%s.csv', (_name, table) => {
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(concatBytes(csvChunks(table, scope, report)))).toBe(toCsv(table, tableRows(table, scope, report)));
  });
  test('gongkai.xlsx: each sheet joined from every department’s rows is the sheet of the whole table', async () => {
    const sheets = async (bytes: Uint8Array) => {
      const zip = await JSZip.loadAsync(bytes);
      return Promise.all(TABLES.map((_t, i) => zip.file(`xl/worksheets/sheet${i + 1}.xml`)!.async('string')));
    };
    const joined = await sheets(concatBytes(xlsxChunks(scope, report)));
    const whole = await sheets(toXlsx(TABLES.map((table) => ({ table, rows: tableRows(table, scope, report) }))));
    expect(joined.every((xml) => xml.includes('</sheetData>'))).toBe(true);
    expect(joined).toEqual(whole);
  });
  test('gongkai.json', () => {
    const whole = { regions: scope.regions, departments: scope.departments.map((d) => ({ ...d.data, url: d.url })), projects: scope.projects.map((p) => ({ ...p.data, url: p.url })) };
    expect(new TextDecoder().decode(concatBytes(jsonChunks(scope)))).toBe(`${JSON.stringify(whole)}\n`);
  });
});

describe('totals are the sums of their parts', () => {
  const depts = readCsv(join(DIST, 'data/departments.csv'));
  const rows = readCsv(join(DIST, 'data/projects.csv'));
  const sum = (xs: Row[]) => xs.reduce((s, r) => s + toFen(r.total_yuan, '元')!, 0n);

  test.each(departments.map((d) => [departmentUrl(d), d] as const))('department %s', (_url, d) => {
    const dept = depts.find((x) => x.region_code === d.region && x.year === String(d.year) && x.key === departmentKey(d))!;
    const own = rows.filter((r) => r.region_code === d.region && r.year === String(d.year) && r.department_key === departmentKey(d));
    expect(own).toHaveLength(d.projects.length);
    expect(toFen(dept.total_yuan, '元')).toBe(sum(own));
    expect(dept.projects).toBe(String(own.length));
  });

  const regionYears = [...new Set(departments.map((d) => `${d.region}/${d.year}`))];
  test.each(regionYears)('region and year %s: its slice holds exactly its rows, and its total is the sum of its departments', (key) => {
    const [region, year] = key.split('/');
    const slice = readCsv(join(DIST, `data/${key}/projects.csv`));
    expect(slice.map((r) => r.id).sort()).toEqual(rows.filter((r) => r.region_code === region && r.year === year).map((r) => r.id).sort());
    const sliceDepts = readCsv(join(DIST, `data/${key}/departments.csv`));
    expect(sum(sliceDepts)).toBe(sum(slice));
    const fromContent = projects.filter((p) => p.region === region && String(p.year) === year).reduce((s, p) => s + toFen(p.total, p.amountUnit)!, 0n);
    expect(sum(slice)).toBe(fromContent);
  });

  test('every year: the sum over regions equals the sum over its projects', () => {
    for (const year of new Set(departments.map((d) => String(d.year)))) {
      const slices = regionYears.filter((k) => k.endsWith(`/${year}`)).map((k) => sum(readCsv(join(DIST, `data/${k}/departments.csv`))));
      expect(slices.reduce((a, b) => a + b, 0n)).toBe(sum(rows.filter((r) => r.year === year)));
    }
  });
});

describe('the data package', () => {
  const pkg = JSON.parse(readFileSync(join(DIST, 'data/datapackage.json'), 'utf8'));

  test('validates against the official Frictionless tabular-data-package profile', () => {
    // The profile as the frictionless `datapackage` package ships it (JSON Schema draft-04,
    // which Ajv reads once its $schema line is dropped; `textarea` is an editor hint).
    const profile = JSON.parse(readFileSync('node_modules/datapackage/lib/profiles/tabular-data-package.json', 'utf8'));
    delete profile.$schema;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addFormat('textarea', true);
    const validate = ajv.compile(profile);
    expect(validate(pkg), ajv.errorsText(validate.errors)).toBe(true);
    // A broken descriptor fails: the validation is not a formality.
    expect(validate({ ...pkg, resources: [{ ...pkg.resources[0], schema: { fields: [{ name: 'x', type: 'no-such-type' }] } }] })).toBe(false);
  });

  test('every field has a type and a description, every resource a file beside it', () => {
    for (const r of pkg.resources) {
      expect(readdirSync(join(DIST, 'data'))).toContain(r.path);
      const header = Object.keys(rawCsv(join(DIST, 'data', r.path))[0] ?? {});
      if (header.length) expect(header).toEqual(r.schema.fields.map((f: { name: string }) => f.name));
      for (const f of r.schema.fields) {
        expect(f.type).toBeTruthy();
        expect(f.description).toBeTruthy();
      }
    }
    expect(pkg.licenses[0].name).toBe('CC-BY-4.0');
  });

  test('primary keys are unique and foreign keys resolve', () => {
    const data = Object.fromEntries(pkg.resources.map((r: { name: string; path: string }) => [r.name, readCsv(join(DIST, 'data', r.path))]));
    for (const r of pkg.resources) {
      const rows: Row[] = data[r.name];
      const tuple = (row: Row, fields: string[]) => fields.map((f) => row[f]).join('\u0000');
      if (r.schema.primaryKey) {
        const keys = rows.map((row) => tuple(row, r.schema.primaryKey));
        expect(new Set(keys).size, r.name).toBe(keys.length);
      }
      for (const fk of r.schema.foreignKeys ?? []) {
        const targets = new Set((data[fk.reference.resource] as Row[]).map((row) => tuple(row, fk.reference.fields)));
        for (const row of rows) expect(targets.has(tuple(row, fk.fields)), `${r.name} → ${fk.reference.resource}: ${tuple(row, fk.fields)}`).toBe(true);
      }
    }
  });

  test('/data/ gives the licence and the data-as-of date of the last content commit (or says it is unknown)', () => {
    const $ = page('/data/');
    const asOf = $('[data-as-of]').attr('data-as-of') ?? '';
    if (asOf) {
      expect(asOf).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(pkg.created).toBe(asOf);
    } else {
      expect($('[data-as-of]').text()).toContain('未知');
    }
    expect($('a[rel=license]').attr('href')).toBe(pkg.licenses[0].path);
  });
});

describe('the workbook holds the same text, typed as text', () => {
  test('gongkai.xlsx: every table a sheet, “=” and codes as text, amounts as numbers', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(DIST, 'data/gongkai.xlsx'));
    expect(book.worksheets.map((w) => w.name)).toEqual(TABLES.map((t) => t.name));
    const sheet = book.getWorksheet('indicators')!;
    expect(sheet.rowCount - 1).toBe(projects.reduce((n, p) => n + p.indicators.rows.length, 0));
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const nature = row.getCell(col('nature'));
      if (nature.value === '=') expect(nature.type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(col('value_printed')).type).not.toBe(ExcelJS.ValueType.Formula);
    });
    const depts = book.getWorksheet('departments')!;
    const dh = (depts.getRow(1).values as string[]).slice(1);
    const unit = depts.getRow(2).getCell(dh.indexOf('unit_code') + 1);
    if (unit.value !== null && unit.value !== '') expect(typeof unit.value).toBe('string');
    expect(typeof depts.getRow(2).getCell(dh.indexOf('total_yuan') + 1).value).toBe('number');
  });
});

describe('each department and project page links to its own files, in the site-wide shape', () => {
  const site = JSON.parse(readFileSync(join(DIST, 'data/gongkai.json'), 'utf8'));

  test.each(departments.map((d) => [departmentUrl(d), d] as const))('department %s', (url, d) => {
    const $ = page(url);
    for (const f of ['data.json', 'projects.csv', 'indicators.csv']) expect($(`section.data-links a[href="${url}${f}"]`)).toHaveLength(1);
    const json = JSON.parse(readFileSync(join(DIST, url, 'data.json'), 'utf8'));
    expect(Object.keys(json)).toEqual(Object.keys(site));
    expect(json.projects.map((p: { id: string }) => p.id)).toEqual(d.projects);
    expect(json.departments[0]).toEqual(site.departments.find((x: { url: string }) => x.url === url));
    const indicators = readCsv(join(DIST, url, 'indicators.csv'));
    expect(indicators).toHaveLength(projects.filter((p) => d.projects.includes(p.id)).reduce((n, p) => n + p.indicators.rows.length, 0));
  });

  test.each(projects.map((p) => [projectUrl(p), p] as const))('project %s', (url, p) => {
    const $ = page(url);
    for (const f of ['data.json', 'indicators.csv']) expect($(`section.data-links a[href="${url}${f}"]`)).toHaveLength(1);
    const json = JSON.parse(readFileSync(join(DIST, url, 'data.json'), 'utf8'));
    expect(json.projects).toEqual([site.projects.find((x: { url: string }) => x.url === url)]);
    expect(readCsv(join(DIST, url, 'indicators.csv')).map((r) => r.value_printed)).toEqual(p.indicators.rows.map((r) => r.value));
  });
});

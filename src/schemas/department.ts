import { z } from 'astro/zod';
import { amountUnit, budgetYear, isoDate, printedText, regionCode, slug } from './common.ts';
import { corrections } from './corrections.ts';

/**
 * One unit's budget performance document for one year (部门预算绩效目标).
 * File: content/departments/<region>/<year>/<key>.md, where key is the unit code or,
 * where none is printed, the slug. The Markdown body holds 一、总体绩效目标,
 * 二、分项绩效目标 and 三、工作保障措施 as printed.
 */
export const departmentSchema = z
  .object({
    /** Region (GB/T 2260 code) the document belongs to. */
    region: regionCode,
    /** Budget year. */
    year: budgetYear,
    /** 单位编码 as printed, e.g. "287001"; absent where the document prints none. */
    unitCode: z
      .string({ error: '单位编码必须是带引号的字符串，例如 "287001"' })
      .regex(/^\d{6}$/, { error: '单位编码应为 6 位数字，例如 "287001"' })
      .optional(),
    /** URL key used when no unit code is printed, e.g. "qwlgj". */
    slug: slug.optional(),
    /** 单位名称 as printed. */
    unitName: printedText,
    /** The document's own title where it prints one, e.g. 2020年部门预算绩效信息. */
    title: printedText.optional(),
    /** Unit of every amount in the document: 元 or 万元. */
    amountUnit,
    /** File name of the source document the content was taken from. */
    sourceFile: printedText,
    /** Where the document was published, where known: the site or bulletin, or its web address. */
    publishedAt: printedText.optional(),
    /** Date the document was published, YYYY-MM-DD, where known. */
    publishedOn: isoDate.optional(),
    /** Ids of the document's projects, in printed order. */
    projects: z.array(printedText),
    /** 更正说明 after publication: [{ date: YYYY-MM-DD, reason }], oldest first. */
    corrections,
  })
  .strict()
  .superRefine((d, ctx) => {
    if (!d.unitCode && !d.slug) {
      ctx.addIssue({ code: 'custom', path: ['slug'], message: '没有单位编码时必须给出 slug（网址用的英文简称）', params: { hint: '加上 slug: "qwlgj" 这样的小写简称，或填写原文印出的 unitCode' } });
    }
    if (d.unitCode && d.slug) {
      ctx.addIssue({ code: 'custom', path: ['slug'], message: '已有单位编码时不要再给 slug，网址使用单位编码', params: { hint: '删除 slug 这一行' } });
    }
  });

export type Department = z.infer<typeof departmentSchema>;

/** The key that identifies a department inside its region and year. */
export function departmentKey(d: Pick<Department, 'unitCode' | 'slug'>): string {
  return d.unitCode ?? d.slug ?? '';
}

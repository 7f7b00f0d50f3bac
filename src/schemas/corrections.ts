import { z } from 'astro/zod';
import { isoDate, printedText } from './common.ts';

/** One 更正说明: a published number or text was changed after publication, and why. */
export const correctionSchema = z
  .object({
    /** 更正日期: the day the correction was made, YYYY-MM-DD. */
    date: isoDate,
    /** 更正原因: what was wrong and what it now says, in plain words, e.g. 项目预算数录入有误，由 5.00 万元更正为 50.00 万元. */
    reason: printedText,
  })
  .strict();

/** 更正说明, oldest first: every change to a published amount or indicator value adds one entry. */
export const corrections = z.array(correctionSchema).optional();

export type Correction = z.infer<typeof correctionSchema>;

import { z } from 'astro/zod';
import { printedText, regionCode } from './common.ts';

/** A region (行政区划) that publishes documents. File: content/regions/<code>.md. */
export const regionSchema = z
  .object({
    /** GB/T 2260 code, e.g. "130229". */
    code: regionCode,
    /** 省级 name, e.g. 河北省 or 重庆市. */
    province: printedText,
    /** 地级 name, e.g. 唐山市; absent under a municipality such as 重庆市. */
    city: printedText.optional(),
    /** 县级 name, e.g. 玉田县 or 长寿区. */
    county: printedText,
  })
  .strict();

export type Region = z.infer<typeof regionSchema>;

/**
 * The national indicator taxonomy (一级 / 二级指标) for 预算绩效目标, and the labels real
 * tables print instead. A printed label is published as printed; its national category is
 * stored beside it (level1Standard / level2Standard) and the check warns, never refuses.
 */

/** Standard 一级指标 and their 二级指标. */
export const TAXONOMY: Record<string, readonly string[]> = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
  成本指标: ['经济成本指标', '社会成本指标', '生态环境成本指标'],
};

export const LEVEL1_STANDARD = ['产出指标', '效益指标', '满意度指标', '成本指标'] as const;
export const LEVEL2_STANDARD = [...new Set(Object.values(TAXONOMY).flat())] as [string, ...string[]];

/** Printed 一级 labels seen in published tables, mapped to their national category. */
export const LEVEL1_ALIASES: Record<string, string> = {
  效果指标: '效益指标',
  项目完成指标: '产出指标',
  项目效益指标: '效益指标',
  产出: '产出指标',
  效益: '效益指标',
  满意度: '满意度指标',
  成本: '成本指标',
  预期产出指标: '产出指标',
};

/** Printed 二级 labels seen in published tables, mapped to their national category. */
export const LEVEL2_ALIASES: Record<string, string> = {
  生态效益: '生态效益指标',
  服务对象满意指标: '服务对象满意度指标',
  社会效益: '社会效益指标',
  经济效益: '经济效益指标',
  数量: '数量指标',
  质量: '质量指标',
  时效: '时效指标',
  成本: '成本指标',
  可持续影响: '可持续影响指标',
  生态效益指标: '生态效益指标',
  满意度指标: '服务对象满意度指标',
  服务对象满意度: '服务对象满意度指标',
  社会公众或服务对象满意度指标: '服务对象满意度指标',
  社会公众满意度指标: '服务对象满意度指标',
  经济成本: '经济成本指标',
  社会成本: '社会成本指标',
  生态环境成本: '生态环境成本指标',
};

export interface TaxonomyResult {
  /** Standard 一级 name, or null when the printed name is not in the taxonomy. */
  level1: string | null;
  /** Standard 二级 name, or null when it is not a 二级 of that 一级. */
  level2: string | null;
  /** Printed names that were variants, as `printed → standard`. */
  aliases: string[];
}

const key = (label: string) => label.replace(/\s+/g, '');

/** The national 一级 category of a printed label, or null. */
export function standardLevel1(printed: string): string | null {
  const k = key(printed);
  // Own keys only: a printed `constructor` or `toString` is a label, not a property of Object.
  return Object.hasOwn(TAXONOMY, k) ? k : Object.hasOwn(LEVEL1_ALIASES, k) ? LEVEL1_ALIASES[k] : null;
}

/** The standard 二级指标 under a 一级 label; none for any other text (own keys only, as above). */
export function level2Names(level1: string | null): readonly string[] {
  return level1 !== null && Object.hasOwn(TAXONOMY, level1) ? TAXONOMY[level1] : [];
}

/** The national 二级 category of a printed label under a national 一级, or null. */
export function standardLevel2(level1: string | null, printed: string): string | null {
  const k = key(printed);
  const candidate = LEVEL2_STANDARD.includes(k) ? k : Object.hasOwn(LEVEL2_ALIASES, k) ? LEVEL2_ALIASES[k] : null;
  if (!candidate || !level2Names(level1).includes(candidate)) return null;
  return candidate;
}

/**
 * Maps printed 一级 / 二级 names onto the taxonomy. A mapping stored in the content
 * (level1Standard / level2Standard) wins over the built-in aliases.
 */
export function classifyIndicator(
  level1Printed: string,
  level2Printed: string,
  stored: { level1Standard?: string; level2Standard?: string } = {},
): TaxonomyResult {
  const aliases: string[] = [];
  const level1 = stored.level1Standard ?? standardLevel1(level1Printed);
  if (level1 && level1 !== level1Printed) aliases.push(`${level1Printed} → ${level1}`);
  const level2 = stored.level2Standard ?? standardLevel2(level1, level2Printed);
  if (level2 && level2 !== level2Printed) aliases.push(`${level2Printed} → ${level2}`);
  return { level1, level2, aliases };
}

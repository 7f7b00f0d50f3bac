/**
 * The national indicator taxonomy (一级 / 二级指标) for 预算绩效目标, with the variant
 * spellings printed in real documents. A variant is accepted and mapped to its standard
 * name so that the quality report can list it; anything else is an error.
 */

/** Standard 一级指标 and their 二级指标. */
export const TAXONOMY: Record<string, readonly string[]> = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
  成本指标: ['经济成本指标', '社会成本指标', '生态环境成本指标'],
};

/** Printed variants seen in the seeds, mapped to their standard name. */
export const LEVEL1_ALIASES: Record<string, string> = {
  效果指标: '效益指标',
};

export const LEVEL2_ALIASES: Record<string, string> = {
  生态效益: '生态效益指标',
  服务对象满意指标: '服务对象满意度指标',
  社会效益: '社会效益指标',
  经济效益: '经济效益指标',
};

export interface TaxonomyResult {
  /** Standard 一级 name, or null when the printed name is not in the taxonomy. */
  level1: string | null;
  /** Standard 二级 name, or null when it is not a 二级 of that 一级. */
  level2: string | null;
  /** Printed names that were variants, as `printed → standard`. */
  aliases: string[];
}

/** Maps printed 一级 / 二级 names onto the taxonomy. */
export function classifyIndicator(level1Printed: string, level2Printed: string): TaxonomyResult {
  const aliases: string[] = [];
  let level1: string | null = level1Printed in TAXONOMY ? level1Printed : null;
  if (!level1 && LEVEL1_ALIASES[level1Printed]) {
    level1 = LEVEL1_ALIASES[level1Printed];
    aliases.push(`${level1Printed} → ${level1}`);
  }
  let level2: string | null = null;
  if (level1) {
    const allowed = TAXONOMY[level1];
    if (allowed.includes(level2Printed)) level2 = level2Printed;
    else if (LEVEL2_ALIASES[level2Printed] && allowed.includes(LEVEL2_ALIASES[level2Printed])) {
      level2 = LEVEL2_ALIASES[level2Printed];
      aliases.push(`${level2Printed} → ${level2}`);
    }
  }
  return { level1, level2, aliases };
}

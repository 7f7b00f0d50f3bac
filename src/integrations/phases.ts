/**
 * One summary line for the whole build instead of a line per page: how long each phase took.
 * Registered last, so its `astro:build:done` runs after the search index is written.
 * With GONGKAI_PHASES=<file> the same figures are written as JSON for `npm run bench`.
 */
import type { AstroIntegration } from 'astro';
import { writeFileSync } from 'node:fs';

export interface BuildPhases {
  /** Node and Astro start-up, config and integrations: process start → config done. */
  startup: number;
  /** Vite set-up and the content layer sync (reading and validating every content file). */
  contentSync: number;
  /** Bundling and rendering every page (Astro's static generation). */
  render: number;
  /** Writing the Pagefind index. */
  searchIndex: number;
  total: number;
  pages: number;
  /**
   * CPU seconds of the main thread in each phase (the same phases as above). On a shared machine
   * they vary far less than the wall times, which also count what the other threads and processes took.
   */
  mainThreadCpu: { startup: number; contentSync: number; render: number; searchIndex: number };
}

/** CPU seconds this thread has used since it started. */
const threadCpu = () => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1e6;
};

export default function phasesIntegration(): AstroIntegration {
  const at: Record<string, number> = {};
  const cpuAt: Record<string, number> = {};
  return {
    name: 'gongkai-phases',
    hooks: {
      'astro:config:done': () => {
        at.configDone = performance.now();
        cpuAt.configDone = threadCpu();
      },
      'astro:build:start': () => {
        at.buildStart = performance.now();
        cpuAt.buildStart = threadCpu();
      },
      'astro:build:generated': () => {
        at.generated = performance.now();
        cpuAt.generated = threadCpu();
      },
      'astro:build:done': ({ pages, logger }) => {
        const end = performance.now();
        const endCpu = threadCpu();
        const s = (ms: number) => Math.round(ms) / 1000;
        const cpu = (seconds: number) => Math.round(seconds * 1000) / 1000;
        const phases: BuildPhases = {
          startup: s(at.configDone),
          contentSync: s(at.buildStart - at.configDone),
          render: s(at.generated - at.buildStart),
          searchIndex: s(end - at.generated),
          total: s(end),
          pages: pages.length,
          mainThreadCpu: {
            startup: cpu(cpuAt.configDone),
            contentSync: cpu(cpuAt.buildStart - cpuAt.configDone),
            render: cpu(cpuAt.generated - cpuAt.buildStart),
            searchIndex: cpu(endCpu - cpuAt.generated),
          },
        };
        logger.info(
          `${phases.pages} 个页面，用时 ${phases.total} 秒：启动 ${phases.startup} 秒，读取内容 ${phases.contentSync} 秒，生成页面 ${phases.render} 秒，检索索引 ${phases.searchIndex} 秒`,
        );
        if (process.env.GONGKAI_PHASES) writeFileSync(process.env.GONGKAI_PHASES, JSON.stringify(phases));
      },
    },
  };
}

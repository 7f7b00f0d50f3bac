/**
 * Warns when a production build has no public address: sitemap.xml, robots.txt and the
 * address printed on paper would then point at localhost.
 */
import type { AstroIntegration } from 'astro';

export const SITE_WARNING =
  'GONGKAI_SITE 未设置：sitemap.xml、robots.txt 和打印页上的网址将指向 http://localhost:4321。' +
  '发布前请设置网站的公开地址，例如 GONGKAI_SITE=https://budget.example.gov.cn npm run build';

/** True when a build for publishing runs without GONGKAI_SITE. */
export function needsSiteWarning(command: string, env: NodeJS.ProcessEnv): boolean {
  return command === 'build' && !env.GONGKAI_SITE?.trim();
}

export default function siteAddress(): AstroIntegration {
  return {
    name: 'gongkai-site-address',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        if (needsSiteWarning(command, process.env)) logger.warn(SITE_WARNING);
      },
    },
  };
}

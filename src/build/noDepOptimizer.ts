/**
 * No dependency pre-bundling in `astro build`. To load the content config, Astro's build starts a
 * Vite dev server (its content sync), whose browser environment pre-bundles the dev toolbar's
 * dependencies (aria-query, axobject-query, html-escaper, the toolbar's entry) with Rolldown, on
 * every build whose Vite settings differ from the last one's: a fresh CI checkout, a new output or
 * cache folder (each bench corpus), and so on. A static build serves nothing to a browser, so
 * that work is never used. `astro dev` keeps it: the toolbar needs it there.
 */
import type { AstroIntegration } from 'astro';
import type { Plugin, ResolvedConfig } from 'vite';

type DepOptions = ResolvedConfig['optimizeDeps'];

/** Turns the optimizer off as Vite reads it: no discovery and nothing to include. */
function disable(optimizeDeps: DepOptions | undefined) {
  if (!optimizeDeps) return;
  optimizeDeps.noDiscovery = true;
  optimizeDeps.include = [];
}

/** Astro adds its includes in its own plugins' hooks; they are cleared once the whole config is resolved. */
function noDepOptimizerPlugin(): Plugin {
  return {
    name: 'gongkai:no-dep-optimizer',
    configResolved(config) {
      disable(config.optimizeDeps);
      for (const environment of Object.values(config.environments)) disable(environment.optimizeDeps);
    },
  };
}

export default function noDepOptimizer(): AstroIntegration {
  return {
    name: 'gongkai-no-dep-optimizer',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command === 'build') updateConfig({ vite: { plugins: [noDepOptimizerPlugin()] } });
      },
    },
  };
}

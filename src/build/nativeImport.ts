/**
 * Imports a module with Node's own loader from a module that Vite's module runner evaluates.
 * Astro loads src/content.config.ts through a temporary Vite server, which transforms every module
 * the config imports (TypeScript, its SSR rewrite, a source map each) and keeps no cache between
 * builds: for the content loader and its ~40 modules that was the largest part of the content
 * sync's fixed cost. Node loads them from its compiled-code cache instead (compileCache.ts), and
 * shares the instances the integrations already loaded.
 * The runner rewrites every `import()` of the module it evaluates into its own, so the call is in
 * code the runner never sees.
 */
const importNatively = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;

/** The module at `url` (e.g. `new URL('./x.ts', import.meta.url)`), as Node itself loads it. */
export async function nativeImport<T>(url: URL): Promise<T> {
  return (await importNatively(url.href)) as T;
}

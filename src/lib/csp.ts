/**
 * The site's Content-Security-Policy, written by the layout into every page's <head> as a
 * <meta> tag before any script: only this site's own scripts run (files under /_astro/ and
 * /pagefind/, and the one inline page script by its hash), Pagefind's WebAssembly may compile,
 * and nothing else loads from elsewhere, whatever text a content file carries.
 *
 * It is one constant, not Astro's `security.csp`: Astro hashed the page's (empty) stylesheet
 * element again for every page it rendered (a webcrypto digest and a policy string per page,
 * about 5% of a build's CPU), and its tag came after the inline script it was meant to cover.
 * Component scripts are never inlined (`vite.build.assetsInlineLimit: 0` in astro.config.mjs),
 * so 'self' covers every script but the page script.
 */
import { pageScriptHash } from './pageScript.ts';

/** The directives that hold no hash; deploy/security-headers.conf repeats them as a header. */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
] as const;

/** The policy every page carries. */
export const PAGE_CSP = [...CSP_DIRECTIVES, `script-src 'self' 'wasm-unsafe-eval' '${pageScriptHash()}'`, "style-src 'self'"].join('; ');

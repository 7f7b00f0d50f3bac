/**
 * HTML as a string, escaped exactly as Astro escapes a `{text}` expression and an attribute, for
 * tables that pure functions build and pages render with `set:html`. A table of 5–200 rows made
 * of components and per-cell expressions cost Astro more than the rest of its page (profile of a
 * full build, #9); the same markup as one string costs a fraction, byte for byte the same page.
 */

const TEXT_ESCAPES = /[&<>'"]/g;
const NEEDS_ESCAPE = /[&<>'"]/;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&quot;' };

/** Text between tags, as Astro writes `{value}`: & < > ' " escaped. */
export function text(value: string | number): string {
  const s = String(value);
  return NEEDS_ESCAPE.test(s) ? s.replace(TEXT_ESCAPES, (c) => ENTITY[c]) : s;
}

/**
 * One attribute with its leading space, as Astro writes `name={value}`: nothing for null or
 * undefined, the bare name for "", otherwise the value with & and " escaped.
 */
export function attr(name: string, value: string | number | null | undefined): string {
  if (value == null) return '';
  const s = String(value);
  if (s === '') return ` ${name}`;
  return ` ${name}="${s.includes('&') || s.includes('"') ? s.replace(/&/g, '&amp;').replace(/"/g, '&quot;') : s}"`;
}

/**
 * A value handed from the pages' build to an integration. Astro 7 renders pages in the process
 * that runs the integration hooks (its default prerenderer imports the built bundle), but the
 * bundle and astro.config.mjs load their own copies of every module, so a module variable is two
 * variables; a symbol from the global registry names one slot both copies see.
 */
export function globalSlot<T>(name: string) {
  const key = Symbol.for(`gongkai.${name}`);
  const slots = globalThis as Record<symbol, T | undefined>;
  return {
    put(value: T) {
      slots[key] = value;
    },
    get: (): T | undefined => slots[key],
    /** The value, emptying the slot. */
    take(): T | undefined {
      const value = slots[key];
      delete slots[key];
      return value;
    },
  };
}

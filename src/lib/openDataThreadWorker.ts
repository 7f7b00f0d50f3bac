/**
 * The worker thread of {@link writeOpenDataInThread} (src/lib/openDataThread.ts). Its modules are
 * imported once the compiled-code cache is on in this thread (a thread starts without it), so
 * that it does not strip and compile them again while Astro starts on the other core.
 */
import { cacheCompiledModules } from '../build/compileCache.ts';

cacheCompiledModules();
await import('./openDataThreadJob.ts');

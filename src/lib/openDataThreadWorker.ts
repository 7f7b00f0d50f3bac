/**
 * The worker thread of {@link writeOpenDataInThread} (src/lib/openDataThread.ts), at a lower OS
 * priority than the build's main thread (src/lib/threadPriority.ts). Its modules are
 * imported once the compiled-code cache is on in this thread (a thread starts without it), so
 * that it does not strip and compile them again while Astro starts on the other core.
 */
import { cacheCompiledModules } from '../build/compileCache.ts';
import { lowerThreadPriority } from './threadPriority.ts';

// Never on the build's critical path: the files are written before the last page (1,000 and
// 10,000 projects), while the main thread renders the pages that everything waits for. At a
// lower priority the thread takes a core only when the main thread, Pagefind and the indexing
// thread leave it one: a clean build of 1,000 projects took 5.11 s instead of 5.48 (median of 6
// alternating pairs), the main thread's render 3.74 s instead of 4.14.
lowerThreadPriority();
cacheCompiledModules();
await import('./openDataThreadJob.ts');

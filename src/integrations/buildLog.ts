/**
 * Astro's log destination for `astro build` without a line per page: Astro prints every page it
 * writes (11,000 lines for 10,000 projects), which buries the warnings an editor must see.
 * Those per-page lines are dropped; everything else, and the phases summary, is printed as Astro
 * prints it. `npm run build -- --verbose` (or GONGKAI_VERBOSE=1) shows every line.
 */
import nodeDestination from 'astro/logger/node';

type Destination = ReturnType<typeof nodeDestination>;
type AstroLoggerMessage = Parameters<Destination['write']>[0];

/** A page line (`  ├─ /a/b/index.html`) and its timing tail (` (+3ms)`), both as Astro writes them. */
function isPerPageLine(event: AstroLoggerMessage): boolean {
  if (event.level !== 'info') return false;
  if (event.label === null && /^\s+[├└]─ /.test(event.message)) return true;
  return event.label === 'SKIP_FORMAT' && /^\s*(\S*\(\+[\d.]+m?s\)|\S*\((cached|restored)\))/.test(event.message);
}

export default function buildLog(): Destination {
  const verbose = process.argv.includes('--verbose') || process.env.GONGKAI_VERBOSE === '1';
  const node = nodeDestination({ level: 'debug' });
  return {
    write(event) {
      if (!verbose && isPerPageLine(event)) return;
      node.write(event);
    },
  };
}

/**
 * The Node options `npm run build` starts with, read from package.json's "build" script, so that
 * what runs the build without npm (`npm run bench`) starts it with the same ones.
 *
 * `--max-semi-space-size` (MiB): V8's young generation. With the default (16 MiB) the main thread
 * collected its young generation 422 times in a build of 10,000 projects, each time copying what
 * the pages being rendered still held; with 32 MiB 219 times, at the same peak memory (64 MiB: 116
 * times, but 180 MB more at the peak). It is given on the command line because V8 sizes a heap when
 * it creates it: `v8.setFlagsFromString` comes too late for the main thread.
 */
import { readFileSync } from 'node:fs';

/** The words after `node` in package.json's "build" script: Node's options, then the script. */
export function buildScriptArgs(packageJson = new URL('../../package.json', import.meta.url)): string[] {
  const script = (JSON.parse(readFileSync(packageJson, 'utf8')) as { scripts?: Record<string, string> }).scripts?.build ?? '';
  const [command, ...args] = script.trim().split(/\s+/);
  if (command !== 'node' || !args.at(-1)?.endsWith('.ts') || args.some((a) => /["'$&|;<>`]/.test(a))) {
    throw new Error(`package.json: scripts.build should read "node [Node options] scripts/build.ts", not "${script}"`);
  }
  return args;
}

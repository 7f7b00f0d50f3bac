/**
 * Runs a command and measures what the bench reports about it: wall time and the peak memory of
 * the whole process tree (Node plus the Pagefind or Hugo processes it starts), sampled from
 * /proc. GNU time's "maximum resident set size" is the largest single process, not the tree.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface RunResult {
  ok: boolean;
  seconds: number;
  /** Highest sum of resident memory over the process and all its descendants, in bytes. */
  peakTreeBytes: number;
  output: string;
}

const PAGE_SIZE = 4096;

/** Resident bytes of every process below `root` (itself included), read from /proc. */
export function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name, which may itself contain spaces and brackets.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      const ppid = Number(fields[1]);
      rss.set(pid, Number(fields[21]) * PAGE_SIZE);
      const list = children.get(ppid);
      if (list) list.push(pid);
      else children.set(ppid, [pid]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Runs `command args` with `env` added, sampling the tree's memory every `intervalMs`. */
export function measure(command: string, args: string[], env: Record<string, string> = {}, { intervalMs = 100, echo = false } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    const keep = (b: Buffer) => {
      chunks.push(b);
      if (echo) process.stderr.write(b);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let peak = 0;
    const timer = setInterval(() => {
      if (child.pid) peak = Math.max(peak, treeRss(child.pid));
    }, intervalMs);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ ok: code === 0, seconds: (performance.now() - start) / 1000, peakTreeBytes: peak, output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

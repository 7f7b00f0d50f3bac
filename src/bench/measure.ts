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
  /**
   * Highest resident memory of each program in the tree (summed over its processes), in bytes:
   * which of Node and Pagefind holds the memory. The peaks may fall at different moments.
   */
  peakByProgram: Record<string, number>;
  output: string;
}

const PAGE_SIZE = 4096;

/** Resident bytes of every process below `root` (itself included), read from /proc, in all and by program. */
export function treeRss(root: number): { total: number; byProgram: Map<string, number> } {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  const program = new Map<number, string>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name, which may itself contain spaces and brackets.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      const ppid = Number(fields[1]);
      program.set(pid, stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
      rss.set(pid, Number(fields[21]) * PAGE_SIZE);
      const list = children.get(ppid);
      if (list) list.push(pid);
      else children.set(ppid, [pid]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  let total = 0;
  const byProgram = new Map<string, number>();
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    const bytes = rss.get(pid) ?? 0;
    total += bytes;
    const name = program.get(pid) ?? '?';
    byProgram.set(name, (byProgram.get(name) ?? 0) + bytes);
    stack.push(...(children.get(pid) ?? []));
  }
  return { total, byProgram };
}

/** Runs `command args` with `env` added (in `cwd` when given), sampling the tree's memory every `intervalMs`. */
export function measure(command: string, args: string[], env: Record<string, string> = {}, { intervalMs = 100, echo = false, cwd }: { intervalMs?: number; echo?: boolean; cwd?: string } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    const keep = (b: Buffer) => {
      chunks.push(b);
      if (echo) process.stderr.write(b);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let peak = 0;
    const peakByProgram: Record<string, number> = {};
    const timer = setInterval(() => {
      if (!child.pid) return;
      const { total, byProgram } = treeRss(child.pid);
      peak = Math.max(peak, total);
      for (const [name, bytes] of byProgram) peakByProgram[name] = Math.max(peakByProgram[name] ?? 0, bytes);
    }, intervalMs);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ ok: code === 0, seconds: (performance.now() - start) / 1000, peakTreeBytes: peak, peakByProgram, output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

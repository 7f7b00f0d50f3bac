/**
 * Lowers the OS priority of the calling thread (and so of the processes it starts, which inherit
 * it). On Linux a nice value belongs to a thread, not to the process: `os.setPriority` given the
 * thread's own id (from /proc/thread-self) lowers only this thread. Elsewhere, or where the call
 * is refused, the thread keeps its priority: a slower build, never a failed one.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The nice value (0–19) of work that is not on the build's critical path. */
export const BACKGROUND_NICE = 10;

/** Raises the calling thread's nice value to `nice` (a lower priority) unless it is higher already; whether it could. */
export function lowerThreadPriority(nice = BACKGROUND_NICE): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    // A build started at a lower priority still (`nice npm run build`) keeps it.
    if (getPriority(tid) < nice) setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}

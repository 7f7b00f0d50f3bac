/** Errors that cross from a worker thread to the thread that started it, keeping what the editor's message needs. */

/** An error met on another thread, as a message carries it. */
export interface ThreadError {
  name: string;
  message: string;
  code?: string;
  path?: string;
  stack?: string;
}

/** An error, as a message to the thread that started this one carries it. */
export function threadError(error: unknown): ThreadError {
  const e = error as Error & { code?: string; path?: string };
  return { name: e.name, message: e.message, code: e.code, path: e.path, stack: e.stack };
}

/** An error another thread met (a file that cannot be read …), as this thread would have thrown it. */
export function rethrown(e: ThreadError): Error {
  const error = Object.assign(new Error(e.message), { code: e.code, path: e.path });
  error.name = e.name;
  if (e.stack) error.stack = e.stack;
  return error;
}

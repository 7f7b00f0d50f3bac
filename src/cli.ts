/**
 * How every script ends on bad input: one line that names the file, says what is wrong and
 * what to do, and exit code 1. A stack trace is for developers and shows only with --debug.
 *
 *     scripts/x.ts:  await runCli(main, { hint: '…' })
 *     throw new CliError('找不到部门文件', '先运行 npm run import', 'content/…/287001.md')
 */

/** An expected failure, worded for an editor: what is wrong, in which file, and the fix. */
export class CliError extends Error {
  readonly hint: string;
  readonly file?: string;

  constructor(message: string, hint: string, file?: string) {
    super(message);
    this.name = 'CliError';
    this.hint = hint;
    this.file = file;
  }
}

interface NodeError extends Error {
  code?: string;
  path?: string;
}

/** Failures of the operating system and the argument parser, in an editor's words. */
function describeNodeError(e: NodeError): CliError | null {
  switch (e.code) {
    case 'ENOENT':
      return new CliError('找不到这个文件或文件夹', '检查路径和文件名（区分大小写）；路径里有空格时加引号', e.path);
    case 'EISDIR':
      return new CliError('这是一个文件夹，不是文件', '给出文件夹里的某个文件', e.path);
    case 'ENOTDIR':
      return new CliError('路径中的某一级不是文件夹', '检查路径', e.path);
    case 'EACCES':
    case 'EPERM':
      return new CliError('没有读写这个文件的权限', '检查文件权限，或换一个可写的位置', e.path);
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new CliError(`命令行参数有误：${e.message.split('\n')[0]}`, '核对参数拼写；npm run 的脚本参数要写在 -- 之后，例如 npm run check -- --verbose');
    default:
      return null;
  }
}

export interface CliOptions {
  /** What to do when an unexpected error stops the script. */
  hint: string;
  /** The file the script was working on, for errors that do not name one. */
  file?: () => string | undefined;
  /** Turns a library's error into an editor's message (for example: a .docx that is not a zip). */
  describe?: (e: Error) => CliError | null;
}

/** The one line an editor sees for an error. */
export function formatCliError(e: CliError): string {
  return `错误：${e.file ? `${e.file}：` : ''}${e.message}。${e.hint}`;
}

/**
 * Runs a script's main function. Its return value is the exit code; any error becomes one
 * line on stderr and exit code 1, with the stack only when --debug is on the command line.
 */
export async function runCli(main: () => number | void | Promise<number | void>, options: CliOptions): Promise<void> {
  const debug = process.argv.includes('--debug');
  try {
    const code = await main();
    if (typeof code === 'number') process.exitCode = code;
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    const known =
      e instanceof CliError
        ? e
        : (describeNodeError(e) ?? options.describe?.(e) ?? new CliError(`意外的错误：${e.message.split('\n')[0]}`, `${options.hint}；加 --debug 可看到详细信息`));
    const argumentError = (e as NodeError).code?.startsWith('ERR_PARSE_ARGS') ?? false;
    const file = known.file ?? (argumentError ? undefined : options.file?.());
    console.error(formatCliError(file === known.file ? known : new CliError(known.message, known.hint, file)));
    if (debug) console.error(e.stack);
    process.exitCode = 1;
  }
}

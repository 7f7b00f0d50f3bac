/**
 * A remark plugin that refuses content which could run in a reader's browser: raw HTML
 * and `javascript:` / `data:` links. Each problem is reported on the file with its position,
 * so the editors' check can name the line; the build fails on them as well.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';

export const UNSAFE_URL = /^\s*(javascript|data|vbscript):/i;

export interface SafeContentOptions {
  /** Fail the file (build) instead of only recording messages (check). */
  fatal?: boolean;
}

export default function remarkSafeContent(options: SafeContentOptions = {}) {
  return function transformer(tree: Root, file: VFile) {
    const report = (reason: string, node: { position?: unknown }, ruleId: string) => {
      const message = file.message(reason, { place: node.position as never, ruleId, source: 'gongkai' });
      message.fatal = true;
    };
    visit(tree, (node) => {
      if (node.type === 'html') {
        report('正文中不允许原始 HTML（如 <script>、<div>）', node, 'raw-html');
      }
      if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && UNSAFE_URL.test(node.url)) {
        report(`不允许 ${node.url.split(':')[0]}: 链接`, node, 'unsafe-link');
      }
    });
    if (options.fatal && file.messages.some((m) => m.fatal)) {
      const first = file.messages.find((m) => m.fatal)!;
      throw new Error(`${file.path}:${first.line}:${first.column} ${first.reason}`);
    }
  };
}

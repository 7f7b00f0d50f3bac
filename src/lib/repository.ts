/**
 * Links from a page to its content file in the hosting repository. GitHub and GitLab spell
 * the two views differently (`/blob/` vs `/-/blob/`); anything else is treated like GitHub,
 * which Gitea and Forgejo also follow.
 */
export interface RepositoryConfig {
  /** Web address without a trailing slash; '' when unknown (pages then show no links). */
  url: string;
  branch: string;
  host: 'github' | 'gitlab';
}

export interface SourceLinks {
  /** The file as it is now on the branch. */
  source: string;
  /** Every commit that changed the file. */
  history: string;
}

type Env = Record<string, string | undefined>;

/** The configured address, else GONGKAI_REPOSITORY, else what GitHub Actions or GitLab CI say. */
export function resolveRepository(config: { url: string; branch: string }, env: Env): RepositoryConfig {
  const github = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}` : '';
  const url = (env.GONGKAI_REPOSITORY || config.url || github || env.CI_PROJECT_URL || '').replace(/\/+$/, '');
  const branch = env.GONGKAI_BRANCH || config.branch || env.CI_DEFAULT_BRANCH || 'main';
  const host = /gitlab/i.test(url) || (!!env.CI_PROJECT_URL && url === env.CI_PROJECT_URL) ? 'gitlab' : 'github';
  return { url, branch, host };
}

export function sourceLinks(repo: RepositoryConfig, path: string): SourceLinks | null {
  if (!repo.url) return null;
  const file = path.split('/').map(encodeURIComponent).join('/');
  const sep = repo.host === 'gitlab' ? '/-/' : '/';
  return {
    source: `${repo.url}${sep}blob/${encodeURIComponent(repo.branch)}/${file}`,
    history: `${repo.url}${sep}commits/${encodeURIComponent(repo.branch)}/${file}`,
  };
}

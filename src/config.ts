/**
 * Publishing settings, in one place. Set the hosting repository's address here (or with the
 * GONGKAI_REPOSITORY variable) so that every page links to its source file and its history.
 * In GitHub Actions and GitLab CI the address is taken from the platform when not set.
 */
import { resolveRepository } from './lib/repository.ts';

export const repository = resolveRepository(
  {
    /** Web address of the content repository, e.g. https://github.com/example-bureau/gongkai; '' to show no links. */
    url: '',
    /** The branch the site is built from. */
    branch: 'main',
  },
  process.env,
);

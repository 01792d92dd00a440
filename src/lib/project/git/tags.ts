import git from 'isomorphic-git';
import { checkAuthor } from './author';
import { resolveCommit } from './branches';
import { GitError } from './errors';
import { checkRefName } from './ref-name';
import { args, step, type Repo } from './repo';
import { bump, compareVersions, formatTag, parseTagVersion } from './semver';

export interface TagInfo {
  name: string;
  /** The commit tagged. */
  oid: string;
  message: string;
  annotated: boolean;
}

/**
 * An annotated tag (who, when, why — what `git tag -a` makes) named `vMAJOR.MINOR.PATCH`, newer
 * than every version tagged so far.
 */
export async function createTag(
  repo: Repo,
  request: { name: string; message: string; author: unknown; ref?: string; timestamp?: number },
): Promise<void> {
  const who = checkAuthor(request.author);
  checkRefName(request.name, 'tag');
  const version = parseTagVersion(request.name);
  const tags = await listTags(repo);
  const latest = latestVersion(tags.map((t) => t.name));
  if (!version)
    throw new GitError(
      'bad-tag',
      `"${request.name}" is not a semantic version. Name release tags vMAJOR.MINOR.PATCH, such as "${formatTag(bump(latest ? parseTagVersion(latest) : undefined, 'patch'))}".`,
      { ref: request.name },
    );
  if (tags.some((t) => t.name === request.name))
    throw new GitError(
      'exists',
      `The tag ${request.name} already exists; a released version never moves. Tag the next version instead.`,
      { ref: request.name },
    );
  if (latest && compareVersions(version, parseTagVersion(latest)!) <= 0)
    throw new GitError(
      'bad-tag',
      `${request.name} is not newer than ${latest}, the latest version tagged. Use ${formatTag(bump(parseTagVersion(latest), 'patch'))} or higher.`,
      { ref: request.name },
    );
  const message = request.message.trim();
  if (!message)
    throw new GitError(
      'empty-message',
      `Say what ${request.name} releases in the tag message, such as "First model served".`,
    );
  const object = await resolveCommit(repo, request.ref ?? 'HEAD');
  const when = { timestamp: request.timestamp ?? Math.floor(Date.now() / 1000), timezoneOffset: 0 };
  await step(repo, `Tagging ${request.name}`, () =>
    git.annotatedTag({
      ...args(repo),
      ref: request.name,
      object,
      message,
      tagger: { ...who, ...when },
    }),
  );
}

/**
 * Deletes a tag (`git tag -d`): for a wrong tag not yet published. A pushed release never moves,
 * but a local mistake must not block the right version (tags only go up).
 */
export async function deleteTag(repo: Repo, name: string): Promise<void> {
  const tags = await listTags(repo);
  if (!tags.some((t) => t.name === name))
    throw new GitError(
      'not-found',
      `There is no tag "${String(name).slice(0, 80)}". The tags are: ${tags.map((t) => t.name).join(', ') || '(none yet)'}.`,
      { ref: String(name) },
    );
  await step(repo, `Deleting tag ${name}`, () => git.deleteTag({ ...args(repo), ref: name }));
}

export async function listTags(repo: Repo): Promise<TagInfo[]> {
  const names = await step(repo, 'Listing tags', () => git.listTags(args(repo)));
  const out: TagInfo[] = [];
  for (const name of names) {
    const oid = await git.resolveRef({ ...args(repo), ref: `refs/tags/${name}` });
    const object = await git.readObject({ ...args(repo), oid });
    if (object.type === 'tag') {
      const { tag } = await git.readTag({ ...args(repo), oid });
      out.push({ name, oid: tag.object, message: tag.message.trim(), annotated: true });
    } else out.push({ name, oid, message: '', annotated: false });
  }
  return out;
}

export function latestVersion(names: string[]): string | undefined {
  const versions = names.flatMap((n) => {
    const v = parseTagVersion(n);
    return v ? [{ n, v }] : [];
  });
  versions.sort((a, b) => compareVersions(b.v, a.v));
  return versions[0]?.n;
}

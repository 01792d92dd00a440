import { GitError } from './errors';

/** Who commits: set once in settings (key `git.author`), written into every commit. */
export interface GitAuthor {
  name: string;
  email: string;
}

export const AUTHOR_SETTING = 'git.author';

/** A stored or typed author, checked: Git writes it into commit headers verbatim. */
export function checkAuthor(value: unknown): GitAuthor {
  const author = (value ?? {}) as Partial<GitAuthor>;
  const name = typeof author.name === 'string' ? author.name.trim() : '';
  const email = typeof author.email === 'string' ? author.email.trim() : '';
  if (!name || !email)
    throw new GitError(
      'no-author',
      'Git needs your name and email for the commit. Set them once in Settings → Git author (for example "Ada Lovelace" and "ada@example.org").',
    );
  // eslint-disable-next-line no-control-regex -- a newline or <> would forge commit headers
  const bad = /[\u0000-\u001f\u007f<>]/;
  if (bad.test(name) || bad.test(email))
    throw new GitError(
      'bad-author',
      'The Git author name or email contains a control character, a line break, "<" or ">", which would break the commit header. Retype them in Settings → Git author.',
    );
  if (!/^[^@\s]+@[^@\s]+$/.test(email))
    throw new GitError(
      'bad-author',
      `"${email}" is not an email address. Use one like "ada@example.org" in Settings → Git author.`,
    );
  if (name.length > 200 || email.length > 200)
    throw new GitError(
      'bad-author',
      'The Git author name and email must each be under 200 characters.',
    );
  return { name, email };
}

import type { LabNamespaceDoc } from './types';

export const projectDocs: LabNamespaceDoc = {
  doc: 'Projects: files and folders kept in the browser, edited on the Project page; the active project is the one project: imports read.',
  members: {
    list: {
      signature: 'await lab.project.list()',
      doc: 'Your projects as a table: name, id, the lesson that seeded it, last change.',
    },
    create: {
      signature: "await lab.project.create('taxi-pipeline', { 'src/features.js': 'export {}' })",
      doc: 'A new project, with files (path → text) if given; it becomes the active project. Names: letters, digits, ".", "-", "_".',
    },
    open: {
      signature: "const p = await lab.project.open('taxi-pipeline')",
      doc: 'A project by name (or id), as a handle; it becomes the active project, the one project: imports read.',
    },
    current: {
      signature: 'await lab.project.current()',
      doc: "The active project's handle (the lesson's project, or the last one opened), or null.",
    },
    files: {
      signature: 'await p.files()',
      doc: 'Paths of the files of the project, sorted (folders and .git left out).',
      of: 'project',
    },
    read: {
      signature: "await p.read('src/features.js')",
      doc: 'The text of a file.',
      of: 'project',
    },
    write: {
      signature: "await p.write('config.yml', 'seed: 42\\n')",
      doc: 'Writes a file, creating its folders; an open Project page sees the change before it saves.',
      of: 'project',
    },
    move: {
      signature: "await p.move('features.js', 'src/features.js')",
      doc: 'Renames or moves a file or a folder; never overwrites an existing one.',
      of: 'project',
    },
    remove: {
      signature: "await p.remove('old.js')",
      doc: 'Deletes a file, or a folder with everything in it.',
      of: 'project',
    },
    importFresh: {
      signature: "const { trainModel } = await p.importFresh('src/train.js')",
      doc: 'Imports a module as a fresh process would: it and the project modules it imports run anew, so no cache or counter left by earlier imports carries over.',
      of: 'project',
    },
    docs: {
      signature: "await p.docs('src/features.js')",
      doc: 'The exported functions of a module: name, parameters, the /** JSDoc */ above each (null: none) and the parameters its @param tags name. Nothing runs.',
      of: 'project',
    },
    lint: {
      signature: 'await p.lint()  // or p.lint({ strict: true })',
      doc: "The Problems panel's findings as a table: ESLint on the JavaScript, the docker/* and compose/* rules on Dockerfile and compose.yaml (docs/containers.md). strict ignores eslint-disable comments.",
      of: 'project',
    },
    explain: {
      signature: "await p.explain('Dockerfile')",
      doc: 'Each Dockerfile instruction with its line and what the Labbook does in its place.',
      of: 'project',
    },
    git: {
      signature: 'const git = p.git',
      doc: "The project's Git repository, the one the Git panel shows: the git CLI's commands as methods (below).",
      of: 'project',
    },
    'git.init': {
      signature: 'await p.git.init()',
      doc: 'git init: a repository with branch main; a project that has one is left alone.',
      of: 'git',
    },
    'git.setAuthor': {
      signature: "await p.git.setAuthor({ name: 'Ada Lovelace', email: 'ada@example.org' })",
      doc: 'git config user.name / user.email: who your commits and tags name (the same as Settings → Git author).',
      of: 'git',
    },
    'git.author': {
      signature: 'await p.git.author()',
      doc: 'The author your commits carry, or undefined.',
      of: 'git',
    },
    'git.status': {
      signature: 'await p.git.status()',
      doc: 'git status --ignored: changed, new, deleted, conflicted and ignored files, each with its state in words.',
      of: 'git',
    },
    'git.add': {
      signature: "await p.git.add('src/features.js', 'config.yml')  // or '.'",
      doc: "git add: stages files for the next commit; '.' stages every change .gitignore allows. Naming an ignored file is refused.",
      of: 'git',
    },
    'git.reset': {
      signature: "await p.git.reset('config.yml')",
      doc: 'git restore --staged: takes files out of the next commit; their edits stay.',
      of: 'git',
    },
    'git.rm': {
      signature: "await p.git.rm('data')",
      doc: 'git rm -r --cached: stops tracking files or a folder from the next commit; they stay on disk (old commits keep them).',
      of: 'git',
    },
    'git.commit': {
      signature: "await p.git.commit('feat: add pickup-hour feature')",
      doc: 'git commit -m: records what is staged; returns { oid, warnings } (where the message breaks Conventional Commits). During a merge, commits it with two parents.',
      of: 'git',
    },
    'git.log': {
      signature: "await p.git.log()  // or p.git.log('main'), p.git.log('v1.0.0')",
      doc: 'git log --all, or git log <ref>: commits newest first, each with oid, parents, subject, message, author and refs (branches, tags).',
      of: 'git',
    },
    'git.branches': {
      signature: 'await p.git.branches()',
      doc: 'git branch: { current, all }.',
      of: 'git',
    },
    'git.branch': {
      signature: "await p.git.branch('feature/pickup-hour')",
      doc: 'git branch <name> [from]: a new branch at HEAD (or at from); you stay on yours.',
      of: 'git',
    },
    'git.deleteBranch': {
      signature: "await p.git.deleteBranch('feature/pickup-hour')",
      doc: 'git branch -d: deletes a branch other than the one you are on.',
      of: 'git',
    },
    'git.checkout': {
      signature: "await p.git.checkout('feature/pickup-hour')",
      doc: 'git switch: moves to a branch; refused while changes are uncommitted.',
      of: 'git',
    },
    'git.merge': {
      signature: "await p.git.merge('feature/pickup-hour', { noFastForward: true })",
      doc: "git merge into the current branch: { kind: 'fast-forward' | 'merged' | 'conflicts' | 'up-to-date' }. { noFastForward: true } is git merge --no-ff: always a merge commit, as a GitHub pull request makes. On conflicts, edit the files, add them, commit.",
      of: 'git',
    },
    'git.abort': {
      signature: 'await p.git.abort()',
      doc: 'git merge --abort: puts the files back as before the merge.',
      of: 'git',
    },
    'git.tag': {
      signature: "await p.git.tag('v1.0.0', 'First release', ref)",
      doc: 'git tag -a: an annotated tag vMAJOR.MINOR.PATCH on HEAD (or ref), newer than every version so far.',
      of: 'git',
    },
    'git.deleteTag': {
      signature: "await p.git.deleteTag('v2.0.0')",
      doc: 'git tag -d: removes a wrong tag you have not published.',
      of: 'git',
    },
    'git.tags': {
      signature: 'await p.git.tags()',
      doc: 'git tag -n: each tag with the commit it names, its message and whether it is annotated.',
      of: 'git',
    },
    'git.files': {
      signature: "await p.git.files('v1.0.0')",
      doc: 'git ls-tree -r --name-only: the files a commit holds.',
      of: 'git',
    },
    'git.show': {
      signature: "await p.git.show('v1.0.0', 'config.yml')",
      doc: "git show ref:path: a file's text in a commit, or null if the commit has no such file.",
      of: 'git',
    },
    'git.diff': {
      signature: "await p.git.diff('v1.0.0', 'main')",
      doc: 'git diff --name-status: the files added, removed or modified between two commits.',
      of: 'git',
    },
    tree: {
      signature: 'await p.tree()',
      doc: 'The file tree, drawn.',
      of: 'project',
    },
  },
};

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
    tree: {
      signature: 'await p.tree()',
      doc: 'The file tree, drawn.',
      of: 'project',
    },
  },
};

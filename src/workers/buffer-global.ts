import { Buffer } from 'buffer';

// isomorphic-git calls Node's global Buffer (index files, packfiles, hashing); browsers and
// workers have none. Imported first by the worker that runs Git.
const scope = globalThis as { Buffer?: typeof Buffer };
scope.Buffer ??= Buffer;

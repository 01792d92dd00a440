import { MemoryProjectStorage } from '../../../src/lib/project/memory-storage';
import type { ProjectStoragePort } from '../../../src/lib/project/storage-port';
import { toStoreError } from '../../../src/lib/store/errors';

/**
 * Memory project storage whose writes fail once `full` is set, as IndexedDB does when the quota
 * is reached: the whole write refused with QuotaExceededError, mapped by the store as
 * dexieProjectPort maps it.
 */
export class FullDiskPort extends MemoryProjectStorage implements ProjectStoragePort {
  full = false;
  /** Fail only the write after this many more succeed (a failure part-way through a sequence). */
  failAfter = 0;

  private check(): void {
    if (!this.full) return;
    if (this.failAfter-- > 0) return;
    throw toStoreError(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
  }
  override async writeFiles(...args: Parameters<MemoryProjectStorage['writeFiles']>) {
    this.check();
    return super.writeFiles(...args);
  }
  override async putProject(...args: Parameters<MemoryProjectStorage['putProject']>) {
    this.check();
    return super.putProject(...args);
  }
}

package io.arbiter.store;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of fair locks striped by family, so that families rarely wait for each other: what a
 * {@link ClaimStore#inFamily} held in memory locks. Thread-safe; family ids must not be null.
 */
public final class FamilyLocks {
  private static final int STRIPES = 1024;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  public FamilyLocks() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock(true);
    }
  }

  /** The lock of the family's stripe (shared with the families hashed to the same stripe). */
  public ReentrantLock of(String familyId) {
    return locks[Math.floorMod(familyId.hashCode(), STRIPES)];
  }
}

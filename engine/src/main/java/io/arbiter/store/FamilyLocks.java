package io.arbiter.store;

import java.util.concurrent.locks.ReentrantLock;

/** A fixed set of fair locks striped by family, so that families rarely wait for each other. */
final class FamilyLocks {
  private static final int STRIPES = 1024;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  FamilyLocks() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock(true);
    }
  }

  ReentrantLock of(String familyId) {
    return locks[Math.floorMod(familyId.hashCode(), STRIPES)];
  }
}

package io.arbiter.engine;

import io.arbiter.store.MemoryStore;
import io.arbiter.store.Store;

/** The review queue contract on the in-memory store. */
class ReviewQueueMemoryTest extends ReviewQueueContractTest {
  @Override
  Store open() {
    return new MemoryStore();
  }
}

package io.arbiter.store;

/** The review queue contract on the in-memory store. */
class ReviewQueueMemoryTest extends ReviewQueueContractTest {
  @Override
  protected Store open() {
    return new MemoryStore();
  }
}

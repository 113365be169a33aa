package io.arbiter.store.jdbc;

import io.arbiter.store.ReviewQueueContractTest;
import io.arbiter.store.Store;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The review queue contract on PostgreSQL (see {@link TestPostgres}), each test in a schema of its own. */
class ReviewQueuePostgresTest extends ReviewQueueContractTest {
  @RegisterExtension
  final TestPostgres.Schema schema = new TestPostgres.Schema();

  @Override
  protected Store open() {
    return schema.open();
  }
}

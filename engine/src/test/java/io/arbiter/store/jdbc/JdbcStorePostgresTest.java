package io.arbiter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.engine.Arbiter;
import io.arbiter.engine.TestScheme;
import io.arbiter.store.Store;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store contract on PostgreSQL (see {@link TestPostgres} for where it comes from), each test in a
 * schema of its own; plus what only a shared database can show: two instances serialising one
 * family between them.
 */
class JdbcStorePostgresTest extends StoreContractTest {
  @RegisterExtension
  final TestPostgres.Schema schema = new TestPostgres.Schema();

  @Override
  Store open() {
    return schema.open();
  }

  @Override
  Store open(java.time.Clock clock) {
    return schema.open(clock);
  }

  @Override
  Store open(GroupCommitter.BeforeCommit beforeCommit) {
    return schema.open(beforeCommit);
  }

  @Override
  int poolSize() {
    return TestPostgres.POOL_SIZE;
  }

  @Test
  void concurrency_twoInstancesNeverOverGrantALimit() throws Exception {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("PARA").put("limitNoAdult", 9);
    try (Store first = open(); Store second = open()) {
      Arbiter a = scheme.arbiter(first);
      Arbiter b = Arbiter.builder().rules(TestScheme.rules()).store(second).build();
      assertThat(grantedConcurrently(List.of(a, b), 200)).isEqualTo(9);
    }
  }
}

package io.arbiter.store.jdbc;

import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import io.arbiter.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded default: an H2 file database. */
class JdbcStoreH2Test extends StoreContractTest {
  @TempDir
  Path dir;

  @Override
  Store open() {
    return JdbcStore.open(new JdbcStoreOptions().setUrl(JdbcStoreOptions.h2File(dir.resolve("arbiter").toString())));
  }

  @Override
  Store open(java.time.Clock clock) {
    return JdbcStore.open(new JdbcStoreOptions().setUrl(JdbcStoreOptions.h2File(dir.resolve("arbiter").toString())),
        clock);
  }

  @Override
  Store open(GroupCommitter.BeforeCommit beforeCommit) {
    return JdbcStore.open(new JdbcStoreOptions().setUrl(JdbcStoreOptions.h2File(dir.resolve("arbiter").toString())),
        java.time.Clock.systemUTC(), beforeCommit);
  }

  @Override
  int poolSize() {
    return new JdbcStoreOptions().getPoolSize();
  }
}

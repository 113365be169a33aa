package io.arbiter.store.jdbc;

import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import io.arbiter.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Population import into the embedded default: an H2 file database. */
class PopulationImportH2Test extends PopulationImportContractTest {
  @TempDir
  Path dir;

  @Override
  Store open() {
    return JdbcStore.open(new JdbcStoreOptions().setUrl(JdbcStoreOptions.h2File(dir.resolve("arbiter").toString())));
  }
}

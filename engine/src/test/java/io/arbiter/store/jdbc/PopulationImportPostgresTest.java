package io.arbiter.store.jdbc;

import io.arbiter.store.Store;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Population import into PostgreSQL (see {@link TestPostgres}), each test in a schema of its own. */
class PopulationImportPostgresTest extends PopulationImportContractTest {
  @RegisterExtension
  final TestPostgres.Schema schema = new TestPostgres.Schema();

  @Override
  Store open() {
    return schema.open();
  }
}

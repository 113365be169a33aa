package io.arbiter.engine;

import io.arbiter.store.JdbcStore;
import io.arbiter.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Population import into PostgreSQL (see {@link TestPostgres}), each test in a schema of its own. */
class PopulationImportPostgresTest extends PopulationImportContractTest {
  private String schema;

  @BeforeEach
  void createSchema() {
    schema = TestPostgres.freshSchema();
  }

  @AfterEach
  void dropSchema() {
    TestPostgres.drop(schema);
  }

  @Override
  Store open() {
    return JdbcStore.open(TestPostgres.options(schema));
  }
}

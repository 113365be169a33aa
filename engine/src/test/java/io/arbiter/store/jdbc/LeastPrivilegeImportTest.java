package io.arbiter.store.jdbc;

import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.Store;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Population import into PostgreSQL as the runtime role of db/postgres-roles.sql. */
class LeastPrivilegeImportTest extends PopulationImportContractTest {
  @RegisterExtension
  final TestPostgres.LeastPrivilegeSchema schema = new TestPostgres.LeastPrivilegeSchema();

  @Override
  Store open() {
    return JdbcStore.open(schema.options());
  }
}

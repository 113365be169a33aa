package io.arbiter.store.jdbc;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arbiter.engine.Arbiter;
import io.arbiter.engine.TestScheme;
import io.arbiter.access.Actor;
import io.arbiter.access.AuditEntry;
import io.arbiter.access.AuditQuery;
import io.arbiter.access.Role;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.Store;
import io.arbiter.store.StoreException;
import java.sql.SQLException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store run as the runtime role of the shipped db/postgres-roles.sql, migrated by its owner
 * role: the whole store contract passes with the runtime role's rights, and those rights stop
 * short of changing the schema.
 */
class LeastPrivilegePostgresTest extends StoreContractTest {
  @RegisterExtension
  final TestPostgres.LeastPrivilegeSchema schema = new TestPostgres.LeastPrivilegeSchema();

  @Override
  Store open() {
    return JdbcStore.open(schema.options());
  }

  @Override
  Store open(java.time.Clock clock) {
    return JdbcStore.open(schema.options(), clock);
  }

  @Override
  Store open(GroupCommitter.BeforeCommit beforeCommit) {
    return JdbcStore.open(schema.options(), java.time.Clock.systemUTC(), beforeCommit);
  }

  @Override
  int poolSize() {
    return TestPostgres.POOL_SIZE;
  }

  @Test
  void runtimeRole_cannotCreateDropAlterOrTruncate() {
    open().close();
    for (String ddl : new String[] {"CREATE TABLE intruder (id INT)", "DROP TABLE claim",
        "ALTER TABLE claim ADD COLUMN intruder INT", "TRUNCATE ledger_claim", "CREATE INDEX intruder ON claim (code)"}) {
      assertThatThrownBy(() -> schema.executeAsRuntime(ddl)).as(ddl).isInstanceOf(SQLException.class)
          .satisfies(e -> {
            // 42501 insufficient_privilege: "permission denied" or "must be owner".
            assertThat(((SQLException) e).getSQLState()).isEqualTo("42501");
          });
    }
  }

  @Test
  void open_runtimeRoleAloneOnAnEmptySchema_refusedAsItCannotMigrate() {
    assertThatThrownBy(() -> JdbcStore.open(schema.runtimeOnly())).isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot migrate");
  }

  @Test
  void open_runtimeRoleAloneOnAMigratedSchema_serves() {
    open().close();
    try (Store store = JdbcStore.open(schema.runtimeOnly())) {
      Arbiter arbiter = TestScheme.base().arbiter(store);
      assertThat(arbiter.claims().submit(claim().code("R1").item("PARA", "1", "10").build()).created()).isTrue();
    }
  }

  @Test
  void keysAndAudit_workWithTheRuntimeRoleEvenWithTheAuditTrailMadeAppendOnly() throws SQLException {
    open().close();
    schema.revokeAuditChanges();
    try (JdbcStore store = JdbcStore.open(schema.options())) {
      var issued = store.keys().create("ops", Set.of(Role.ADMIN));
      assertThat(store.keys().authenticate(issued.token())).isPresent();
      store.audit().record(new Actor("k1", "ops"), "key.create", issued.key().id(), null, "x");
      assertThat(store.audit().entries(new AuditQuery(null, null, null, 0, 10)).entries())
          .extracting(AuditEntry::action).containsExactly("key.create");
      store.keys().revoke(issued.key().id());
      assertThat(store.keys().authenticate(issued.token())).isEmpty();
    }
    for (String change : new String[] {"UPDATE audit_entry SET action = 'x'", "DELETE FROM audit_entry"}) {
      assertThatThrownBy(() -> schema.executeAsRuntime(change)).as(change).isInstanceOfSatisfying(SQLException.class,
          e -> assertThat(e.getSQLState()).isEqualTo("42501"));
    }
  }
}

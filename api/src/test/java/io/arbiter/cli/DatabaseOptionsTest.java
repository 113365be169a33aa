package io.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.store.jdbc.JdbcStoreOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

class DatabaseOptionsTest {
  static final class Holder {
    @Mixin
    DatabaseOptions db;
  }

  private static JdbcStoreOptions parse(String... args) {
    Holder holder = new Holder();
    new CommandLine(holder).parseArgs(args);
    return holder.db.storeOptions();
  }

  @Test
  void storeOptions_migrationUserGiven_migratesAsItAndRunsAsTheRuntimeUser() {
    JdbcStoreOptions options = parse("--db", "jdbc:postgresql://127.0.0.1/arbiter", "--db-user", "arbiter_app",
        "--db-password", "app-secret", "--db-migration-user", "arbiter_owner", "--db-migration-password", "owner-secret");
    assertThat(options.getUser()).isEqualTo("arbiter_app");
    assertThat(options.getPassword()).isEqualTo("app-secret");
    assertThat(options.getMigrationUser()).isEqualTo("arbiter_owner");
    assertThat(options.getMigrationPassword()).isEqualTo("owner-secret");
  }

  @Test
  void storeOptions_noMigrationUser_migratesAsTheRuntimeUser() {
    JdbcStoreOptions options = parse("--db", "jdbc:postgresql://127.0.0.1/arbiter", "--db-user", "arbiter");
    assertThat(options.getMigrationUser()).isNull();
    assertThat(parse("--db-migration-user", "").getMigrationUser()).as("empty, as an unset variable gives").isNull();
  }

  /** Issue 15 §0: the pool size is a flag (and so the key db.pool.size), not a constant. */
  @Test
  void storeOptions_poolSize_defaultEightAndTheFlagSetsIt() {
    assertThat(parse().getPoolSize()).isEqualTo(JdbcStoreOptions.DEFAULT_POOL_SIZE).isEqualTo(8);
    assertThat(parse("--db-pool-size", "20").getPoolSize()).isEqualTo(20);
    assertThat(parse("--db-pool-size", "1").getPoolSize()).isEqualTo(1);
  }

  @Test
  void storeOptions_poolSizeZero_refusedNamingTheFlag() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("--db-pool-size", "0"))
        .isInstanceOf(InputException.class).hasMessage("--db-pool-size must be at least 1, was 0");
  }
}

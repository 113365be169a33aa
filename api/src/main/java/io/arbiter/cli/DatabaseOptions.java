package io.arbiter.cli;

import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import picocli.CommandLine.Option;

/** The options that choose the store's database, with the same names and defaults as {@code serve}'s. */
public final class DatabaseOptions {
  @Option(names = {"--db", "--db-url"}, paramLabel = "URL", defaultValue = "${env:ARBITER_DB_URL}",
      description = "JDBC URL of the store: jdbc:postgresql://… or jdbc:h2:… (default: an H2 file"
          + " database in ./data/arbiter, created on first use).")
  public String url;

  @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:ARBITER_DB_USER}",
      description = "Database user.")
  String user;

  @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:ARBITER_DB_PASSWORD}",
      description = "Database password (or ARBITER_DB_PASSWORD).")
  String password;

  @Option(names = "--db-migration-user", paramLabel = "USER", defaultValue = "${env:ARBITER_DB_MIGRATION_USER}",
      description = "Database user that creates and migrates the schema at start-up (default: --db-user)."
          + " With it, --db-user needs only to read and write the tables: see docs/operating.md, \"Least privilege on PostgreSQL\".")
  String migrationUser;

  @Option(names = "--db-migration-password", paramLabel = "PASSWORD",
      defaultValue = "${env:ARBITER_DB_MIGRATION_PASSWORD}",
      description = "Password of the migration user (or ARBITER_DB_MIGRATION_PASSWORD).")
  String migrationPassword;

  @Option(names = "--db-pool-size", paramLabel = "N", defaultValue = "" + JdbcStoreOptions.DEFAULT_POOL_SIZE,
      description = {"Database connections held at most (default: ${DEFAULT-VALUE}). A claim's transaction holds one",
          "and never a second, so this many adjudications run in the database at once; serve's worker",
          "threads beyond it wait for a connection (see --workers). Mind the database's own limit",
          "(PostgreSQL max_connections) across every instance."})
  int poolSize;

  /** Whether no --db was given: the embedded database in ./data/arbiter, a demo's. */
  public boolean embeddedDefault() {
    return url == null || url.isEmpty() || url.equals(JdbcStoreOptions.DEFAULT_URL);
  }

  /**
   * The store's options as these flags (and their environment variables) give them.
   *
   * @throws InputException when the pool size is below 1
   */
  public JdbcStoreOptions storeOptions() {
    if (poolSize < 1) {
      throw new InputException("--db-pool-size must be at least 1, was " + poolSize);
    }
    return new JdbcStoreOptions().setPoolSize(poolSize).setUrl(url == null ? JdbcStoreOptions.DEFAULT_URL : url)
        .setUser(user == null ? "" : user).setPassword(password == null ? "" : password)
        .setMigrationUser(migrationUser == null || migrationUser.isEmpty() ? null : migrationUser)
        .setMigrationPassword(migrationPassword == null ? "" : migrationPassword);
  }

  /**
   * Opens (creating or migrating) the store.
   *
   * @throws io.arbiter.store.StoreException when the database cannot be reached or migrated
   */
  public JdbcStore open() {
    return JdbcStore.open(storeOptions());
  }
}

package io.arbiter.store.jdbc;

/**
 * Options of a {@link JdbcStore}: the JDBC URL (H2 or PostgreSQL), credentials, pool and cache
 * sizes. Mutable builder-style setters; copied when the store opens.
 */
public final class JdbcStoreOptions {
  /** The embedded default: an H2 file database under ./data, PostgreSQL-compatible. */
  public static final String DEFAULT_URL = h2File("./data/arbiter");

  /** Database connections a store holds at most unless told otherwise. */
  public static final int DEFAULT_POOL_SIZE = 8;

  private String url = DEFAULT_URL;
  private String user = "";
  private String password = "";
  private String migrationUser;
  private String migrationPassword = "";
  private int poolSize = DEFAULT_POOL_SIZE;
  private int cacheSize = 100_000;

  /**
   * The URL of an H2 file database at {@code path}, in PostgreSQL mode, writing each commit to the
   * file at once (so that a killed process loses nothing acknowledged), and left open until the
   * store closes it (H2's own shutdown hook would close it under requests still being served), with
   * a statement cache per connection large enough for every statement a claim's transaction or
   * its group commit prepares (H2's default of 8 re-parsed a dozen statements a claim: 8 % of the
   * process's CPU in a JFR profile of submits, issue 18).
   */
  public static String h2File(String path) {
    return "jdbc:h2:file:" + path + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
        + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64";
  }

  public String getUrl() {
    return url;
  }

  /** {@code jdbc:h2:…} or {@code jdbc:postgresql://…}. */
  public JdbcStoreOptions setUrl(String url) {
    this.url = url;
    return this;
  }

  public String getUser() {
    return user;
  }

  public JdbcStoreOptions setUser(String user) {
    this.user = user;
    return this;
  }

  public String getPassword() {
    return password;
  }

  public JdbcStoreOptions setPassword(String password) {
    this.password = password;
    return this;
  }

  public String getMigrationUser() {
    return migrationUser;
  }

  /**
   * The user that creates and migrates the schema when the store opens; {@code null} (the default)
   * migrates as {@link #getUser() the runtime user}. Set it to run the service as a user that may
   * read and write the tables but not create, alter or drop them.
   */
  public JdbcStoreOptions setMigrationUser(String migrationUser) {
    this.migrationUser = migrationUser;
    return this;
  }

  public String getMigrationPassword() {
    return migrationPassword;
  }

  /** The password of {@link #getMigrationUser() the migration user}; default empty. */
  public JdbcStoreOptions setMigrationPassword(String migrationPassword) {
    this.migrationPassword = migrationPassword;
    return this;
  }

  public int getPoolSize() {
    return poolSize;
  }

  /**
   * Maximum database connections; default {@value #DEFAULT_POOL_SIZE}. A family's transaction holds
   * one connection and never asks for a second, so this bounds how many adjudications are in the
   * database at once; a thread beyond it waits (up to 30 s) for a connection to come back.
   *
   * @throws IllegalArgumentException when below 1
   */
  public JdbcStoreOptions setPoolSize(int poolSize) {
    if (poolSize < 1) {
      throw new IllegalArgumentException("the pool size must be at least 1, was " + poolSize);
    }
    this.poolSize = poolSize;
    return this;
  }

  public int getCacheSize() {
    return cacheSize;
  }

  /** Families whose ledgers, and insurees, policies and memberships kept in memory; default 100,000. */
  public JdbcStoreOptions setCacheSize(int cacheSize) {
    this.cacheSize = cacheSize;
    return this;
  }

  boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }
}

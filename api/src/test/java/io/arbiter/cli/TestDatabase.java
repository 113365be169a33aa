package io.arbiter.cli;

import io.arbiter.store.jdbc.JdbcStoreOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The database a service under test keeps its store in, reachable both from that service's process
 * ({@link #serveArgs}) and from the test ({@link #connect}): an H2 file in a folder of the test's, or
 * a fresh schema on the PostgreSQL of {@code ARBITER_TEST_PG_URL} ({@code ARBITER_TEST_PG_USER}),
 * by default 127.0.0.1:5432, database {@code test}, user {@code postgres}, as .ci/run provides. A
 * test on PostgreSQL is skipped, with the reason, when that server cannot be reached.
 */
final class TestDatabase implements AutoCloseable {
  /** The two databases a store runs on. */
  enum Kind { H2, POSTGRESQL }

  private static final String PG_URL =
      System.getenv().getOrDefault("ARBITER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER = System.getenv().getOrDefault("ARBITER_TEST_PG_USER", "postgres");

  private final String url;
  private final String user;
  private final String schema;

  private TestDatabase(String url, String user, String schema) {
    this.url = url;
    this.user = user;
    this.schema = schema;
  }

  /**
   * A new, empty database of the kind.
   *
   * @param dir where an H2 database puts its file
   */
  static TestDatabase create(Kind kind, Path dir) {
    if (kind == Kind.H2) {
      return new TestDatabase(JdbcStoreOptions.h2File(dir.resolve("arbiter").toString()), "", null);
    }
    String problem = pgProblem();
    Assumptions.assumeTrue(problem == null, () -> "PostgreSQL test skipped: no PostgreSQL at " + PG_URL + " ("
        + problem + ")");
    String schema = "arbiter_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(PG_URL, "CREATE SCHEMA " + schema);
    return new TestDatabase(PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, PG_USER,
        schema);
  }

  private static String pgProblem() {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
      return c.isValid(2) ? null : "the connection is not valid";
    } catch (SQLException e) {
      return e.getMessage();
    }
  }

  /** The {@code serve} options naming this database. */
  List<String> serveArgs() {
    return user.isEmpty() ? List.of("--db", url) : List.of("--db", url, "--db-user", user);
  }

  /** Options for a store of the test's own process on this database. */
  JdbcStoreOptions storeOptions() {
    return new JdbcStoreOptions().setUrl(url).setUser(user);
  }

  /**
   * A connection of the test's own. On H2 only while no service has the database open: an embedded
   * H2 file belongs to one process at a time.
   */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, "");
  }

  @Override
  public void close() {
    if (schema != null) {
      execute(PG_URL, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url, PG_USER, ""); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}

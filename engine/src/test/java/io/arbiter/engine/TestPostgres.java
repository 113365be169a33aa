package io.arbiter.engine;

import io.arbiter.store.JdbcStoreOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Where the PostgreSQL tests get a server: {@code ARBITER_TEST_PG_URL} (with {@code
 * ARBITER_TEST_PG_USER}) if set, else the machine's server on 127.0.0.1:5432 (database {@code test},
 * user {@code postgres}, as .ci/run provides), else an embedded PostgreSQL from Maven Central. Where
 * none can run (the embedded one refuses to start as root), the tests are reported as skipped with
 * the reason.
 */
final class TestPostgres {
  private static final String URL;
  private static final String USER;
  private static final String PROBLEM;

  static {
    String url = System.getenv().getOrDefault("ARBITER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    String user = System.getenv().getOrDefault("ARBITER_TEST_PG_USER", "postgres");
    String problem = null;
    if (!reachable(url, user)) {
      try {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            pg.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }));
        url = pg.getJdbcUrl("postgres", "postgres");
        user = "postgres";
      } catch (IOException | RuntimeException e) {
        problem = "no PostgreSQL at " + url + " and the embedded one did not start: " + e.getMessage();
      }
    }
    URL = url;
    USER = user;
    PROBLEM = problem;
  }

  private TestPostgres() {}

  private static boolean reachable(String url, String user) {
    try (Connection c = DriverManager.getConnection(url, user, "")) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Creates an empty schema and returns its name; skips the test when no PostgreSQL is at hand. */
  static String freshSchema() {
    Assumptions.assumeTrue(PROBLEM == null, PROBLEM);
    String schema = "arbiter_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE SCHEMA " + schema);
    return schema;
  }

  static void drop(String schema) {
    if (schema != null && PROBLEM == null) {
      execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  static JdbcStoreOptions options(String schema) {
    return new JdbcStoreOptions().setUrl(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema)
        .setUser(USER).setPoolSize(4);
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** A fresh schema per test: register with {@code @RegisterExtension}, open stores on it. */
  static final class Schema implements BeforeEachCallback, AfterEachCallback {
    private String name;

    @Override
    public void beforeEach(ExtensionContext context) {
      name = freshSchema();
    }

    @Override
    public void afterEach(ExtensionContext context) {
      drop(name);
    }

    io.arbiter.store.Store open() {
      return io.arbiter.store.JdbcStore.open(options(name));
    }

    io.arbiter.store.Store open(java.time.Clock clock) {
      return io.arbiter.store.JdbcStore.open(options(name), clock);
    }
  }
}

package io.arbiter.store.jdbc;

import io.arbiter.store.jdbc.JdbcStoreOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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

  /** The connection pool of every store these tests open. */
  static final int POOL_SIZE = 4;

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
    return new JdbcStoreOptions().setUrl(url(schema)).setUser(USER).setPoolSize(POOL_SIZE);
  }

  /** The server's URL with {@code schema} as the current schema. */
  static String url(String schema) {
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Runs {@code statements} in order as the administrator; skips the test without a PostgreSQL. */
  static void administer(List<String> statements) {
    Assumptions.assumeTrue(PROBLEM == null, PROBLEM);
    statements.forEach(TestPostgres::execute);
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
      return io.arbiter.store.jdbc.JdbcStore.open(options(name));
    }

    io.arbiter.store.Store open(java.time.Clock clock) {
      return io.arbiter.store.jdbc.JdbcStore.open(options(name), clock);
    }

    io.arbiter.store.Store open(GroupCommitter.BeforeCommit beforeCommit) {
      return io.arbiter.store.jdbc.JdbcStore.open(options(name), java.time.Clock.systemUTC(), beforeCommit);
    }
  }

  /**
   * A schema per test set up by the shipped db/postgres-roles.sql, its roles and schema renamed to
   * names of the test's own (roles are global to the server): stores open as the runtime role and
   * migrate as the owner role.
   */
  static final class LeastPrivilegeSchema implements BeforeEachCallback, AfterEachCallback {
    private String schema;
    private String owner;
    private String app;

    @Override
    public void beforeEach(ExtensionContext context) {
      String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
      schema = "arbiter_lp_" + suffix;
      owner = "arbiter_owner_" + suffix;
      app = "arbiter_app_" + suffix;
      administer(statements(script()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
      if (schema != null && PROBLEM == null) {
        administer(List.of("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "DROP OWNED BY " + owner + ", " + app,
            "DROP ROLE " + owner, "DROP ROLE " + app));
      }
    }

    private String script() {
      try (var in = TestPostgres.class.getResourceAsStream("/db/postgres-roles.sql")) {
        String sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return sql.replaceAll("\\barbiter_owner\\b", owner).replaceAll("\\barbiter_app\\b", app)
            .replaceAll("\\barbiter\\b", schema);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The script's statements: comment lines dropped, split at semicolons ending a line. */
    private static List<String> statements(String script) {
      String code = script.lines().filter(line -> !line.startsWith("--")).collect(java.util.stream.Collectors.joining("\n"));
      return java.util.Arrays.stream(code.split(";\\s*(\\n|$)")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Options that run as the runtime role and migrate as the owner. */
    JdbcStoreOptions options() {
      return runtimeOnly().setMigrationUser(owner);
    }

    /** Options that run, and would migrate, as the runtime role. */
    JdbcStoreOptions runtimeOnly() {
      return new JdbcStoreOptions().setUrl(url(schema)).setUser(app).setPoolSize(POOL_SIZE);
    }

    /** What the README advises after the first start: the audit trail append-only in the database. */
    void revokeAuditChanges() {
      administer(List.of("REVOKE UPDATE, DELETE ON " + schema + ".audit_entry FROM " + app));
    }

    /** Runs {@code sql} as the runtime role in the test's schema. */
    void executeAsRuntime(String sql) throws SQLException {
      try (Connection c = DriverManager.getConnection(url(schema), app, ""); Statement s = c.createStatement()) {
        s.execute(sql);
      }
    }
  }
}

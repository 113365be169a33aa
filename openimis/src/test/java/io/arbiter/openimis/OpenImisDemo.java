package io.arbiter.openimis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * openIMIS's demo database for the tests: the schema and demo data set from the steering repo's
 * {@code shared/data/openimis/database/} (found in an ancestor of the working folder, or at
 * {@code ARBITER_OPENIMIS_SCRIPTS}), loaded once per test run into its own fresh database
 * {@code openimis_<random>} on the test server ({@code ARBITER_TEST_PG_URL}, default
 * 127.0.0.1:5432/test as user postgres). A test that changes openIMIS rows takes a {@link #copy}.
 * Where the scripts or the server are absent, the tests are skipped with the reason.
 */
public final class OpenImisDemo {
  public static final String SERVER = System.getenv().getOrDefault("ARBITER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String USER = System.getenv().getOrDefault("ARBITER_TEST_PG_USER", "postgres");
  private static final List<String> SCRIPTS = List.of("00_dump.sql", "02_aux_functions.sql", "03_views.sql",
      "04_functions.sql", "05_stored_procs.sql", "demo_db.sql");

  private static String demo;
  private static String problem;

  private OpenImisDemo() {}

  /** The JDBC URL of the loaded demo database; skips the test where it cannot be had. */
  public static synchronized String url() {
    if (demo == null && problem == null) {
      load();
    }
    Assumptions.assumeTrue(problem == null, problem);
    return urlOf(demo);
  }

  /** A fresh copy of the demo database, for a test that changes it; dropped at the end of the run. */
  public static String copy() {
    url();
    String name = "openimis_" + random();
    admin("CREATE DATABASE " + name + " TEMPLATE " + demo);
    dropAtExit(name);
    return urlOf(name);
  }

  /** A fresh empty database, dropped at the end of the run. */
  public static String empty() {
    Assumptions.assumeTrue(reachable(), "no PostgreSQL at " + SERVER);
    String name = "openimis_" + random();
    admin("CREATE DATABASE " + name);
    dropAtExit(name);
    return urlOf(name);
  }

  private static void load() {
    Path scripts = scripts();
    if (scripts == null) {
      problem = "openIMIS demo scripts absent: no shared/data/openimis/database in an ancestor of "
          + Path.of("").toAbsolutePath() + " and ARBITER_OPENIMIS_SCRIPTS unset";
      return;
    }
    if (!reachable()) {
      problem = "no PostgreSQL at " + SERVER;
      return;
    }
    String name = "openimis_" + random();
    admin("CREATE DATABASE " + name);
    dropAtExit(name);
    try (Connection c = DriverManager.getConnection(urlOf(name), USER, ""); Statement s = c.createStatement()) {
      for (String script : SCRIPTS) {
        s.execute(Files.readString(scripts.resolve(script)));
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("loading the openIMIS demo from " + scripts + ": " + e.getMessage(), e);
    }
    demo = name;
  }

  private static Path scripts() {
    String env = System.getenv("ARBITER_OPENIMIS_SCRIPTS");
    if (env != null) {
      return Files.isDirectory(Path.of(env)) ? Path.of(env) : null;
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/data/openimis/database");
      if (Files.isRegularFile(candidate.resolve("demo_db.sql"))) {
        return candidate;
      }
    }
    return null;
  }

  static String urlOf(String database) {
    String base = SERVER.contains("?") ? SERVER.substring(0, SERVER.indexOf('?')) : SERVER;
    return base.substring(0, base.lastIndexOf('/') + 1) + database;
  }

  private static boolean reachable() {
    try (Connection c = DriverManager.getConnection(SERVER, USER, "")) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  public static void admin(String sql) {
    execute(SERVER, sql);
  }

  public static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url, USER, ""); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static void dropAtExit(String name) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (IllegalStateException e) {
        System.err.println("could not drop test database " + name + ": " + e.getMessage());
      }
    }));
  }

  private static String random() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}

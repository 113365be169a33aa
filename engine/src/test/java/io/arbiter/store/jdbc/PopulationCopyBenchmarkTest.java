package io.arbiter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.scheme.Family;
import io.arbiter.scheme.Gender;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.Membership;
import io.arbiter.scheme.Policy;
import io.arbiter.scheme.PolicyStage;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 22 §4, A/B in one run: the population writer on PostgreSQL with COPY ({@link PopulationCopy})
 * against the batched MERGE it replaces (the same connection, seen through a proxy that hides
 * PostgreSQL), writing {@value #FAMILIES} families of 5 insurees in batches of 2,000 rows, one
 * transaction each, as the import does; alternated twice. On demand: {@code -Dcopy.perf=true}.
 * Figures in benchmarks/RESULTS.md.
 */
@EnabledIfSystemProperty(named = "copy.perf", matches = "true")
class PopulationCopyBenchmarkTest {
  private static final int FAMILIES = 20_000;
  private static final int BATCH = 2_000;
  /** Nanoseconds in the writer's statements and in the commits, of the current write. */
  private static final long[] WRITE = new long[1];
  private static final long[] COMMIT = new long[1];

  @Test
  void copyAgainstBatchedMerge() throws Exception {
    String schema = TestPostgres.freshSchema();
    try {
      JdbcStore.open(TestPostgres.options(schema)).close();
      for (int round = 0; round < 2; round++) {
        for (boolean copy : new boolean[] {false, true}) {
          double seconds = write(schema, copy);
          System.out.printf("round %d, %s: %.2f s for %d rows (statements %.2f s, commits %.2f s)%n", round,
              copy ? "COPY + upsert" : "batched MERGE", seconds, FAMILIES * 12L, WRITE[0] / 1e9, COMMIT[0] / 1e9);
        }
      }
    } finally {
      TestPostgres.drop(schema);
    }
  }

  /** Writes the population into emptied tables; the seconds it took. */
  private static double write(String schema, boolean copy) throws Exception {
    try (Connection pg = DriverManager.getConnection(TestPostgres.url(schema), "postgres", "")) {
      try (Statement s = pg.createStatement()) {
        s.execute("TRUNCATE membership, policy, insuree, family CASCADE");
      }
      Connection c = copy ? pg : hidden(pg);
      assertThat(PopulationCopy.applies(c)).isEqualTo(copy);
      pg.setAutoCommit(false);
      WRITE[0] = 0;
      COMMIT[0] = 0;
      long t0 = System.nanoTime();
      List<Family> families = new ArrayList<>();
      List<Insuree> insurees = new ArrayList<>();
      List<Policy> policies = new ArrayList<>();
      List<Membership> memberships = new ArrayList<>();
      LocalDate day = LocalDate.of(2026, 1, 1);
      for (int f = 0; f < FAMILIES; f++) {
        families.add(new Family("F" + f, "I" + f + "-0", null));
        policies.add(new Policy("P" + f, "F" + f, "PRD", PolicyStage.N, 2, day, day, day, day.plusYears(1)));
        for (int i = 0; i < 5; i++) {
          insurees.add(new Insuree("I" + f + "-" + i, "F" + f, Gender.F, day.minusYears(30), null));
          memberships.add(new Membership("I" + f + "-" + i, "P" + f, day, day.plusYears(1)));
        }
        if (insurees.size() >= BATCH) {
          flush(c, pg, families, insurees, policies, memberships);
        }
      }
      flush(c, pg, families, insurees, policies, memberships);
      double seconds = (System.nanoTime() - t0) / 1e9;
      try (ResultSet rs = pg.createStatement().executeQuery("SELECT COUNT(*) FROM membership")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(FAMILIES * 5L);
      }
      pg.commit();
      return seconds;
    }
  }

  private static void flush(Connection c, Connection pg, List<Family> families, List<Insuree> insurees,
      List<Policy> policies, List<Membership> memberships) throws Exception {
    long t = System.nanoTime();
    PopulationWriter.families(c, families);
    PopulationWriter.insurees(c, insurees);
    PopulationWriter.policies(c, policies);
    PopulationWriter.memberships(c, memberships);
    long written = System.nanoTime();
    pg.commit();
    WRITE[0] += written - t;
    COMMIT[0] += System.nanoTime() - written;
    families.clear();
    insurees.clear();
    policies.clear();
    memberships.clear();
  }

  /** {@code c} with PostgreSQL hidden: PopulationWriter then takes the batched MERGE. */
  private static Connection hidden(Connection c) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> method.getName().equals("isWrapperFor") ? Boolean.FALSE : method.invoke(c, args));
  }
}

package io.arbiter.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.arbiter.access.AuditLog;
import io.arbiter.access.KeyStore;
import io.arbiter.population.ImportFormat;
import io.arbiter.population.ImportListener;
import io.arbiter.population.ImportSummary;
import io.arbiter.population.VoucherImportSummary;
import io.arbiter.review.BatchSummary;
import io.arbiter.review.SamplingBatch;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.store.BookedClaim;
import io.arbiter.store.ClaimEvent;
import io.arbiter.review.ClaimFilter;
import io.arbiter.store.ClaimHistory;
import io.arbiter.store.PopulationStore;
import io.arbiter.store.ReviewQueueFilter;
import io.arbiter.store.ReviewQueuePage;
import io.arbiter.store.ReviewQueueStore;
import io.arbiter.store.SamplingStore;
import io.arbiter.store.SavedScheme;
import io.arbiter.store.Store;
import io.arbiter.store.StoreException;
import io.arbiter.store.StoredClaim;
import io.arbiter.store.Tx;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;

/**
 * A durable {@link Store} on H2 (embedded file database, the default) or PostgreSQL, through JDBC,
 * HikariCP and Flyway migrations, with every capability: review queue, sampling batches and a
 * population of its own. Thread-safe. A claim's decision, its event and its ledger entry commit in
 * one transaction, shared with the claims of other families ready at the same time (group commit,
 * {@link GroupCommitter}), so an acknowledged decision survives a killed process.
 */
public final class JdbcStore implements Store, ReviewQueueStore, SamplingStore, PopulationStore, MeterBinder {
  private final HikariDataSource ds;
  private final HikariDataSource commitDs;
  private final GroupCommitter committer;
  private final JdbcPopulation population;
  private final JdbcAccess access;
  private final FamilyTransactions families;
  private final JdbcClaims claims;
  private final JdbcBatches batches;
  private final JdbcSchemes schemes;
  private final JdbcImports imports;

  private JdbcStore(JdbcStoreOptions options, Clock clock, GroupCommitter.BeforeCommit beforeCommit) {
    this.ds = new HikariDataSource(pool(options, "arbiter", options.getPoolSize()));
    // The group committer's connection is its own (see GroupCommitter): one beyond the pool size.
    this.commitDs = new HikariDataSource(pool(options, "arbiter-commit", 1));
    this.committer = new GroupCommitter(commitDs, beforeCommit);
    Connections connections = new Connections(ds);
    this.population = new JdbcPopulation(connections, options.getCacheSize());
    this.access = new JdbcAccess(ds, clock);
    this.families = new FamilyTransactions(ds, options.isPostgres(), clock, connections, options.getCacheSize(),
        committer);
    this.claims = new JdbcClaims(ds);
    this.batches = new JdbcBatches(ds);
    this.schemes = new JdbcSchemes(ds);
    this.imports = new JdbcImports(ds, population);
  }

  private static HikariConfig pool(JdbcStoreOptions options, String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(options.getUrl());
    config.setUsername(options.getUser());
    config.setPassword(options.getPassword());
    config.setMaximumPoolSize(size);
    config.setAutoCommit(true);
    config.setPoolName(name);
    if (options.isPostgres()) {
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    return config;
  }

  /** The API keys kept in this database, shared by every instance on it. */
  public KeyStore keys() {
    return access;
  }

  /** The audit trail kept in this database (append-only). */
  public AuditLog audit() {
    return access;
  }

  /**
   * Opens (and creates or migrates) the database.
   *
   * @throws StoreException when the database cannot be reached or migrated
   */
  public static JdbcStore open(JdbcStoreOptions options) {
    return open(options, Clock.systemUTC());
  }

  /** As {@link #open(JdbcStoreOptions)}, with the clock that stamps events. */
  public static JdbcStore open(JdbcStoreOptions options, Clock clock) {
    return open(options, clock, (c, units) -> { });
  }

  /** As {@link #open(JdbcStoreOptions, Clock)}, running {@code beforeCommit} before each group's commit. */
  static JdbcStore open(JdbcStoreOptions options, Clock clock, GroupCommitter.BeforeCommit beforeCommit) {
    JdbcStore store;
    try {
      store = new JdbcStore(options, clock, beforeCommit);
    } catch (RuntimeException e) {
      throw new StoreException("cannot open the database " + options.getUrl() + ": " + e.getMessage(), e);
    }
    try {
      // With a migration user, the schema is changed by that user only: the runtime user may then
      // hold no right to create, alter or drop (see db/postgres-roles.sql).
      var flyway = Flyway.configure().locations("classpath:db/migration");
      if (options.getMigrationUser() == null) {
        flyway.dataSource(store.ds);
      } else {
        flyway.dataSource(options.getUrl(), options.getMigrationUser(), options.getMigrationPassword());
      }
      flyway.load().migrate();
    } catch (RuntimeException e) {
      store.close();
      throw new StoreException("cannot migrate the database " + options.getUrl() + ": " + e.getMessage(), e);
    }
    return store;
  }

  @Override
  public <T> T inFamily(String familyId, Function<Tx, T> work) {
    return families.inFamily(familyId, work);
  }

  @Override
  public Optional<StoredClaim> claim(String code) {
    return claims.claim(code);
  }

  @Override
  public Optional<BookedClaim> bookedClaim(String code) {
    return claims.bookedClaim(code);
  }

  @Override
  public List<ClaimEvent> history(String code) {
    return claims.history(code);
  }

  @Override
  public void claimsSubmittedSince(Instant since, Consumer<ClaimHistory> each) {
    claims.claimsSubmittedSince(since, each);
  }

  @Override
  public List<StoredClaim> claims(ClaimFilter filter) {
    return claims.claims(filter);
  }

  @Override
  public ReviewQueuePage reviewQueue(ReviewQueueFilter filter, int offset, int limit) {
    return claims.reviewQueue(filter, offset, limit);
  }

  @Override
  public Set<String> saveBatch(SamplingBatch batch) {
    return batches.saveBatch(batch);
  }

  @Override
  public Optional<SamplingBatch> batch(String id) {
    return batches.batch(id);
  }

  @Override
  public List<BatchSummary> recentBatches(int limit) {
    return batches.recentBatches(limit);
  }

  @Override
  public void saveScheme(SchemeDocument document, SchemeSnapshot scheme) {
    schemes.saveScheme(document, scheme);
    population.invalidate();
  }

  @Override
  public Optional<SavedScheme> latestScheme() {
    return schemes.latestScheme();
  }

  @Override
  public Population population(SchemeSnapshot scheme) {
    return population;
  }

  @Override
  public ImportSummary importPopulation(InputStream in, ImportFormat format, Set<String> products,
      ImportListener listener) throws IOException {
    return imports.importPopulation(in, format, products, listener);
  }

  @Override
  public VoucherImportSummary importVouchers(Reader csv, Pattern numberFormat) throws IOException {
    return imports.importVouchers(csv, numberFormat);
  }

  /**
   * Registers the connection pool's meters ({@code hikaricp_connections_*}: connections active,
   * idle and pending, acquire and usage times). Once per store.
   *
   * @throws IllegalStateException when meters were registered already
   */
  @Override
  public void bindTo(MeterRegistry meters) {
    ds.setMetricRegistry(meters);
  }

  /** Whether a pooled connection answers within {@code timeout} (waits for a free one first). */
  @Override
  public boolean reachable(Duration timeout) {
    try (Connection c = ds.getConnection()) {
      if (c.isValid((int) Math.max(1, timeout.toSeconds()))) {
        return true;
      }
      // The pool hands out a connection used in the last 500 ms unchecked: a dead one must go.
      ds.evictConnection(c);
      return false;
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    committer.close();
    commitDs.close();
    ds.close();
  }
}

package io.arbiter.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import io.arbiter.json.Json;
import io.arbiter.ledger.InMemoryLedger;
import io.arbiter.ledger.UtilisationLedger;
import io.arbiter.review.BatchSummary;
import io.arbiter.review.ClaimFilter;
import io.arbiter.review.SamplingBatch;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.flywaydb.core.Flyway;

/*
 * Why a family is locked twice: an in-process lock keeps this instance's threads from queueing on
 * database connections, and on PostgreSQL a transaction-scoped advisory lock on the family makes
 * the serialisation hold across several instances sharing the database. Under both locks the
 * family's ledger is read from the cache if its version row says no other instance booked since,
 * otherwise from the database; bookings write through and bump the version in the same commit.
 */

/**
 * A durable {@link Store} on H2 (embedded file database, the default) or PostgreSQL, through JDBC,
 * HikariCP and Flyway migrations. Thread-safe. A claim's decision, its event and its ledger entry
 * commit in one transaction, so an acknowledged decision survives a killed process.
 */
public final class JdbcStore implements Store, io.micrometer.core.instrument.binder.MeterBinder {
  private final HikariDataSource ds;
  private final boolean postgres;
  private final Clock clock;
  private final FamilyLocks locks = new FamilyLocks();
  private final Cache<String, FamilyLedger> ledgers;
  private final JdbcPopulation population;
  private final ReentrantLock importing = new ReentrantLock();
  private final JdbcAccess access;
  private final Connections connections;

  private record FamilyLedger(long version, InMemoryLedger ledger) {}

  private JdbcStore(JdbcStoreOptions options, Clock clock) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(options.getUrl());
    config.setUsername(options.getUser());
    config.setPassword(options.getPassword());
    config.setMaximumPoolSize(options.getPoolSize());
    config.setAutoCommit(true);
    config.setPoolName("arbiter");
    if (options.isPostgres()) {
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    this.ds = new HikariDataSource(config);
    this.postgres = options.isPostgres();
    this.clock = clock;
    this.ledgers = Caffeine.newBuilder().maximumSize(options.getCacheSize()).build();
    this.connections = new Connections(ds);
    this.population = new JdbcPopulation(connections, options.getCacheSize());
    this.access = new JdbcAccess(ds, clock);
  }

  /** The API keys kept in this database, shared by every instance on it. */
  public io.arbiter.access.KeyStore keys() {
    return access;
  }

  /** The audit trail kept in this database (append-only). */
  public io.arbiter.access.AuditLog audit() {
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
    JdbcStore store;
    try {
      store = new JdbcStore(options, clock);
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
    ReentrantLock lock = locks.of(familyId);
    lock.lock();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (postgres) {
          try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            p.setLong(1, key(familyId));
            p.execute();
          }
        }
        long version = usageVersion(c, familyId);
        FamilyLedger cached = ledgers.getIfPresent(familyId);
        InMemoryLedger memory = cached != null && cached.version() == version
            ? cached.ledger() : WriteThroughLedger.load(c, familyId);
        JdbcTx tx = new JdbcTx(c, new WriteThroughLedger(memory, c, familyId), familyId);
        T result = connections.bound(c, () -> work.apply(tx));
        if (tx.ledger.written()) {
          version++;
          Sql.update(c, "MERGE INTO family_usage t USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS BIGINT)))"
              + " AS s(family_id, version) ON t.family_id = s.family_id WHEN MATCHED THEN UPDATE SET version = s.version"
              + " WHEN NOT MATCHED THEN INSERT (family_id, version) VALUES (s.family_id, s.version)", familyId, version);
        }
        c.commit();
        ledgers.put(familyId, new FamilyLedger(version, memory));
        return result;
      } catch (RuntimeException | SQLException | Error e) {
        ledgers.invalidate(familyId);
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("the transaction of family " + familyId + " failed", e);
    } finally {
      lock.unlock();
    }
  }

  private static long usageVersion(Connection c, String familyId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT version FROM family_usage WHERE family_id = ?")) {
      p.setString(1, familyId);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getLong(1) : 0;
      }
    }
  }

  /** A stable 64-bit key for the advisory lock (FNV-1a over the UTF-8 bytes). */
  static long key(String familyId) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : familyId.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  private final class JdbcTx implements Tx {
    private final Connection c;
    private final WriteThroughLedger ledger;
    private final String familyId;

    JdbcTx(Connection c, WriteThroughLedger ledger, String familyId) {
      this.c = c;
      this.ledger = ledger;
      this.familyId = familyId;
    }

    @Override
    public UtilisationLedger ledger() {
      return ledger;
    }

    @Override
    public Optional<StoredClaim> claim(String code) {
      return sql(() -> read(c, code));
    }

    @Override
    public boolean insert(StoredClaim claim, String event) {
      return sql(() -> {
        Timestamp now = Timestamp.from(clock.instant());
        ClaimDecision d = claim.decision();
        int inserted = Sql.update(c, "INSERT INTO claim (code, chf_id, family_id, status, request, decision,"
            + " created_at, updated_at, review_status, risk_score, risk_value, risk_band, health_facility, date_claimed)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            claim.claim().code(), claim.claim().chfId(), familyId, d.status(), json(claim.claim()), json(d), now, now,
            d.reviewStatus(), ReviewQueueFilter.score(d), ReviewQueueFilter.valueAtStake(d), ReviewQueueFilter.band(d),
            claim.claim().healthFacility(),
            claim.claim().dateClaimed());
        if (inserted == 0) {
          return false;
        }
        record(claim, event, now);
        return true;
      });
    }

    @Override
    public void update(StoredClaim claim, String event) {
      sql(() -> {
        Timestamp now = Timestamp.from(clock.instant());
        ClaimDecision d = claim.decision();
        // The queue columns follow the decision; facility and dateClaimed are the request's and never change.
        Sql.update(c, "UPDATE claim SET status = ?, decision = ?, updated_at = ?, review_status = ?, risk_score = ?,"
            + " risk_value = ?, risk_band = ? WHERE code = ?",
            d.status(), json(d), now, d.reviewStatus(), ReviewQueueFilter.score(d), ReviewQueueFilter.valueAtStake(d),
            ReviewQueueFilter.band(d), claim.claim().code());
        Sql.update(c, "DELETE FROM claim_line WHERE claim_code = ?", claim.claim().code());
        record(claim, event, now);
        return null;
      });
    }

    private void record(StoredClaim claim, String event, Timestamp at) throws SQLException {
      ClaimDecision d = claim.decision();
      Sql.update(c, "INSERT INTO claim_event (claim_code, at, event, status, decision) VALUES (?, ?, ?, ?, ?)",
          d.code(), at, event, d.status(), json(d));
      try (PreparedStatement p = c.prepareStatement("INSERT INTO claim_line (claim_code, kind, line_no, code, status,"
          + " rejection_reason, qty_approved, price_valuated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (LineDecision l : d.items()) {
          Sql.bind(p, d.code(), "I", l.lineNo(), l.itemCode(), l.status(), l.rejectionReason(), l.qtyApproved(),
              l.priceValuated());
          p.addBatch();
        }
        for (LineDecision l : d.services()) {
          Sql.bind(p, d.code(), "S", l.lineNo(), l.serviceCode(), l.status(), l.rejectionReason(), l.qtyApproved(),
              l.priceValuated());
          p.addBatch();
        }
        p.executeBatch();
      }
    }
  }

  private interface SqlCall<T> {
    T call() throws SQLException;
  }

  private static <T> T sql(SqlCall<T> call) {
    try {
      return call.call();
    } catch (SQLException e) {
      throw new StoreException("database error: " + e.getMessage(), e);
    }
  }

  private static String json(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private static <T> T parse(String json, Class<T> type) {
    try {
      return Json.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON does not read back as " + type.getSimpleName(), e);
    }
  }

  private static Optional<StoredClaim> read(Connection c, String code) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT request, decision FROM claim WHERE code = ?")) {
      p.setString(1, code);
      try (ResultSet r = p.executeQuery()) {
        return r.next()
            ? Optional.of(new StoredClaim(parse(r.getString(1), Claim.class), parse(r.getString(2), ClaimDecision.class)))
            : Optional.empty();
      }
    }
  }

  @Override
  public Optional<StoredClaim> claim(String code) {
    return sql(() -> {
      try (Connection c = ds.getConnection()) {
        return read(c, code);
      }
    });
  }

  /** One repeatable-read transaction, so that no commit falls between the claim and its entry. */
  @Override
  public Optional<BookedClaim> bookedClaim(String code) {
    return sql(() -> {
      try (Connection c = ds.getConnection()) {
        // The pool restores the isolation level and auto-commit when the connection comes back.
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setAutoCommit(false);
        try {
          Optional<StoredClaim> stored = read(c, code);
          return stored.isEmpty() ? Optional.<BookedClaim>empty()
              : Optional.of(new BookedClaim(stored.get(), WriteThroughLedger.usage(c, code).orElse(null)));
        } finally {
          c.rollback();
        }
      }
    });
  }

  @Override
  public List<ClaimEvent> history(String code) {
    return sql(() -> {
      try (Connection c = ds.getConnection();
          PreparedStatement p = c.prepareStatement(
              "SELECT at, event, decision FROM claim_event WHERE claim_code = ? ORDER BY id")) {
        p.setString(1, code);
        List<ClaimEvent> events = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            events.add(new ClaimEvent(r.getTimestamp(1).toInstant(), r.getString(2),
                parse(r.getString(3), ClaimDecision.class)));
          }
        }
        return events;
      }
    });
  }

  /**
   * One query over claims and their events, read with a fetch size inside a read-only transaction
   * (PostgreSQL only streams a result set that way), grouped by claim as the rows arrive.
   */
  @Override
  public void claimsSubmittedSince(Instant since, Consumer<ClaimHistory> each) {
    Objects.requireNonNull(since, "since");
    sql(() -> {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement("SELECT c.code, c.request, e.at, e.event, e.decision"
            + " FROM claim c JOIN claim_event e ON e.claim_code = c.code WHERE c.created_at >= ?"
            + " ORDER BY c.created_at, c.code, e.id")) {
          p.setFetchSize(500);
          p.setTimestamp(1, Timestamp.from(since));
          try (ResultSet r = p.executeQuery()) {
            String code = null;
            Claim claim = null;
            List<ClaimEvent> events = new ArrayList<>();
            while (r.next()) {
              if (!r.getString(1).equals(code)) {
                if (claim != null) {
                  each.accept(new ClaimHistory(claim, events));
                }
                code = r.getString(1);
                claim = parse(r.getString(2), Claim.class);
                events = new ArrayList<>();
              }
              events.add(new ClaimEvent(r.getTimestamp(3).toInstant(), r.getString(4),
                  parse(r.getString(5), ClaimDecision.class)));
            }
            if (claim != null) {
              each.accept(new ClaimHistory(claim, events));
            }
          }
        } finally {
          c.rollback();
          c.setAutoCommit(true);
        }
      }
      return null;
    });
  }

  @Override
  public List<StoredClaim> claims(ClaimFilter filter) {
    String marks = String.join(", ", Collections.nCopies(filter.statuses().size(), "?"));
    return sql(() -> {
      try (Connection c = ds.getConnection();
          PreparedStatement p = c.prepareStatement(
              "SELECT request, decision FROM claim WHERE status IN (" + marks + ") ORDER BY code")) {
        Sql.bind(p, filter.statuses().toArray());
        List<StoredClaim> found = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            StoredClaim stored = new StoredClaim(parse(r.getString(1), Claim.class),
                parse(r.getString(2), ClaimDecision.class));
            if (filter.test(stored.claim(), stored.decision())) {
              found.add(stored);
            }
          }
        }
        return found;
      }
    });
  }

  /** SQLSTATE of a unique or primary key violation, on H2 as on PostgreSQL. */
  private static final String UNIQUE_VIOLATION = "23505";

  @Override
  public Set<String> saveBatch(SamplingBatch batch) {
    return sql(() -> {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try {
          if (Sql.update(c, "UPDATE sampling_batch SET document = ? WHERE id = ?", json(batch), batch.id()) == 0) {
            Set<String> taken = batched(c, batch);
            if (!taken.isEmpty()) {
              c.rollback();
              return taken;
            }
            Sql.update(c, "INSERT INTO sampling_batch (id, created_at, document) VALUES (?, ?, ?)", batch.id(),
                Timestamp.from(batch.createdAt()), json(batch));
            try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO sampling_claim (claim_code, batch_id) VALUES (?, ?)")) {
              for (SamplingBatch.Member m : batch.claims()) {
                Sql.bind(p, m.code(), batch.id());
                p.addBatch();
              }
              p.executeBatch();
            }
          }
          c.commit();
          return Set.of();
        } catch (SQLException e) {
          c.rollback();
          // Another instance put one of the claims in its batch since we looked: say which.
          if (UNIQUE_VIOLATION.equals(e.getSQLState()) || e.getNextException() != null
              && UNIQUE_VIOLATION.equals(e.getNextException().getSQLState())) {
            c.setAutoCommit(true);
            return batched(c, batch);
          }
          throw e;
        } catch (RuntimeException e) {
          c.rollback();
          throw e;
        }
      }
    });
  }

  /** The batch's claims that some batch already holds. */
  private static Set<String> batched(Connection c, SamplingBatch batch) throws SQLException {
    Set<String> taken = new TreeSet<>();
    List<SamplingBatch.Member> members = batch.claims();
    int chunk = 500;
    for (int from = 0; from < members.size(); from += chunk) {
      List<SamplingBatch.Member> part = members.subList(from, Math.min(members.size(), from + chunk));
      try (PreparedStatement p = c.prepareStatement("SELECT claim_code FROM sampling_claim WHERE claim_code IN ("
          + String.join(", ", Collections.nCopies(part.size(), "?")) + ")")) {
        Sql.bind(p, part.stream().map(SamplingBatch.Member::code).toArray());
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            taken.add(r.getString(1));
          }
        }
      }
    }
    return taken;
  }

  @Override
  public Optional<SamplingBatch> batch(String id) {
    return sql(() -> {
      try (Connection c = ds.getConnection();
          PreparedStatement p = c.prepareStatement("SELECT document FROM sampling_batch WHERE id = ?")) {
        p.setString(1, id);
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? Optional.of(parse(r.getString(1), SamplingBatch.class)) : Optional.empty();
        }
      }
    });
  }

  /** Counts the claims from sampling_claim, so the batches' documents are not read. */
  @Override
  public List<BatchSummary> recentBatches(int limit) {
    ReviewQueueQuery.check(0, limit);
    return sql(() -> {
      try (Connection c = ds.getConnection();
          PreparedStatement p = c.prepareStatement("SELECT b.id, b.created_at,"
              + " (SELECT COUNT(*) FROM sampling_claim s WHERE s.batch_id = b.id)"
              + " FROM sampling_batch b ORDER BY b.created_at DESC, b.id LIMIT ?")) {
        p.setInt(1, limit);
        List<BatchSummary> found = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            found.add(new BatchSummary(r.getString(1), r.getTimestamp(2).toInstant(), r.getInt(3)));
          }
        }
        return found;
      }
    });
  }

  /** A count and a page over the queue columns and their index (migration V6), on one connection. */
  @Override
  public ReviewQueuePage reviewQueue(ReviewQueueFilter filter, int offset, int limit) {
    ReviewQueueQuery.check(offset, limit);
    return sql(() -> {
      try (Connection c = ds.getConnection()) {
        ReviewQueueQuery.Rows rows = ReviewQueueQuery.run(c, filter, offset, limit);
        return new ReviewQueuePage(rows.total(), rows.json().stream()
            .map(r -> new StoredClaim(parse(r[0], Claim.class), parse(r[1], ClaimDecision.class))).toList());
      }
    });
  }

  @Override
  public void saveScheme(SchemeDocument document, SchemeSnapshot scheme) {
    SchemeDocument registers = new SchemeDocument(document.name(), document.settings(), document.items(),
        document.services(), document.priceLists(), document.healthFacilities(), document.products(),
        document.diagnoses(), null, null, null, null, null);
    sql(() -> {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try {
          if (!latestScheme(c).map(s -> s.version().equals(scheme.version())).orElse(false)) {
            Sql.update(c, "INSERT INTO scheme_version (version, loaded_at, document) VALUES (?, ?, ?)",
                scheme.version(), Timestamp.from(scheme.loadedAt()), json(registers));
          }
          PopulationWriter.families(c, document.families());
          PopulationWriter.insurees(c, document.insurees());
          PopulationWriter.policies(c, document.policies());
          PopulationWriter.memberships(c, document.memberships());
          PopulationWriter.vouchers(c, document.vouchers());
          c.commit();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      }
      return null;
    });
    population.invalidate();
  }

  @Override
  public Optional<SavedScheme> latestScheme() {
    return sql(() -> {
      try (Connection c = ds.getConnection()) {
        return latestScheme(c);
      }
    });
  }

  private static Optional<SavedScheme> latestScheme(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT version, loaded_at, document FROM scheme_version ORDER BY id DESC LIMIT 1");
        ResultSet r = p.executeQuery()) {
      return r.next()
          ? Optional.of(new SavedScheme(r.getString(1), r.getTimestamp(2).toInstant(),
              parse(r.getString(3), SchemeDocument.class)))
          : Optional.empty();
    }
  }

  @Override
  public Population population(SchemeSnapshot scheme) {
    return population;
  }

  @Override
  public ImportSummary importPopulation(InputStream in, ImportFormat format, Set<String> products,
      ImportListener listener) throws IOException {
    importing.lock();
    try (Connection c = ds.getConnection()) {
      return new PopulationImport(c, format, products, listener).run(in);
    } catch (SQLException e) {
      throw new StoreException("the import failed: " + e.getMessage(), e);
    } finally {
      // Even a failed import may have committed batches; an insuree cached as unknown must be read again.
      population.invalidate();
      importing.unlock();
    }
  }

  @Override
  public VoucherImportSummary importVouchers(java.io.Reader csv, java.util.regex.Pattern numberFormat)
      throws IOException {
    VoucherImport read = new VoucherImport(numberFormat).read(csv);
    long changed = sql(() -> {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try {
          long n = PopulationWriter.vouchers(c, read.vouchers());
          c.commit();
          return n;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      }
    });
    population.invalidate();
    return read.summary(changed);
  }

  /**
   * Registers the connection pool's meters ({@code hikaricp_connections_*}: connections active,
   * idle and pending, acquire and usage times). Once per store.
   *
   * @throws IllegalStateException when meters were registered already
   */
  @Override
  public void bindTo(io.micrometer.core.instrument.MeterRegistry meters) {
    ds.setMetricRegistry(meters);
  }

  /** Whether a pooled connection answers within {@code timeout} (waits for a free one first). */
  @Override
  public boolean reachable(java.time.Duration timeout) {
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
    ds.close();
  }
}

package io.arbiter.store.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.arbiter.ledger.InMemoryLedger;
import io.arbiter.store.FamilyLocks;
import io.arbiter.store.StoreException;
import io.arbiter.store.Tx;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.sql.DataSource;

/*
 * Why a family is locked twice: an in-process lock keeps this instance's threads from queueing on
 * database connections, and on PostgreSQL a transaction-scoped advisory lock on the family makes
 * the serialisation hold across several instances sharing the database. Under both locks the
 * family's ledger is read from the cache if its version row says no other instance booked since,
 * otherwise from the database; bookings write through and bump the version in the same commit,
 * the group commit of GroupCommitter, while the unit waits with its locks held.
 */

/** The store's family transactions ({@link JdbcStore#inFamily}) and the ledgers they cache. Thread-safe. */
final class FamilyTransactions {
  /** Runs of one unit whose new claim another process stored meanwhile, at most (once is the rule). */
  private static final int MAX_ATTEMPTS = 3;
  private final DataSource ds;
  private final boolean postgres;
  private final Clock clock;
  private final Connections connections;
  private final FamilyLocks locks = new FamilyLocks();
  private final Cache<String, FamilyLedger> ledgers;
  private final GroupCommitter committer;

  private record FamilyLedger(long version, InMemoryLedger ledger) {}

  FamilyTransactions(DataSource ds, boolean postgres, Clock clock, Connections connections, int cacheSize,
      GroupCommitter committer) {
    this.ds = ds;
    this.committer = committer;
    this.postgres = postgres;
    this.clock = clock;
    this.connections = connections;
    this.ledgers = Caffeine.newBuilder().maximumSize(cacheSize).build();
  }

  /**
   * As {@link io.arbiter.store.ClaimStore#inFamily}: under both locks, reading in one transaction,
   * its writes committed with its group's; the locks are held until the group is durable, so the
   * family's next unit sees them, or sees none of them when the group failed.
   */
  <T> T inFamily(String familyId, Function<Tx, T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return attempt(familyId, work);
      } catch (GroupCommitter.CodeTaken e) {
        // Another process stored the claim's code first: run again, the unit now finds it taken.
        if (attempt == MAX_ATTEMPTS) {
          throw new StoreException("the transaction of family " + familyId + " kept colliding", e);
        }
      }
    }
  }

  private <T> T attempt(String familyId, Function<Tx, T> work) {
    ReentrantLock lock = locks.of(familyId);
    lock.lock();
    UnitWrites writes = new UnitWrites(familyId);
    try (Connection c = ds.getConnection()) {
      Unit<T> unit;
      try {
        unit = Sql.readOnly(c, tx -> {
          Unit<T> done = run(tx, writes, work);
          if (!writes.isEmpty()) {
            committer.commit(writes);
          }
          return done;
        });
      } catch (RuntimeException | SQLException | Error e) {
        // The cached ledger may hold bookings that were not stored.
        ledgers.invalidate(familyId);
        throw e;
      }
      ledgers.put(familyId, unit.ledger());
      return unit.result();
    } catch (SQLException e) {
      throw new StoreException("the transaction of family " + familyId + " failed", e);
    } finally {
      committer.settle(writes);
      lock.unlock();
    }
  }

  /** What a family's work returned, and the family's ledger once it commits. */
  private record Unit<T>(T result, FamilyLedger ledger) {}

  private <T> Unit<T> run(Connection c, UnitWrites writes, Function<Tx, T> work) throws SQLException {
    String familyId = writes.familyId();
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
    WriteThroughLedger ledger = new WriteThroughLedger(memory, writes);
    JdbcTx tx = new JdbcTx(c, ledger, writes, committer, clock);
    T result = connections.bound(c, () -> work.apply(tx));
    if (ledger.written()) {
      version++;
      writes.usageVersion(version);
    }
    return new Unit<>(result, new FamilyLedger(version, memory));
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
}

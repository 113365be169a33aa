package io.arbiter.store.jdbc;

import io.arbiter.ledger.UtilisationLedger;
import io.arbiter.store.StoredClaim;
import io.arbiter.store.Tx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/**
 * A family's unit of work (see {@link FamilyTransactions}): reads on its transaction's connection,
 * writes kept in its {@link UnitWrites} until its group commits; it reads its own writes back. Not
 * thread-safe.
 */
final class JdbcTx implements Tx {
  private final Connection c;
  private final WriteThroughLedger ledger;
  private final UnitWrites writes;
  private final GroupCommitter committer;
  private final Clock clock;

  JdbcTx(Connection c, WriteThroughLedger ledger, UnitWrites writes, GroupCommitter committer, Clock clock) {
    this.c = c;
    this.ledger = ledger;
    this.writes = writes;
    this.committer = committer;
    this.clock = clock;
  }

  @Override
  public UtilisationLedger ledger() {
    return ledger;
  }

  @Override
  public Optional<StoredClaim> claim(String code) {
    Optional<StoredClaim> written = writes.claim(code);
    return written.isPresent() ? written : Sql.call(() -> JdbcClaims.read(c, code));
  }

  /** The code is reserved first, so that no unit of another family inserts it into the same group. */
  @Override
  public boolean insert(StoredClaim claim, String event) {
    String code = claim.claim().code();
    if (writes.wroteClaim(code)) {
      return false;
    }
    committer.reserve(code, writes);
    if (Sql.call(() -> exists(code))) {
      return false;
    }
    writes.insert(claim, event, Timestamp.from(clock.instant()));
    return true;
  }

  @Override
  public void update(StoredClaim claim, String event) {
    writes.update(claim, event, Timestamp.from(clock.instant()));
  }

  private boolean exists(String code) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM claim WHERE code = ?")) {
      p.setString(1, code);
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
  }
}

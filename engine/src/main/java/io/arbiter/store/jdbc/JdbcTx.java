package io.arbiter.store.jdbc;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import io.arbiter.ledger.UtilisationLedger;
import io.arbiter.store.ReviewQueueFilter;
import io.arbiter.store.StoredClaim;
import io.arbiter.store.Tx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/** A family's unit of work on its transaction's connection (see {@link FamilyTransactions}). Not thread-safe. */
final class JdbcTx implements Tx {
  private final Connection c;
  private final WriteThroughLedger ledger;
  private final String familyId;
  private final Clock clock;

  JdbcTx(Connection c, WriteThroughLedger ledger, String familyId, Clock clock) {
    this.c = c;
    this.ledger = ledger;
    this.familyId = familyId;
    this.clock = clock;
  }

  @Override
  public UtilisationLedger ledger() {
    return ledger;
  }

  @Override
  public Optional<StoredClaim> claim(String code) {
    return Sql.call(() -> JdbcClaims.read(c, code));
  }

  @Override
  public boolean insert(StoredClaim claim, String event) {
    return Sql.call(() -> {
      Timestamp now = Timestamp.from(clock.instant());
      ClaimDecision d = claim.decision();
      int inserted = Sql.update(c, "INSERT INTO claim (code, chf_id, family_id, status, request, decision,"
          + " created_at, updated_at, review_status, risk_score, risk_value, risk_band, health_facility, date_claimed)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
          claim.claim().code(), claim.claim().chfId(), familyId, d.status().code(), Sql.json(claim.claim()), Sql.json(d),
          now, now, d.reviewStatus().code(), ReviewQueueFilter.score(d), ReviewQueueFilter.valueAtStake(d),
          ReviewQueueFilter.band(d), claim.claim().healthFacility(), claim.claim().dateClaimed());
      if (inserted == 0) {
        return false;
      }
      record(claim, event, now);
      return true;
    });
  }

  @Override
  public void update(StoredClaim claim, String event) {
    Sql.call(() -> {
      Timestamp now = Timestamp.from(clock.instant());
      ClaimDecision d = claim.decision();
      // The queue columns follow the decision; facility and dateClaimed are the request's and never change.
      Sql.update(c, "UPDATE claim SET status = ?, decision = ?, updated_at = ?, review_status = ?, risk_score = ?,"
          + " risk_value = ?, risk_band = ? WHERE code = ?",
          d.status().code(), Sql.json(d), now, d.reviewStatus().code(), ReviewQueueFilter.score(d),
          ReviewQueueFilter.valueAtStake(d), ReviewQueueFilter.band(d), claim.claim().code());
      Sql.update(c, "DELETE FROM claim_line WHERE claim_code = ?", claim.claim().code());
      record(claim, event, now);
      return null;
    });
  }

  private void record(StoredClaim claim, String event, Timestamp at) throws SQLException {
    ClaimDecision d = claim.decision();
    Sql.update(c, "INSERT INTO claim_event (claim_code, at, event, status, decision) VALUES (?, ?, ?, ?, ?)",
        d.code(), at, event, d.status().code(), Sql.json(d));
    try (PreparedStatement p = c.prepareStatement("INSERT INTO claim_line (claim_code, kind, line_no, code, status,"
        + " rejection_reason, qty_approved, price_valuated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (LineDecision l : d.items()) {
        Sql.bind(p, d.code(), "I", l.lineNo(), l.itemCode(), l.status().code(), l.rejectionReason().code(), l.qtyApproved(),
            l.priceValuated());
        p.addBatch();
      }
      for (LineDecision l : d.services()) {
        Sql.bind(p, d.code(), "S", l.lineNo(), l.serviceCode(), l.status().code(), l.rejectionReason().code(), l.qtyApproved(),
            l.priceValuated());
        p.addBatch();
      }
      p.executeBatch();
    }
  }
}

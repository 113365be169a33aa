package io.arbiter.store.jdbc;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import io.arbiter.ledger.ClaimUsage;
import io.arbiter.scheme.LineKind;
import io.arbiter.ledger.PolicyAmounts;
import io.arbiter.store.ReviewQueueFilter;
import io.arbiter.store.StoredClaim;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * Why statements by kind over the whole group rather than unit by unit: each statement is prepared
 * once a group (H2 re-parses a statement its small per-session cache no longer holds, and a unit
 * used a dozen), and everything but the claim inserts goes in one JDBC batch (one round trip on
 * PostgreSQL). Units of one group are of different families, so their claims and ledger entries
 * are disjoint (a code two units insert at once is reserved by the first, see GroupCommitter) and
 * writing all deletes first, then all rows, keeps each unit's own order. The claim inserts run one
 * by one because their update counts tell a code taken meanwhile by another process, which batched
 * rewritten inserts do not report.
 */

/** Writes a group's units of work in the current transaction of a connection. Stateless. */
final class GroupSql {
  private GroupSql() {}

  /**
   * Writes every unit's rows on {@code c} (no commit).
   *
   * @return the units whose new claim's code turned out taken (then the transaction must roll back)
   */
  static List<UnitWrites> write(Connection c, List<UnitWrites> units) throws SQLException {
    deletes(c, units);
    List<UnitWrites> taken = insertClaims(c, units);
    if (!taken.isEmpty()) {
      return taken;
    }
    updateClaims(c, units);
    eventsAndLines(c, units);
    ledger(c, units);
    versions(c, units);
    return taken;
  }

  private static void deletes(Connection c, List<UnitWrites> units) throws SQLException {
    try (PreparedStatement lines = c.prepareStatement("DELETE FROM claim_line WHERE claim_code = ?");
        PreparedStatement provisions = c.prepareStatement("DELETE FROM ledger_provision WHERE claim_code = ?");
        PreparedStatement policies = c.prepareStatement("DELETE FROM ledger_policy WHERE claim_code = ?");
        PreparedStatement heads = c.prepareStatement("DELETE FROM ledger_claim WHERE claim_code = ?")) {
      for (UnitWrites u : units) {
        for (UnitWrites.ClaimRow row : u.claims()) {
          if (!row.inserted()) {
            add(lines, row.claim().claim().code());
          }
        }
        for (String code : u.ledger().keySet()) {
          add(provisions, code);
          add(policies, code);
          add(heads, code);
        }
      }
      lines.executeBatch();
      provisions.executeBatch();
      policies.executeBatch();
      heads.executeBatch();
    }
  }

  private static List<UnitWrites> insertClaims(Connection c, List<UnitWrites> units) throws SQLException {
    List<UnitWrites> taken = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("INSERT INTO claim (code, chf_id, family_id, status, request,"
        + " decision, created_at, updated_at, review_status, risk_score, risk_value, risk_band, health_facility,"
        + " date_claimed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (UnitWrites u : units) {
        for (UnitWrites.ClaimRow row : u.claims()) {
          if (!row.inserted()) {
            continue;
          }
          StoredClaim claim = row.claim();
          ClaimDecision d = claim.decision();
          Sql.bind(p, claim.claim().code(), claim.claim().chfId(), u.familyId(), d.status().code(),
              Sql.json(claim.claim()), row.decisionJson(), row.createdAt(), row.updatedAt(), d.reviewStatus().code(),
              ReviewQueueFilter.score(d), ReviewQueueFilter.valueAtStake(d), ReviewQueueFilter.band(d),
              claim.claim().healthFacility(), claim.claim().dateClaimed());
          if (p.executeUpdate() == 0 && !taken.contains(u)) {
            taken.add(u);
          }
        }
      }
    }
    return taken;
  }

  private static void updateClaims(Connection c, List<UnitWrites> units) throws SQLException {
    // The queue columns follow the decision; facility and dateClaimed are the request's and never change.
    try (PreparedStatement p = c.prepareStatement("UPDATE claim SET status = ?, decision = ?, updated_at = ?,"
        + " review_status = ?, risk_score = ?, risk_value = ?, risk_band = ? WHERE code = ?")) {
      for (UnitWrites u : units) {
        for (UnitWrites.ClaimRow row : u.claims()) {
          if (!row.inserted()) {
            ClaimDecision d = row.claim().decision();
            Sql.bind(p, d.status().code(), row.decisionJson(), row.updatedAt(), d.reviewStatus().code(),
                ReviewQueueFilter.score(d), ReviewQueueFilter.valueAtStake(d), ReviewQueueFilter.band(d),
                row.claim().claim().code());
            p.addBatch();
          }
        }
      }
      p.executeBatch();
    }
  }

  private static void eventsAndLines(Connection c, List<UnitWrites> units) throws SQLException {
    try (PreparedStatement events = c.prepareStatement(
            "INSERT INTO claim_event (claim_code, at, event, status, decision) VALUES (?, ?, ?, ?, ?)");
        PreparedStatement lines = c.prepareStatement("INSERT INTO claim_line (claim_code, kind, line_no, code,"
            + " status, rejection_reason, qty_approved, price_valuated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (UnitWrites u : units) {
        for (UnitWrites.EventRow e : u.events()) {
          Sql.bind(events, e.code(), e.at(), e.event(), e.status(), e.decisionJson());
          events.addBatch();
        }
        for (UnitWrites.ClaimRow row : u.claims()) {
          ClaimDecision d = row.claim().decision();
          for (LineDecision l : d.items()) {
            line(lines, d, "I", l, l.itemCode());
          }
          for (LineDecision l : d.services()) {
            line(lines, d, "S", l, l.serviceCode());
          }
        }
      }
      events.executeBatch();
      lines.executeBatch();
    }
  }

  private static void line(PreparedStatement p, ClaimDecision d, String kind, LineDecision l, String code)
      throws SQLException {
    Sql.bind(p, d.code(), kind, l.lineNo(), code, l.status().code(), l.rejectionReason().code(), l.qtyApproved(),
        l.priceValuated());
    p.addBatch();
  }

  private static void ledger(Connection c, List<UnitWrites> units) throws SQLException {
    try (PreparedStatement heads = c.prepareStatement("INSERT INTO ledger_claim (claim_code, family_id, chf_id,"
            + " target_date, category, is_final) VALUES (?, ?, ?, ?, ?, ?)");
        PreparedStatement provisions = c.prepareStatement(
            "INSERT INTO ledger_provision (claim_code, kind, code, quantity) VALUES (?, ?, ?, ?)");
        PreparedStatement policies = c.prepareStatement("INSERT INTO ledger_policy (claim_code, policy_id,"
            + " hospital_visit, deducted, remunerated, ceiling_excluded) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (UnitWrites u : units) {
        for (Map.Entry<String, Optional<ClaimUsage>> entry : u.ledger().entrySet()) {
          if (entry.getValue().isEmpty()) {
            continue;
          }
          ClaimUsage usage = entry.getValue().get();
          Sql.bind(heads, usage.claimCode(), u.familyId(), usage.chfId(), usage.targetDate(), usage.category(),
              usage.isFinal());
          heads.addBatch();
          for (ClaimUsage.Line line : usage.provisions()) {
            Sql.bind(provisions, usage.claimCode(), line.kind() == LineKind.ITEM ? "I" : "S", line.code(),
                line.quantity());
            provisions.addBatch();
          }
          for (PolicyAmounts a : usage.policies()) {
            Sql.bind(policies, usage.claimCode(), a.policyId(), a.hospitalVisit(), a.deducted(), a.remunerated(),
                a.ceilingExcluded());
            policies.addBatch();
          }
        }
      }
      heads.executeBatch();
      provisions.executeBatch();
      policies.executeBatch();
    }
  }

  private static void versions(Connection c, List<UnitWrites> units) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("MERGE INTO family_usage t USING (VALUES (CAST(? AS VARCHAR(64)),"
        + " CAST(? AS BIGINT))) AS s(family_id, version) ON t.family_id = s.family_id"
        + " WHEN MATCHED THEN UPDATE SET version = s.version"
        + " WHEN NOT MATCHED THEN INSERT (family_id, version) VALUES (s.family_id, s.version)")) {
      for (UnitWrites u : units) {
        if (u.usageVersion() >= 0) {
          Sql.bind(p, u.familyId(), u.usageVersion());
          p.addBatch();
        }
      }
      p.executeBatch();
    }
  }

  private static void add(PreparedStatement p, String code) throws SQLException {
    p.setString(1, code);
    p.addBatch();
  }
}

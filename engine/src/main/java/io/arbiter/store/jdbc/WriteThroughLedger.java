package io.arbiter.store.jdbc;

import io.arbiter.ledger.ClaimUsage;
import io.arbiter.ledger.InMemoryLedger;
import io.arbiter.ledger.PolicyAmounts;
import io.arbiter.ledger.Provision;
import io.arbiter.ledger.Totals;
import io.arbiter.ledger.UtilisationLedger;
import io.arbiter.scheme.LineKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One family's ledger held in memory and written through to the database with its unit of work:
 * reads never touch the database, each booking replaces the claim's rows when the unit's group
 * commits (see {@link GroupCommitter}).
 */
final class WriteThroughLedger implements UtilisationLedger {
  private final InMemoryLedger memory;
  private final UnitWrites writes;

  WriteThroughLedger(InMemoryLedger memory, UnitWrites writes) {
    this.memory = memory;
    this.writes = writes;
  }

  /** Whether the unit booked or removed an entry. */
  boolean written() {
    return !writes.ledger().isEmpty();
  }

  /** Reads a family's whole ledger: three indexed queries over that family's entries only. */
  static InMemoryLedger load(Connection c, String familyId) throws SQLException {
    InMemoryLedger ledger = new InMemoryLedger();
    for (ClaimUsage usage : usages(c, "c.family_id", familyId)) {
      ledger.book(usage);
    }
    return ledger;
  }

  /** Reads one claim's entry; empty when the claim books nothing. */
  static Optional<ClaimUsage> usage(Connection c, String claimCode) throws SQLException {
    return usages(c, "c.claim_code", claimCode).stream().findFirst();
  }

  /** The entries whose ledger_claim column {@code key} (an indexed one) equals {@code value}. */
  private static List<ClaimUsage> usages(Connection c, String key, String value) throws SQLException {
    Map<String, Object[]> heads = new LinkedHashMap<>();
    Map<String, List<ClaimUsage.Line>> lines = new LinkedHashMap<>();
    Map<String, List<PolicyAmounts>> amounts = new LinkedHashMap<>();
    try (PreparedStatement p = c.prepareStatement("SELECT c.claim_code, c.chf_id, c.target_date, c.category,"
        + " c.is_final FROM ledger_claim c WHERE " + key + " = ?")) {
      p.setString(1, value);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          heads.put(r.getString(1), new Object[] {r.getString(2), Sql.date(r, "target_date"), r.getString(4),
              r.getBoolean(5)});
        }
      }
    }
    try (PreparedStatement p = c.prepareStatement("SELECT p.claim_code, p.kind, p.code, p.quantity"
        + " FROM ledger_provision p JOIN ledger_claim c ON c.claim_code = p.claim_code WHERE " + key + " = ?")) {
      p.setString(1, value);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          lines.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(new ClaimUsage.Line(
              "I".equals(r.getString(2)) ? LineKind.ITEM : LineKind.SERVICE, r.getString(3), r.getBigDecimal(4)));
        }
      }
    }
    try (PreparedStatement p = c.prepareStatement("SELECT p.claim_code, p.policy_id, p.hospital_visit, p.deducted,"
        + " p.remunerated, p.ceiling_excluded FROM ledger_policy p JOIN ledger_claim c ON c.claim_code = p.claim_code"
        + " WHERE " + key + " = ?")) {
      p.setString(1, value);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          amounts.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(new PolicyAmounts(r.getString(2),
              r.getBoolean(3), r.getBigDecimal(4), r.getBigDecimal(5), r.getBigDecimal(6)));
        }
      }
    }
    List<ClaimUsage> usages = new ArrayList<>();
    heads.forEach((code, h) -> usages.add(new ClaimUsage(code, (String) h[0], (LocalDate) h[1], (String) h[2],
        (Boolean) h[3], lines.getOrDefault(code, List.of()), amounts.getOrDefault(code, List.of()))));
    return usages;
  }

  @Override
  public Optional<Provision> nearestProvision(String chfId, LineKind kind, String code, LocalDate date) {
    return memory.nearestProvision(chfId, kind, code, date);
  }

  @Override
  public Optional<Provision> lastProvision(String chfId, LineKind kind, String code, LocalDate date) {
    return memory.lastProvision(chfId, kind, code, date);
  }

  @Override
  public BigDecimal providedQuantity(String chfId, LineKind kind, String code, LocalDate from, LocalDate to) {
    return memory.providedQuantity(chfId, kind, code, from, to);
  }

  @Override
  public int claimsInCategory(String chfId, String category, LocalDate from, LocalDate to) {
    return memory.claimsInCategory(chfId, category, from, to);
  }

  @Override
  public Totals policyTotals(String policyId) {
    return memory.policyTotals(policyId);
  }

  @Override
  public Totals insureeTotals(String policyId, String chfId) {
    return memory.insureeTotals(policyId, chfId);
  }

  @Override
  public Totals finalPolicyTotals(String policyId) {
    return memory.finalPolicyTotals(policyId);
  }

  @Override
  public Totals finalInsureeTotals(String policyId, String chfId) {
    return memory.finalInsureeTotals(policyId, chfId);
  }

  @Override
  public void book(ClaimUsage usage) {
    memory.book(usage);
    writes.book(usage);
  }

  @Override
  public void remove(String claimCode) {
    memory.remove(claimCode);
    writes.remove(claimCode);
  }

  @Override
  public Optional<ClaimUsage> usage(String claimCode) {
    return memory.usage(claimCode);
  }
}

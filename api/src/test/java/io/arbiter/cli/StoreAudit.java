package io.arbiter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.RejectionCode;
import io.arbiter.json.Json;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/*
 * Why rows are compared as sorted lists of strings: ledger_provision has no key, so a booking
 * written twice shows only as a second identical row; lists (not sets) keep that double visible.
 * Why versions are compared to counts: each submission that books bumps its family's version once
 * in the same commit, so after submissions only, a family's version is its number of checked
 * claims, and any lost or repeated bump, or any booking without its bump, breaks the equality.
 */

/**
 * Reads a store's tables directly over JDBC and lists every way they disagree with the stored
 * decisions, for a database where claims were only submitted (no review, no processing). Empty
 * {@link #problems()} means: each claim has its lines and exactly one {@code submitted} event; each
 * checked claim (status 4) has exactly one ledger entry whose provisions are its passed lines and
 * whose per-policy deductions add up its lines' deductions; rejected claims have none; no row of
 * any table belongs to an unknown claim; each family's usage version counts its checked claims.
 */
final class StoreAudit {
  private final Map<String, ClaimDecision> decisions = new TreeMap<>();
  private final List<String> problems = new ArrayList<>();

  private StoreAudit() {}

  static StoreAudit of(Connection c) throws SQLException {
    StoreAudit audit = new StoreAudit();
    audit.run(c);
    return audit;
  }

  /** The decision stored for each claim, by code. */
  Map<String, ClaimDecision> decisions() {
    return decisions;
  }

  List<String> problems() {
    return problems;
  }

  private void run(Connection c) throws SQLException {
    Map<String, String> familyOf = new HashMap<>();
    query(c, "SELECT code, family_id, status, decision FROM claim", r -> {
      ClaimDecision d = parse(r.getString(4));
      decisions.put(r.getString(1), d);
      familyOf.put(r.getString(1), r.getString(2));
      if (!d.code().equals(r.getString(1)) || d.status().code() != r.getInt(3)) {
        problems.add("claim " + r.getString(1) + ": row says status " + r.getInt(3) + ", its decision says "
            + d.code() + " status " + d.status().code());
      }
    });

    Map<String, List<String>> events = rows(c, "SELECT claim_code, event FROM claim_event", r -> r.getString(2));
    Map<String, List<String>> lines = rows(c, "SELECT claim_code, kind, line_no, code, status FROM claim_line",
        r -> r.getString(2) + r.getInt(3) + " " + r.getString(4) + " status " + r.getInt(5));
    Map<String, List<String>> ledger = rows(c, "SELECT claim_code, family_id FROM ledger_claim", r -> r.getString(2));
    Map<String, List<String>> provisions = rows(c, "SELECT claim_code, kind, code, quantity FROM ledger_provision",
        r -> r.getString(2) + " " + r.getString(3) + " x " + plain(r.getBigDecimal(4)));
    Map<String, List<String>> policies = rows(c, "SELECT claim_code, policy_id, deducted FROM ledger_policy",
        r -> r.getString(2) + " deducted " + plain(r.getBigDecimal(3)));
    Map<String, Long> versions = new HashMap<>();
    query(c, "SELECT family_id, version FROM family_usage", r -> versions.put(r.getString(1), r.getLong(2)));

    Stream.of(events, lines, ledger, provisions, policies).flatMap(m -> m.keySet().stream())
        .filter(code -> !decisions.containsKey(code)).distinct()
        .forEach(code -> problems.add("rows of unknown claim " + code));

    Map<String, Long> checkedPerFamily = new HashMap<>();
    decisions.forEach((code, d) -> {
      expect(code, "events", List.of("submitted"), events.get(code));
      expect(code, "lines", expectedLines(d), lines.get(code));
      if (d.status() == ClaimStatus.CHECKED) {
        checkedPerFamily.merge(familyOf.get(code), 1L, Long::sum);
        expect(code, "ledger entries", List.of(familyOf.get(code)), ledger.get(code));
        expect(code, "ledger provisions", expectedProvisions(d), provisions.get(code));
        expect(code, "ledger policy amounts", expectedPolicies(d), policies.get(code));
      } else {
        expect(code, "ledger entries (status " + d.status() + ")", List.of(), ledger.get(code));
      }
    });
    Stream.concat(versions.keySet().stream(), checkedPerFamily.keySet().stream()).distinct().sorted()
        .forEach(family -> {
          long version = versions.getOrDefault(family, 0L);
          long checked = checkedPerFamily.getOrDefault(family, 0L);
          if (version != checked) {
            problems.add("family " + family + ": usage version " + version + " but " + checked + " checked claims");
          }
        });
  }

  private void expect(String code, String what, List<String> expected, List<String> actual) {
    List<String> a = actual == null ? List.of() : actual.stream().sorted().toList();
    List<String> e = expected.stream().sorted().toList();
    if (!a.equals(e)) {
      problems.add("claim " + code + ": " + what + " " + a + ", expected " + e);
    }
  }

  private static List<String> expectedLines(ClaimDecision d) {
    List<String> lines = new ArrayList<>();
    d.items().forEach(l -> lines.add("I" + l.lineNo() + " " + l.itemCode() + " status " + l.status()));
    d.services().forEach(l -> lines.add("S" + l.lineNo() + " " + l.serviceCode() + " status " + l.status()));
    return lines;
  }

  private static List<String> expectedProvisions(ClaimDecision d) {
    List<String> provisions = new ArrayList<>();
    passed(d.items()).forEach(l -> provisions.add("I " + l.itemCode() + " x " + plain(l.qtyApproved())));
    passed(d.services()).forEach(l -> provisions.add("S " + l.serviceCode() + " x " + plain(l.qtyApproved())));
    return provisions;
  }

  private static List<String> expectedPolicies(ClaimDecision d) {
    Map<String, BigDecimal> deducted = new TreeMap<>();
    Stream.concat(passed(d.items()), passed(d.services()))
        .forEach(l -> deducted.merge(l.policyId(), l.deductableAmount(), BigDecimal::add));
    return deducted.entrySet().stream().map(e -> e.getKey() + " deducted " + plain(e.getValue())).toList();
  }

  private static Stream<LineDecision> passed(List<LineDecision> lines) {
    return lines.stream().filter(l -> l.rejectionReason() == RejectionCode.ACCEPTED);
  }

  private static String plain(BigDecimal value) {
    return Objects.requireNonNull(value).stripTrailingZeros().toPlainString();
  }

  private static ClaimDecision parse(String json) {
    try {
      return Json.mapper().readValue(json, ClaimDecision.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored decision does not read back: " + e.getMessage(), e);
    }
  }

  private interface Row<T> {
    T read(ResultSet r) throws SQLException;
  }

  /** The rows of a query whose first column is a claim code, read into strings, by code. */
  private static Map<String, List<String>> rows(Connection c, String sql, Row<String> row) throws SQLException {
    Map<String, List<String>> byCode = new HashMap<>();
    query(c, sql, r -> byCode.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(row.read(r)));
    return byCode;
  }

  private interface RowConsumer {
    void accept(ResultSet r) throws SQLException;
  }

  private static void query(Connection c, String sql, RowConsumer consumer) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        consumer.accept(r);
      }
    }
  }
}

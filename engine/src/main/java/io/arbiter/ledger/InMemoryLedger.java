package io.arbiter.ledger;

import io.arbiter.scheme.LineKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/*
 * Why date-indexed maps per insuree: every counter the rules need is bounded by a date range
 * ([E_ip, X]) or a distance from a date (frequency), so per insuree and code the provisions are
 * kept in a TreeMap by target date: a floor/ceiling lookup answers the frequency check and a
 * sub-map answers a period's count, touching only that insuree's few entries. Amount totals are
 * plain running sums per policy and per (policy, insuree).
 */

/**
 * A thread-safe {@link UtilisationLedger} held in memory (lost on restart; a durable ledger
 * implements the same interface). All methods lock the ledger briefly.
 */
public final class InMemoryLedger implements UtilisationLedger {
  private final Map<String, ClaimUsage> byClaim = new HashMap<>();
  private final Map<String, NavigableMap<LocalDate, List<Provision>>> provisions = new HashMap<>();
  private final Map<String, NavigableMap<LocalDate, Integer>> categories = new HashMap<>();
  private final Map<String, Totals> policyTotals = new HashMap<>();
  private final Map<String, Totals> insureeTotals = new HashMap<>();
  private final Map<String, Totals> finalPolicyTotals = new HashMap<>();
  private final Map<String, Totals> finalInsureeTotals = new HashMap<>();

  private static String codeKey(String chfId, LineKind kind, String code) {
    return chfId + '\u0000' + kind + '\u0000' + code;
  }

  private static String pairKey(String a, String b) {
    return a + '\u0000' + b;
  }

  @Override
  public synchronized Optional<Provision> nearestProvision(String chfId, LineKind kind, String code, LocalDate date) {
    NavigableMap<LocalDate, List<Provision>> byDate = provisions.get(codeKey(chfId, kind, code));
    if (byDate == null) {
      return Optional.empty();
    }
    Map.Entry<LocalDate, List<Provision>> before = byDate.floorEntry(date);
    Map.Entry<LocalDate, List<Provision>> after = byDate.ceilingEntry(date);
    Map.Entry<LocalDate, List<Provision>> nearest;
    if (before == null || after == null) {
      nearest = before != null ? before : after;
    } else {
      long back = ChronoUnit.DAYS.between(before.getKey(), date);
      long ahead = ChronoUnit.DAYS.between(date, after.getKey());
      nearest = back <= ahead ? before : after;
    }
    return nearest == null ? Optional.empty() : Optional.of(nearest.getValue().get(0));
  }

  @Override
  public synchronized Optional<Provision> lastProvision(String chfId, LineKind kind, String code, LocalDate date) {
    NavigableMap<LocalDate, List<Provision>> byDate = provisions.get(codeKey(chfId, kind, code));
    Map.Entry<LocalDate, List<Provision>> before = byDate == null ? null : byDate.floorEntry(date);
    return before == null ? Optional.empty() : Optional.of(before.getValue().get(0));
  }

  @Override
  public synchronized BigDecimal providedQuantity(String chfId, LineKind kind, String code, LocalDate from, LocalDate to) {
    NavigableMap<LocalDate, List<Provision>> byDate = provisions.get(codeKey(chfId, kind, code));
    BigDecimal sum = BigDecimal.ZERO;
    if (byDate != null && !to.isBefore(from)) {
      for (List<Provision> day : byDate.subMap(from, true, to, true).values()) {
        for (Provision p : day) {
          sum = sum.add(p.quantity());
        }
      }
    }
    return sum;
  }

  @Override
  public synchronized int claimsInCategory(String chfId, String category, LocalDate from, LocalDate to) {
    NavigableMap<LocalDate, Integer> byDate = categories.get(pairKey(chfId, category));
    if (byDate == null || to.isBefore(from)) {
      return 0;
    }
    int n = 0;
    for (int count : byDate.subMap(from, true, to, true).values()) {
      n += count;
    }
    return n;
  }

  @Override
  public synchronized Totals policyTotals(String policyId) {
    return policyTotals.getOrDefault(policyId, Totals.ZERO);
  }

  @Override
  public synchronized Totals insureeTotals(String policyId, String chfId) {
    return insureeTotals.getOrDefault(pairKey(policyId, chfId), Totals.ZERO);
  }

  @Override
  public synchronized Totals finalPolicyTotals(String policyId) {
    return finalPolicyTotals.getOrDefault(policyId, Totals.ZERO);
  }

  @Override
  public synchronized Totals finalInsureeTotals(String policyId, String chfId) {
    return finalInsureeTotals.getOrDefault(pairKey(policyId, chfId), Totals.ZERO);
  }

  @Override
  public synchronized void book(ClaimUsage usage) {
    remove(usage.claimCode());
    byClaim.put(usage.claimCode(), usage);
    apply(usage, 1);
  }

  @Override
  public synchronized void remove(String claimCode) {
    ClaimUsage old = byClaim.remove(claimCode);
    if (old != null) {
      apply(old, -1);
    }
  }

  @Override
  public synchronized Optional<ClaimUsage> usage(String claimCode) {
    return Optional.ofNullable(byClaim.get(claimCode));
  }

  private void apply(ClaimUsage u, int sign) {
    for (ClaimUsage.Line line : u.provisions()) {
      NavigableMap<LocalDate, List<Provision>> byDate =
          provisions.computeIfAbsent(codeKey(u.chfId(), line.kind(), line.code()), k -> new TreeMap<>());
      if (sign > 0) {
        byDate.computeIfAbsent(u.targetDate(), d -> new ArrayList<>())
            .add(new Provision(u.claimCode(), u.targetDate(), line.quantity()));
      } else {
        List<Provision> day = byDate.get(u.targetDate());
        if (day != null && day.removeIf(p -> p.claimCode().equals(u.claimCode())) && day.isEmpty()) {
          byDate.remove(u.targetDate());
        }
      }
    }
    if (u.category() != null) {
      categories.computeIfAbsent(pairKey(u.chfId(), u.category()), k -> new TreeMap<>())
          .merge(u.targetDate(), sign, (a, b) -> a + b == 0 ? null : a + b);
    }
    for (PolicyAmounts a : u.policies()) {
      add(policyTotals, a.policyId(), a, sign);
      add(insureeTotals, pairKey(a.policyId(), u.chfId()), a, sign);
      if (u.isFinal()) {
        add(finalPolicyTotals, a.policyId(), a, sign);
        add(finalInsureeTotals, pairKey(a.policyId(), u.chfId()), a, sign);
      }
    }
  }

  private static void add(Map<String, Totals> totals, String key, PolicyAmounts a, int sign) {
    totals.merge(key, Totals.ZERO.plus(a, sign), (t, z) -> t.plus(a, sign));
  }
}

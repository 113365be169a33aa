package io.arbiter.engine;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimRisk;
import io.arbiter.claim.ReviewSelection;
import io.arbiter.review.SelectionRequest;
import io.arbiter.scheme.ReviewPolicy;
import io.arbiter.store.StoredClaim;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A scheme's review policy applied: the risk band of a claim at submit, and openIMIS's modes and the
 * daily budget over a set of claims. Pure: reads nothing, writes nothing.
 */
final class ReviewSelector {
  static final List<String> MODES = List.of(ReviewSelection.MODE_RANDOM, ReviewSelection.MODE_VALUE,
      ReviewSelection.MODE_VARIANCE, ReviewSelection.MODE_BUDGET);

  private final ReviewPolicy policy;
  private final String version;

  ReviewSelector(ReviewPolicy policy) {
    this.policy = policy;
    this.version = policy.version();
  }

  String version() {
    return version;
  }

  /**
   * The band the policy gives a risk: its own thresholds on the value at stake when set, else the
   * model's band, where a reject band the scheme did not turn on counts as review.
   */
  String band(ClaimRisk risk) {
    if (risk.valueAtStake() == null) {
      return ClaimRisk.BAND_UNSCORED;
    }
    double value = risk.valueAtStake().doubleValue();
    if (policy.rejectAt() != null && value >= policy.rejectAt()) {
      return ClaimRisk.BAND_REJECT;
    }
    if (policy.reviewAt() != null) {
      return value >= policy.reviewAt() ? ClaimRisk.BAND_REVIEW : ClaimRisk.BAND_PASS;
    }
    return ClaimRisk.BAND_REJECT.equals(risk.band()) ? ClaimRisk.BAND_REVIEW : risk.band();
  }

  /** Whether the claim is rejected automatically (band reject, which only a set rejectAt yields). */
  boolean rejects(ClaimRisk risk) {
    return ClaimRisk.BAND_REJECT.equals(band(risk));
  }

  /** The selection at submit of a checked claim the model looked at. */
  ReviewSelection atSubmit(ClaimRisk risk) {
    String band = band(risk);
    boolean selected = switch (band) {
      case ClaimRisk.BAND_REVIEW, ClaimRisk.BAND_REJECT -> true;
      case ClaimRisk.BAND_UNSCORED -> policy.selectsUnscored();
      default -> false;
    };
    String reason = risk.valueAtStake() == null
        ? "the model could not score the claim" + (selected ? "; unscored claims are reviewed" : "")
        : "value at stake " + risk.valueAtStake() + " is in the " + band + " band"
            + (policy.reviewAt() != null ? " (review from " + policy.reviewAt() + ")" : " of model " + risk.modelVersion());
    return new ReviewSelection(version, ReviewSelection.MODE_RISK, selected, reason, null);
  }

  /** The parameters of a selection over a set, from the request or else the policy, checked. */
  record Parameters(List<String> modes, Double randomPercent, BigDecimal value, Double variancePercent,
      boolean withoutHistory, Integer budgetClaims, Double budgetPercent) {}

  Parameters parameters(SelectionRequest r) {
    List<Problem> problems = new ArrayList<>();
    if (r.modes().isEmpty()) {
      problems.add(Problem.missing("/modes"));
    }
    for (int i = 0; i < r.modes().size(); i++) {
      if (!MODES.contains(r.modes().get(i))) {
        problems.add(Problem.invalid("/modes/" + i, "must be one of " + String.join(", ", MODES)));
      }
    }
    Double random = r.randomPercent() != null ? r.randomPercent() : policy.randomPercent();
    BigDecimal value = r.value() != null ? r.value() : policy.value();
    Double variance = r.variancePercent() != null ? r.variancePercent() : policy.variancePercent();
    boolean withoutHistory = r.varianceWithoutHistory() != null ? r.varianceWithoutHistory()
        : policy.includesWithoutHistory();
    boolean anyBudget = r.budgetClaims() != null || r.budgetPercent() != null;
    Integer budgetClaims = anyBudget ? r.budgetClaims() : policy.budgetClaims();
    Double budgetPercent = anyBudget ? r.budgetPercent() : policy.budgetPercent();
    if (r.modes().contains(ReviewSelection.MODE_RANDOM) && (random == null || random < 1 || random > 100)) {
      problems.add(Problem.invalid("/randomPercent", "must be between 1 and 100 (the request's or the scheme's)"));
    }
    if (r.modes().contains(ReviewSelection.MODE_VALUE) && (value == null || value.signum() < 0)) {
      problems.add(Problem.invalid("/value", "must be a non-negative amount (the request's or the scheme's)"));
    }
    if (r.modes().contains(ReviewSelection.MODE_VARIANCE) && (variance == null || variance < 0)) {
      problems.add(Problem.invalid("/variancePercent", "must be a non-negative percentage (the request's or the scheme's)"));
    }
    if (r.modes().contains(ReviewSelection.MODE_BUDGET)) {
      if ((budgetClaims == null) == (budgetPercent == null)) {
        problems.add(Problem.invalid("/budgetClaims", "give exactly one of budgetClaims and budgetPercent"));
      } else if (budgetClaims != null && budgetClaims < 0) {
        problems.add(Problem.invalid("/budgetClaims", "must not be negative"));
      } else if (budgetPercent != null && (budgetPercent < 0 || budgetPercent > 100)) {
        problems.add(Problem.invalid("/budgetPercent", "must be between 0 and 100"));
      }
    }
    if (!problems.isEmpty()) {
      boolean missing = problems.stream().anyMatch(Problem::missing);
      throw new ArbiterException(missing ? ArbiterException.Kind.MALFORMED : ArbiterException.Kind.INVALID,
          "the review selection cannot run", problems);
    }
    return new Parameters(r.modes(), random, value, variance, withoutHistory, budgetClaims, budgetPercent);
  }

  /**
   * Selects within {@code set} (by code), against {@code history} (the previous year's claims) for
   * the variance mode: the claims some mode names, then at most the budget per day claimed, the
   * riskiest first. Returns a selection for every claim of the set, in the set's order.
   */
  Map<String, ReviewSelection> select(List<StoredClaim> set, List<StoredClaim> history, Parameters p, Random random) {
    Map<String, String> chosen = new HashMap<>();
    Set<String> modes = new HashSet<>(p.modes());
    if (modes.contains(ReviewSelection.MODE_RANDOM)) {
      int n = drawSize(p.randomPercent(), set.size(), 1);
      for (StoredClaim c : draw(set, n, random)) {
        chosen.putIfAbsent(c.claim().code(), ReviewSelection.MODE_RANDOM + ": drawn, " + n + " of " + set.size()
            + " at " + p.randomPercent() + " %");
      }
    }
    if (modes.contains(ReviewSelection.MODE_VALUE)) {
      for (StoredClaim c : set) {
        if (c.decision().claimed().compareTo(p.value()) >= 0) {
          chosen.putIfAbsent(c.claim().code(), ReviewSelection.MODE_VALUE + ": claimed " + c.decision().claimed()
              + " ≥ " + p.value());
        }
      }
    }
    if (modes.contains(ReviewSelection.MODE_VARIANCE)) {
      varianceSelect(set, history, p, chosen);
    }
    boolean setModes = modes.stream().anyMatch(m -> !m.equals(ReviewSelection.MODE_BUDGET));
    List<StoredClaim> candidates = set.stream()
        .filter(c -> !setModes || chosen.containsKey(c.claim().code())).toList();
    Map<String, String> dropped = modes.contains(ReviewSelection.MODE_BUDGET)
        ? overBudget(set, candidates, p, chosen) : Map.of();
    Set<String> candidateCodes = candidates.stream().map(c -> c.claim().code()).collect(Collectors.toSet());
    String modeNames = String.join("+", p.modes());
    Map<String, ReviewSelection> out = new LinkedHashMap<>();
    for (StoredClaim c : set) {
      String code = c.claim().code();
      if (candidateCodes.contains(code) && !dropped.containsKey(code)) {
        String why = chosen.getOrDefault(code, ReviewSelection.MODE_BUDGET + ": within the day's budget");
        out.put(code, new ReviewSelection(version, why.substring(0, why.indexOf(':')), true, why, null));
      } else {
        String why = dropped.containsKey(code) ? dropped.get(code) : "no mode of " + modeNames + " selected it";
        out.put(code, new ReviewSelection(version, modeNames, false, why, null));
      }
    }
    return out;
  }

  private static void varianceSelect(List<StoredClaim> set, List<StoredClaim> history, Parameters p,
      Map<String, String> chosen) {
    Set<String> inSet = set.stream().map(c -> c.claim().code()).collect(Collectors.toSet());
    Map<String, List<BigDecimal>> approvedByDiagnosis = new HashMap<>();
    for (StoredClaim h : history) {
      if (!inSet.contains(h.claim().code()) && h.decision().approved() != null && h.claim().icd() != null) {
        approvedByDiagnosis.computeIfAbsent(h.claim().icd(), k -> new ArrayList<>()).add(h.decision().approved());
      }
    }
    BigDecimal factor = BigDecimal.ONE.add(BigDecimal.valueOf(p.variancePercent()).movePointLeft(2));
    for (StoredClaim c : set) {
      List<BigDecimal> past = approvedByDiagnosis.get(c.claim().icd());
      String code = c.claim().code();
      if (past == null) {
        if (p.withoutHistory()) {
          chosen.putIfAbsent(code, ReviewSelection.MODE_VARIANCE + ": diagnosis " + c.claim().icd()
              + " has no approved claim in the previous year");
        }
        continue;
      }
      BigDecimal sum = past.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      // Compared as claimed × n > factor × Σ, so that no rounding of the average moves the boundary.
      BigDecimal left = c.decision().claimed().multiply(BigDecimal.valueOf(past.size()));
      if (left.compareTo(factor.multiply(sum)) > 0) {
        BigDecimal average = sum.divide(BigDecimal.valueOf(past.size()), 2, RoundingMode.HALF_EVEN);
        chosen.putIfAbsent(code, ReviewSelection.MODE_VARIANCE + ": claimed " + c.decision().claimed() + " > (1 + "
            + p.variancePercent() + "/100) × " + average + ", the average approved for " + c.claim().icd()
            + " over " + past.size() + " claims");
      }
    }
  }

  /** The candidates the budget drops, with why: past the day's K, ranked by value at stake then claimed. */
  private static Map<String, String> overBudget(List<StoredClaim> set, List<StoredClaim> candidates, Parameters p,
      Map<String, String> chosen) {
    Map<LocalDate, Long> perDay = set.stream().collect(Collectors.groupingBy(c -> c.claim().dateClaimed(),
        Collectors.counting()));
    Map<LocalDate, List<StoredClaim>> byDay = candidates.stream().collect(Collectors.groupingBy(
        c -> c.claim().dateClaimed(), LinkedHashMap::new, Collectors.toList()));
    Map<String, String> dropped = new HashMap<>();
    byDay.forEach((day, claims) -> {
      int limit = p.budgetClaims() != null ? p.budgetClaims()
          : drawSize(p.budgetPercent(), perDay.get(day).intValue(), 0);
      List<StoredClaim> ranked = claims.stream().sorted(RISKIEST_FIRST).toList();
      for (int i = limit; i < ranked.size(); i++) {
        dropped.put(ranked.get(i).claim().code(), "over the budget of " + limit + " claims on " + day
            + " (rank " + (i + 1) + " by value at stake)");
      }
    });
    return dropped;
  }

  private static double valueAtStake(ClaimDecision d) {
    return d.risk() == null || d.risk().valueAtStake() == null ? -1 : d.risk().valueAtStake().doubleValue();
  }

  /**
   * Highest value at stake first (unscored last), then the larger claim, then by code for a stable
   * order: a budget spent this way recovers the most money.
   */
  static final Comparator<StoredClaim> RISKIEST_FIRST = Comparator
      .comparingDouble((StoredClaim c) -> -valueAtStake(c.decision()))
      .thenComparing((StoredClaim c) -> c.decision().claimed(), Comparator.reverseOrder())
      .thenComparing(c -> c.claim().code());

  /** ⌊percent % × n⌋, at least {@code minimum} (but not more than n); exact for decimal percentages. */
  static int drawSize(double percent, int n, int minimum) {
    int size = BigDecimal.valueOf(percent).multiply(BigDecimal.valueOf(n)).movePointLeft(2)
        .setScale(0, RoundingMode.FLOOR).intValueExact();
    return Math.min(n, Math.max(minimum, size));
  }

  /** n members drawn uniformly without replacement (a partial Fisher–Yates shuffle), in draw order. */
  static <T> List<T> draw(List<T> population, int n, Random random) {
    List<T> pool = new ArrayList<>(population);
    for (int i = 0; i < n; i++) {
      int j = i + random.nextInt(pool.size() - i);
      T t = pool.get(i);
      pool.set(i, pool.get(j));
      pool.set(j, t);
    }
    return pool.subList(0, n);
  }
}

package io.arbiter.engine;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimRisk;
import io.arbiter.claim.RejectionCode;
import io.arbiter.claim.ReviewStatus;
import io.arbiter.review.BatchRequest;
import io.arbiter.review.ClaimFilter;
import io.arbiter.review.SamplingBatch;
import io.arbiter.review.SamplingReport;
import io.arbiter.store.StoredClaim;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The arithmetic of sampling batches: the draw, openIMIS's extrapolation ratio, and the report's
 * estimates. Pure: the {@link Arbiter} reads and writes claims around it.
 */
final class Sampling {
  static final String ALL = "all";
  private static final List<String> BANDS = List.of(ClaimRisk.BAND_PASS, ClaimRisk.BAND_REVIEW,
      ClaimRisk.BAND_REJECT, ClaimRisk.BAND_UNSCORED);

  private Sampling() {}

  /** The request's filter, or every checked claim when it has none. */
  static ClaimFilter filter(BatchRequest r) {
    return r.filter() != null ? r.filter() : new ClaimFilter(null, null, null, null);
  }

  /**
   * Draws a batch from {@code set} (by code): uniformly within each stratum.
   *
   * @throws ArbiterException INVALID for a percentage outside 1–100, bad rates, or an empty set
   */
  static SamplingBatch draw(String id, Instant now, BatchRequest r, List<StoredClaim> set, long seed,
      ReviewSelector selector) {
    List<Problem> problems = new ArrayList<>();
    if ((r.percentage() == null) == (r.rates() == null)) {
      problems.add(Problem.invalid("/percentage", "give exactly one of percentage and rates"));
    } else if (r.percentage() != null && (r.percentage() < 1 || r.percentage() > 100)) {
      problems.add(Problem.invalid("/percentage", "must be between 1 and 100, was " + r.percentage()));
    } else if (r.rates() != null) {
      r.rates().forEach((band, rate) -> {
        if (!BANDS.contains(band)) {
          problems.add(Problem.invalid("/rates/" + band, "is not a risk band (" + String.join(", ", BANDS) + ")"));
        } else if (rate == null || rate <= 0 || rate > 100) {
          problems.add(Problem.invalid("/rates/" + band, "must be more than 0 and at most 100"));
        }
      });
    }
    if (set.isEmpty()) {
      problems.add(Problem.invalid("/filter", "no checked claim awaiting review matches the filter"));
    }
    Map<String, List<StoredClaim>> strata = new LinkedHashMap<>();
    for (StoredClaim c : set) {
      strata.computeIfAbsent(r.rates() == null ? ALL : band(c.decision(), selector), k -> new ArrayList<>()).add(c);
    }
    if (r.rates() != null) {
      strata.keySet().stream().filter(band -> !r.rates().containsKey(band)).forEach(band ->
          problems.add(Problem.invalid("/rates", strata.get(band).size() + " claims are in band " + band
              + ", which has no rate")));
    }
    if (!problems.isEmpty()) {
      throw new ArbiterException(ArbiterException.Kind.INVALID, "the sampling batch cannot be drawn", problems);
    }
    Random random = new Random(seed);
    List<SamplingBatch.Stratum> drawn = new ArrayList<>();
    List<SamplingBatch.Member> members = new ArrayList<>();
    strata.forEach((name, claims) -> {
      double percent = r.rates() == null ? r.percentage() : r.rates().get(name);
      // A stratified sample keeps two per stratum where it can: one value has no variance to estimate.
      int n = ReviewSelector.drawSize(percent, claims.size(), r.rates() == null ? 1 : 2);
      Set<StoredClaim> sample = new HashSet<>(ReviewSelector.draw(claims, n, random));
      drawn.add(new SamplingBatch.Stratum(name, percent, claims.size(), n));
      for (StoredClaim c : claims) {
        members.add(new SamplingBatch.Member(c.claim().code(), name, sample.contains(c),
            (double) n / claims.size(), c.decision().approved()));
      }
    });
    members.sort(java.util.Comparator.comparing(SamplingBatch.Member::code));
    return new SamplingBatch(id, now, filter(r), r.percentage(), r.rates(), seed, selector.version(), drawn, members,
        null);
  }

  static String band(ClaimDecision d, ReviewSelector selector) {
    return d.risk() == null ? ClaimRisk.BAND_UNSCORED : selector.band(d.risk());
  }

  /**
   * Σ qtyProvided × (priceAdjusted, else priceAsked) over the lines the rules did not reject (a line
   * the rules rejected is neither adjusted nor approved; counting it would lower the ratio although
   * no reviewer cut anything).
   */
  static BigDecimal adjusted(ClaimDecision d) {
    return Stream.concat(d.items().stream(), d.services().stream())
        .filter(l -> l.rejectionReason() == RejectionCode.ACCEPTED || l.rejectionReason() == RejectionCode.REVIEWER)
        .map(l -> l.qtyProvided().multiply(l.priceAdjusted() != null ? l.priceAdjusted() : l.priceAsked()))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  static BigDecimal approved(ClaimDecision d) {
    return d.approved() != null ? d.approved() : BigDecimal.ZERO;
  }

  /** Σ approved and Σ adjusted over the sampled claims, each weighted by N_h / n_h. */
  record Ratio(BigDecimal approved, BigDecimal adjusted) {
    BigDecimal value() {
      return approved.divide(adjusted, MathContext.DECIMAL64);
    }
  }

  /**
   * openIMIS's ratio, weighted. The weights N_h / n_h are scaled by Π n_h so that they are whole
   * numbers: the ratio is exact, and in a plain batch (one stratum) it is Σ approved / Σ adjusted.
   */
  static Ratio ratio(SamplingBatch batch, Map<String, ClaimDecision> current) {
    BigDecimal product = BigDecimal.ONE;
    for (SamplingBatch.Stratum s : batch.strata()) {
      product = product.multiply(BigDecimal.valueOf(s.sampled()));
    }
    BigDecimal approved = BigDecimal.ZERO;
    BigDecimal adjusted = BigDecimal.ZERO;
    for (SamplingBatch.Stratum s : batch.strata()) {
      BigDecimal weight = BigDecimal.valueOf(s.population()).multiply(product)
          .divide(BigDecimal.valueOf(s.sampled()), MathContext.UNLIMITED);
      BigDecimal a = BigDecimal.ZERO;
      BigDecimal d = BigDecimal.ZERO;
      for (SamplingBatch.Member m : batch.claims()) {
        if (m.sampled() && m.stratum().equals(s.name())) {
          a = a.add(approved(current.get(m.code())));
          d = d.add(adjusted(current.get(m.code())));
        }
      }
      approved = approved.add(weight.multiply(a));
      adjusted = adjusted.add(weight.multiply(d));
    }
    return new Ratio(approved, adjusted);
  }

  /** The report from the claims' current decisions (every member of the batch). */
  static SamplingReport report(SamplingBatch batch, Map<String, ClaimDecision> current, ReviewSelector selector) {
    List<StratifiedEstimate.Stratum> values = new ArrayList<>();
    List<StratifiedEstimate.Stratum> cuts = new ArrayList<>();
    double known = 0;
    double knownCut = 0;
    Accuracy accuracy = new Accuracy();
    int delivered = 0;
    int sampled = 0;
    for (SamplingBatch.Stratum s : batch.strata()) {
      List<Double> y = new ArrayList<>();
      List<Double> cut = new ArrayList<>();
      List<ClaimDecision> reviewed = new ArrayList<>();
      List<SamplingBatch.Member> members = new ArrayList<>();
      for (SamplingBatch.Member m : batch.claims()) {
        if (!m.sampled() || !m.stratum().equals(s.name())) {
          continue;
        }
        sampled++;
        ClaimDecision d = current.get(m.code());
        if (d.reviewStatus() == ReviewStatus.DELIVERED) {
          double after = approved(d).doubleValue();
          double before = m.submittedApproved() == null ? 0 : m.submittedApproved().doubleValue();
          y.add(after);
          cut.add(before - after);
          reviewed.add(d);
          members.add(m);
          known += after;
          knownCut += before - after;
        }
      }
      delivered += y.size();
      values.add(new StratifiedEstimate.Stratum(s.population(), y));
      cuts.add(new StratifiedEstimate.Stratum(s.population(), cut));
      double weight = y.isEmpty() ? 0 : (double) s.population() / y.size();
      for (int i = 0; i < reviewed.size(); i++) {
        accuracy.add(reviewed.get(i), cut.get(i) > 0, weight, selector);
      }
    }
    return new SamplingReport(batch.id(), batch.claims().size(), sampled, delivered, delivered == sampled,
        StratifiedEstimate.of(values, 0), StratifiedEstimate.of(values, known),
        StratifiedEstimate.of(cuts, knownCut), accuracy.result());
  }

  /**
   * How well the risk bands flagged the claims whose review cut their amount: weighted over the
   * batch's population, and over the delivered reviews alone.
   */
  private static final class Accuracy {
    private double truePositive;
    private double flagged;
    private double positive;
    private int flaggedDelivered;
    private int flaggedPositiveDelivered;
    private boolean scored;

    /** Counts a delivered review; a claim without risk counts for nothing. */
    void add(ClaimDecision d, boolean pos, double weight, ReviewSelector selector) {
      if (d.risk() == null) {
        return;
      }
      scored = true;
      String band = selector.band(d.risk());
      boolean flag = band.equals(ClaimRisk.BAND_REVIEW) || band.equals(ClaimRisk.BAND_REJECT);
      flagged += flag ? weight : 0;
      positive += pos ? weight : 0;
      truePositive += flag && pos ? weight : 0;
      flaggedDelivered += flag ? 1 : 0;
      flaggedPositiveDelivered += flag && pos ? 1 : 0;
    }

    /** Null when no delivered review was scored. */
    SamplingReport.ModelAccuracy result() {
      return !scored ? null : new SamplingReport.ModelAccuracy(
          flagged > 0 ? truePositive / flagged : null, positive > 0 ? truePositive / positive : null,
          flaggedDelivered > 0 ? (double) flaggedPositiveDelivered / flaggedDelivered : null,
          List.of(ClaimRisk.BAND_REVIEW, ClaimRisk.BAND_REJECT));
    }
  }
}

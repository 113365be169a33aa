package io.arbiter.scoring;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * Why an offline table: some signals only exist across many claims (how a facility usually bills,
 * how much of an item a patient usually gets, which services go with which diagnoses). They are
 * counted once over the training period and shipped with the model, so serving reads them in O(1)
 * and training and serving see the same numbers.
 */

/**
 * Aggregates over a training period that the {@link FeatureExtractor} reads: per facility, per
 * code, and per (code, diagnosis chapter). Immutable; serialised as JSON next to the model.
 *
 * @param facilities per facility code
 * @param meanQuantity per line key ({@code I:code} or {@code S:code}), the mean quantity provided
 * @param codeLines per line key, the number of lines
 * @param chapterLines per ICD chapter letter of the main diagnosis, the number of lines
 * @param pairLines per {@code lineKey|chapter}, the number of lines
 * @param lines number of lines counted
 */
public record ReferenceStats(
    Map<String, FacilityStats> facilities,
    Map<String, Double> meanQuantity,
    Map<String, Integer> codeLines,
    Map<String, Integer> chapterLines,
    Map<String, Integer> pairLines,
    long lines) {

  /** No aggregates: features that read them take their neutral value. */
  public static final ReferenceStats EMPTY = new ReferenceStats(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), 0);

  public ReferenceStats {
    facilities = Map.copyOf(facilities);
    meanQuantity = Map.copyOf(meanQuantity);
    codeLines = Map.copyOf(codeLines);
    chapterLines = Map.copyOf(chapterLines);
    pairLines = Map.copyOf(pairLines);
  }

  /**
   * How a facility bills.
   *
   * @param claims claims counted
   * @param meanPriceRatio mean of price asked ÷ list price over its lines
   * @param adjustedRate share of its reviewed lines that a reviewer rejected or adjusted, smoothed
   *     towards the scheme's rate
   */
  public record FacilityStats(long claims, double meanPriceRatio, double adjustedRate) {}

  public static Builder builder() {
    return new Builder();
  }

  /** Counts claims one at a time; not thread-safe. */
  public static final class Builder {
    private static final double SMOOTHING_LINES = 20;
    private final Map<String, long[]> facilityClaims = new HashMap<>();
    private final Map<String, double[]> facilityRatios = new HashMap<>();
    private final Map<String, long[]> facilityReviews = new HashMap<>();
    private final Map<String, double[]> quantities = new HashMap<>();
    private final Map<String, Integer> chapters = new HashMap<>();
    private final Map<String, Integer> pairs = new HashMap<>();
    private long lines;
    private long reviewed;
    private long adjusted;

    private Builder() {}

    /**
     * Counts one claim.
     *
     * @param outcomes per line, items then services: true when a reviewer rejected or adjusted it,
     *     false when accepted, null when not reviewed; null for a claim not reviewed at all
     */
    public Builder add(Claim claim, ClaimDecision decision, List<Boolean> outcomes) {
      String facility = claim.healthFacility();
      facilityClaims.computeIfAbsent(facility, f -> new long[1])[0]++;
      String chapter = FeatureExtractor.chapterOf(claim.icd());
      int i = 0;
      for (LineDecision line : FeatureExtractor.lines(decision)) {
        String key = FeatureExtractor.lineKey(line);
        double[] q = quantities.computeIfAbsent(key, k -> new double[2]);
        q[0] += line.qtyProvided().doubleValue();
        q[1]++;
        chapters.merge(chapter, 1, Integer::sum);
        pairs.merge(key + '|' + chapter, 1, Integer::sum);
        double[] r = facilityRatios.computeIfAbsent(facility, f -> new double[2]);
        r[0] += FeatureExtractor.priceRatio(line, null);
        r[1]++;
        Boolean outcome = outcomes == null || i >= outcomes.size() ? null : outcomes.get(i);
        if (outcome != null) {
          long[] v = facilityReviews.computeIfAbsent(facility, f -> new long[2]);
          v[0]++;
          reviewed++;
          if (outcome) {
            v[1]++;
            adjusted++;
          }
        }
        lines++;
        i++;
      }
      return this;
    }

    public ReferenceStats build() {
      double schemeRate = reviewed == 0 ? 0 : (double) adjusted / reviewed;
      Map<String, FacilityStats> facilities = new HashMap<>();
      facilityClaims.forEach((code, n) -> {
        double[] r = facilityRatios.getOrDefault(code, new double[] {0, 0});
        long[] v = facilityReviews.getOrDefault(code, new long[2]);
        facilities.put(code, new FacilityStats(n[0], r[1] == 0 ? 1 : r[0] / r[1],
            (v[1] + SMOOTHING_LINES * schemeRate) / (v[0] + SMOOTHING_LINES)));
      });
      Map<String, Double> meanQuantity = new HashMap<>();
      Map<String, Integer> codeLines = new HashMap<>();
      quantities.forEach((key, q) -> {
        meanQuantity.put(key, q[0] / q[1]);
        codeLines.put(key, (int) q[1]);
      });
      return new ReferenceStats(facilities, meanQuantity, codeLines, chapters, pairs, lines);
    }
  }
}

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
 * @param facilityCodeLift per {@code facility|lineKey}, how much more often the facility puts the
 *     code on a claim than the facilities of its level do (smoothed); absent means 1. Only lifts
 *     outside [0.9, 1.1] are kept
 */
public record ReferenceStats(
    Map<String, FacilityStats> facilities,
    Map<String, Double> meanQuantity,
    Map<String, Integer> codeLines,
    Map<String, Integer> chapterLines,
    Map<String, Integer> pairLines,
    long lines,
    Map<String, Double> facilityCodeLift) {

  /** No aggregates: features that read them take their neutral value. */
  public static final ReferenceStats EMPTY = new ReferenceStats(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), 0,
      Map.of());

  public ReferenceStats {
    facilities = Map.copyOf(facilities);
    meanQuantity = Map.copyOf(meanQuantity);
    codeLines = Map.copyOf(codeLines);
    chapterLines = Map.copyOf(chapterLines);
    pairLines = Map.copyOf(pairLines);
    facilityCodeLift = facilityCodeLift == null ? Map.of() : Map.copyOf(facilityCodeLift);
  }

  /**
   * How a facility bills.
   *
   * @param claims claims counted
   * @param meanPriceRatio mean of price asked ÷ list price over its lines
   * @param adjustedRate share of its reviewed lines that a reviewer rejected or adjusted, smoothed
   *     towards the scheme's rate
   * @param linesRatio its mean lines per claim ÷ that of the facilities of its level (smoothed
   *     towards 1); 0 in stats written before value at stake, read as 1
   */
  public record FacilityStats(long claims, double meanPriceRatio, double adjustedRate, double linesRatio) {}

  /**
   * @param levelOf a facility code's level (openIMIS {@code D}, {@code C}, {@code H}), so that a
   *     facility is compared with its peers; null when unknown (then it is compared with every
   *     facility of unknown level)
   */
  public static Builder builder(java.util.function.Function<String, String> levelOf) {
    return new Builder(levelOf);
  }

  /** Counts claims one at a time; not thread-safe. */
  public static final class Builder {
    private static final double SMOOTHING_LINES = 20;
    /** Claims a facility's own mix is shrunk towards its peers' with. */
    private static final double SMOOTHING_CLAIMS = 20;
    private final java.util.function.Function<String, String> levelOf;
    private final Map<String, long[]> facilityLines = new HashMap<>();
    private final Map<String, long[]> facilityCodeClaims = new HashMap<>();
    private final Map<String, long[]> facilityClaims = new HashMap<>();
    private final Map<String, double[]> facilityRatios = new HashMap<>();
    private final Map<String, long[]> facilityReviews = new HashMap<>();
    private final Map<String, double[]> quantities = new HashMap<>();
    private final Map<String, Integer> chapters = new HashMap<>();
    private final Map<String, Integer> pairs = new HashMap<>();
    private long lines;
    private long reviewed;
    private long adjusted;

    private Builder(java.util.function.Function<String, String> levelOf) {
      this.levelOf = levelOf;
    }

    /**
     * Counts one claim.
     *
     * @param outcomes per line, items then services: true when a reviewer rejected or adjusted it,
     *     false when accepted, null when not reviewed; null for a claim not reviewed at all
     */
    public Builder add(Claim claim, ClaimDecision decision, List<Boolean> outcomes) {
      String facility = claim.healthFacility();
      facilityClaims.computeIfAbsent(facility, f -> new long[1])[0]++;
      facilityLines.computeIfAbsent(facility, f -> new long[1])[0] += FeatureExtractor.lines(decision).size();
      FeatureExtractor.lines(decision).stream().map(FeatureExtractor::lineKey).distinct()
          .forEach(key -> facilityCodeClaims.computeIfAbsent(facility + '|' + key, k -> new long[1])[0]++);
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
      // Per level: claims, lines, and claims per code, summed over its facilities.
      Map<String, long[]> levelClaims = new HashMap<>();
      Map<String, long[]> levelLines = new HashMap<>();
      Map<String, long[]> levelCodeClaims = new HashMap<>();
      facilityClaims.forEach((code, n) -> {
        String level = String.valueOf(levelOf.apply(code));
        levelClaims.computeIfAbsent(level, l -> new long[1])[0] += n[0];
        levelLines.computeIfAbsent(level, l -> new long[1])[0] += facilityLines.get(code)[0];
      });
      facilityCodeClaims.forEach((key, n) -> {
        String facility = key.substring(0, key.indexOf('|'));
        String level = String.valueOf(levelOf.apply(facility));
        levelCodeClaims.computeIfAbsent(level + key.substring(key.indexOf('|')), k -> new long[1])[0] += n[0];
      });
      Map<String, FacilityStats> facilities = new HashMap<>();
      facilityClaims.forEach((code, n) -> {
        double[] r = facilityRatios.getOrDefault(code, new double[] {0, 0});
        long[] v = facilityReviews.getOrDefault(code, new long[2]);
        String level = String.valueOf(levelOf.apply(code));
        double peerLines = (double) levelLines.get(level)[0] / levelClaims.get(level)[0];
        double ownLines = (facilityLines.get(code)[0] + SMOOTHING_CLAIMS * peerLines) / (n[0] + SMOOTHING_CLAIMS);
        facilities.put(code, new FacilityStats(n[0], r[1] == 0 ? 1 : r[0] / r[1],
            (v[1] + SMOOTHING_LINES * schemeRate) / (v[0] + SMOOTHING_LINES), ownLines / peerLines));
      });
      Map<String, Double> codeLift = new HashMap<>();
      facilityCodeClaims.forEach((key, n) -> {
        int bar = key.indexOf('|');
        String facility = key.substring(0, bar);
        String level = String.valueOf(levelOf.apply(facility));
        double peerShare = (double) levelCodeClaims.get(level + key.substring(bar))[0] / levelClaims.get(level)[0];
        double ownShare = (n[0] + SMOOTHING_CLAIMS * peerShare) / (facilityClaims.get(facility)[0] + SMOOTHING_CLAIMS);
        double lift = ownShare / peerShare;
        if (lift < 0.9 || lift > 1.1) {
          codeLift.put(key, lift);
        }
      });
      Map<String, Double> meanQuantity = new HashMap<>();
      Map<String, Integer> codeLines = new HashMap<>();
      quantities.forEach((key, q) -> {
        meanQuantity.put(key, q[0] / q[1]);
        codeLines.put(key, (int) q[1]);
      });
      return new ReferenceStats(facilities, meanQuantity, codeLines, chapters, pairs, lines, codeLift);
    }
  }
}

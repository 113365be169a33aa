package io.arbiter.simulate;

import io.arbiter.demo.DemoScheme;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of the {@link ClaimSimulator}, in the Vert.x style: a mutable bean with fluent setters,
 * copied by the simulator so that later changes do not affect a run. Not thread-safe. Shares and
 * rates are probabilities in [0, 1].
 */
public final class SimulatorOptions {
  private long seed = DemoScheme.DEFAULT_SEED;
  private long claims = 10_000;
  private int insurees;
  private YearMonth startMonth = YearMonth.of(2026, 1);
  private int months = 12;
  private double reviewShare = 0.15;
  private double targetedReview = 0.5;
  private double catchRate = 0.85;
  private double normalAdjustRate = 0.03;
  private double labelNoise = 0.01;
  private int badFacilities = 2;
  private final Map<String, Double> abuseShares = new LinkedHashMap<>();

  /** Defaults: seed 2026, 10,000 claims over 2026, 15 % reviewed, abuse in about 6 % of lines. */
  public SimulatorOptions() {
    abuseShares.put(AbusePatterns.INFLATED_QUANTITY, 0.03);
    abuseShares.put(AbusePatterns.UPCODING, 0.03);
    abuseShares.put(AbusePatterns.JUST_OUTSIDE_FREQUENCY, 0.02);
    abuseShares.put(AbusePatterns.UNBUNDLING, 0.005);
    abuseShares.put(AbusePatterns.PRICE_ABOVE_LIST, 0.03);
    abuseShares.put(AbusePatterns.IMPLAUSIBLE_FOR_DIAGNOSIS, 0.02);
    abuseShares.put(AbusePatterns.FAMILY_BURST, 0.002);
    abuseShares.put(AbusePatterns.PADDED_VISITS, 0.02);
    abuseShares.put(AbusePatterns.RESUBMITTED_CLAIM, 0.01);
  }

  /** A copy of {@code other}. */
  public SimulatorOptions(SimulatorOptions other) {
    this.seed = other.seed;
    this.claims = other.claims;
    this.insurees = other.insurees;
    this.startMonth = other.startMonth;
    this.months = other.months;
    this.reviewShare = other.reviewShare;
    this.targetedReview = other.targetedReview;
    this.catchRate = other.catchRate;
    this.normalAdjustRate = other.normalAdjustRate;
    this.labelNoise = other.labelNoise;
    this.badFacilities = other.badFacilities;
    this.abuseShares.putAll(other.abuseShares);
  }

  /** Seed of everything drawn: population, claims, abuse, reviews. The same options give the same file. */
  public long getSeed() {
    return seed;
  }

  public SimulatorOptions setSeed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Number of claims written (planted claims included); lines are about 3.5 per claim. */
  public long getClaims() {
    return claims;
  }

  /** @throws IllegalArgumentException if {@code claims} is less than 1 */
  public SimulatorOptions setClaims(long claims) {
    if (claims < 1) {
      throw new IllegalArgumentException("claims must be at least 1, was " + claims);
    }
    this.claims = claims;
    return this;
  }

  /**
   * Insurees of the demo population; 0 (the default) means max(3000, claims ÷ 3), about three
   * claims per insuree and year, so that utilisation stays plausible at any scale.
   */
  public int getInsurees() {
    return insurees;
  }

  /** @throws IllegalArgumentException if {@code insurees} is negative */
  public SimulatorOptions setInsurees(int insurees) {
    if (insurees < 0) {
      throw new IllegalArgumentException("insurees must not be negative, was " + insurees);
    }
    this.insurees = insurees;
    return this;
  }

  /** The insurees actually generated: {@link #getInsurees()}, or the default for the claims. */
  public int effectiveInsurees() {
    return insurees > 0 ? insurees : (int) Math.min(Integer.MAX_VALUE, Math.max(3000, claims / 3));
  }

  /**
   * First month of care. The demo population's policies cover calendar 2026, so care outside 2026
   * is mostly rejected by the rules (and then never labelled).
   */
  public YearMonth getStartMonth() {
    return startMonth;
  }

  public SimulatorOptions setStartMonth(YearMonth startMonth) {
    this.startMonth = java.util.Objects.requireNonNull(startMonth, "startMonth");
    return this;
  }

  /** Months the dates of care are spread over, evenly. */
  public int getMonths() {
    return months;
  }

  /** @throws IllegalArgumentException if {@code months} is less than 1 */
  public SimulatorOptions setMonths(int months) {
    if (months < 1) {
      throw new IllegalArgumentException("months must be at least 1, was " + months);
    }
    this.months = months;
    return this;
  }

  /** Share of checked claims a reviewer reviews (expected; capped where targeting would exceed 1). */
  public double getReviewShare() {
    return reviewShare;
  }

  public SimulatorOptions setReviewShare(double reviewShare) {
    this.reviewShare = probability("reviewShare", reviewShare);
    return this;
  }

  /** Share of the review effort spent on the costliest fifth of claims; the rest is random. */
  public double getTargetedReview() {
    return targetedReview;
  }

  public SimulatorOptions setTargetedReview(double targetedReview) {
    this.targetedReview = probability("targetedReview", targetedReview);
    return this;
  }

  /** Chance that a reviewer adjusts or rejects an abused line the rules passed. */
  public double getCatchRate() {
    return catchRate;
  }

  public SimulatorOptions setCatchRate(double catchRate) {
    this.catchRate = probability("catchRate", catchRate);
    return this;
  }

  /** Chance that a reviewer adjusts a normal line all the same. */
  public double getNormalAdjustRate() {
    return normalAdjustRate;
  }

  public SimulatorOptions setNormalAdjustRate(double normalAdjustRate) {
    this.normalAdjustRate = probability("normalAdjustRate", normalAdjustRate);
    return this;
  }

  /** Chance that a reviewed line's label is flipped after the reviewer decided (clerical noise). */
  public double getLabelNoise() {
    return labelNoise;
  }

  public SimulatorOptions setLabelNoise(double labelNoise) {
    this.labelNoise = probability("labelNoise", labelNoise);
    return this;
  }

  /** How many facilities inflate quantities (drawn from the seed). */
  public int getBadFacilities() {
    return badFacilities;
  }

  /** @throws IllegalArgumentException if negative */
  public SimulatorOptions setBadFacilities(int badFacilities) {
    if (badFacilities < 0) {
      throw new IllegalArgumentException("badFacilities must not be negative, was " + badFacilities);
    }
    this.badFacilities = badFacilities;
    return this;
  }

  /**
   * Per pattern of {@link AbusePatterns}, the chance that a generated claim carries it: the claim
   * is altered (or, for {@link AbusePatterns#JUST_OUTSIDE_FREQUENCY}, {@link AbusePatterns#UNBUNDLING}
   * and {@link AbusePatterns#FAMILY_BURST}, replaced by the planted claim or burst). An unmodifiable view.
   */
  public Map<String, Double> getAbuseShares() {
    return java.util.Collections.unmodifiableMap(abuseShares);
  }

  /** @throws IllegalArgumentException for an unknown pattern or a share outside [0, 1] */
  public SimulatorOptions setAbuseShare(String pattern, double share) {
    if (!AbusePatterns.ALL.contains(pattern)) {
      throw new IllegalArgumentException("unknown abuse pattern " + pattern + "; known: " + AbusePatterns.ALL);
    }
    abuseShares.put(pattern, probability(pattern, share));
    return this;
  }

  /** Sets every pattern's share to 0: normal claims only. */
  public SimulatorOptions withoutAbuse() {
    abuseShares.replaceAll((k, v) -> 0.0);
    return this;
  }

  private static double probability(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, was " + p);
    }
    return p;
  }
}

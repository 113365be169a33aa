package io.arbiter.training;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Options of {@link Trainer#train}: where outputs go, which algorithm, how the time-based split and
 * the review budget are set. Setters validate and return this; not thread-safe.
 */
public final class TrainingOptions {
  /** The model families that export to ONNX. */
  public enum Algorithm {
    /** Logistic regression trained by SGD (AdaGrad) on the log loss. */
    LR("lr", "logistic-regression"),
    /** Factorization machine (pairwise interactions of rank {@link #getFactors()}) on the log loss. */
    FM("fm", "factorization-machine");

    private final String shortName;
    private final String cardName;

    Algorithm(String shortName, String cardName) {
      this.shortName = shortName;
      this.cardName = cardName;
    }

    /** {@code lr} or {@code fm}: the prefix of a model id and the CLI's name. */
    public String shortName() {
      return shortName;
    }

    /** The model card's {@code algorithm}. */
    public String cardName() {
      return cardName;
    }

    /**
     * @throws IllegalArgumentException for a name other than lr or fm (any case)
     */
    public static Algorithm of(String name) {
      for (Algorithm a : values()) {
        if (a.shortName.equals(name.toLowerCase(Locale.ROOT))) {
          return a;
        }
      }
      throw new IllegalArgumentException("algorithm must be lr or fm, was " + name);
    }
  }

  private Path out;
  private Algorithm algorithm = Algorithm.LR;
  private double holdoutShare = 0.25;
  private double calibrationShare = 0.2;
  private double reviewBudget = 0.05;
  private long seed = 1L;
  private int epochs = 8;
  private int factors = 6;
  private Clock clock = Clock.systemUTC();
  private Set<String> leftOutPatterns = Set.of();
  private double anomalyWeight = 1;

  public Path getOut() {
    return out;
  }

  /** The directory the model and its files are written to (created if missing). Required. */
  public TrainingOptions setOut(Path out) {
    this.out = Objects.requireNonNull(out, "out");
    return this;
  }

  public Algorithm getAlgorithm() {
    return algorithm;
  }

  /** The model family; {@link Algorithm#LR} by default. */
  public TrainingOptions setAlgorithm(Algorithm algorithm) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    return this;
  }

  public double getHoldoutShare() {
    return holdoutShare;
  }

  /**
   * The share of labelled claims, the latest by claim date, held out for evaluation and for
   * choosing the review threshold; 0.25 by default. A day is never split: every claim of the
   * first holdout day is in the holdout.
   *
   * @throws IllegalArgumentException unless strictly between 0 and 0.9
   */
  public TrainingOptions setHoldoutShare(double share) {
    this.holdoutShare = share(share, "holdout share");
    return this;
  }

  public double getCalibrationShare() {
    return calibrationShare;
  }

  /**
   * The share of the training period's labelled claims, the latest by date, kept out of the fit to
   * fit the Platt calibration on; 0.2 by default.
   *
   * @throws IllegalArgumentException unless strictly between 0 and 0.9
   */
  public TrainingOptions setCalibrationShare(double share) {
    this.calibrationShare = share(share, "calibration share");
    return this;
  }

  public double getReviewBudget() {
    return reviewBudget;
  }

  /**
   * The share of claims the review threshold should select on the holdout; 0.05 by default.
   *
   * @throws IllegalArgumentException unless strictly between 0 and 0.9
   */
  public TrainingOptions setReviewBudget(double budget) {
    this.reviewBudget = share(budget, "review budget");
    return this;
  }

  public long getSeed() {
    return seed;
  }

  /** Seed of the SGD's shuffling and initialisation: the same file and options give the same model. */
  public TrainingOptions setSeed(long seed) {
    this.seed = seed;
    return this;
  }

  public int getEpochs() {
    return epochs;
  }

  /** Passes of SGD over the training rows; 8 by default. */
  public TrainingOptions setEpochs(int epochs) {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, was " + epochs);
    }
    this.epochs = epochs;
    return this;
  }

  public int getFactors() {
    return factors;
  }

  /** Rank of a factorization machine's interactions; 6 by default. Ignored for LR. */
  public TrainingOptions setFactors(int factors) {
    if (factors < 1) {
      throw new IllegalArgumentException("factors must be at least 1, was " + factors);
    }
    this.factors = factors;
    return this;
  }

  public Set<String> getLeftOutPatterns() {
    return leftOutPatterns;
  }

  /**
   * Planted patterns (the simulator's truth) the model must not learn from: claims carrying one are
   * kept out of the fit, the calibration and the reference stats' adjusted rates, and stay in the
   * holdout, where the report measures how the model does on abuse nobody labelled. Empty by default.
   */
  public TrainingOptions setLeftOutPatterns(Set<String> patterns) {
    this.leftOutPatterns = Set.copyOf(patterns);
    return this;
  }

  public double getAnomalyWeight() {
    return anomalyWeight;
  }

  /**
   * The card's {@code anomalyWeight}: how much of a line's unsupervised {@link io.arbiter.scoring.Anomaly}
   * enters its value at stake (docs/scoring.md). 1 by default (the anomaly read as the excess share
   * it measures); 0 ranks by the model alone. Between 0 and 1.
   */
  public TrainingOptions setAnomalyWeight(double weight) {
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException("anomaly weight must be between 0 and 1, was " + weight);
    }
    this.anomalyWeight = weight;
    return this;
  }

  public Clock getClock() {
    return clock;
  }

  /** Gives the card's {@code createdAt} and the date in its id; UTC system time by default. */
  public TrainingOptions setClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  private static double share(double value, String what) {
    if (!(value > 0 && value < 0.9)) {
      throw new IllegalArgumentException(what + " must be between 0 and 0.9, was " + value);
    }
    return value;
  }
}

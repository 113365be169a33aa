package io.arbiter.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.arbiter.json.Json;
import io.arbiter.scoring.Anomaly;
import io.arbiter.scoring.ModelCard;
import io.arbiter.scoring.ReferenceStats;
import io.arbiter.scoring.Stake;
import io.arbiter.scoring.TrainingRecord;
import io.arbiter.scoring.onnx.OnnxException;
import io.arbiter.scoring.onnx.OnnxRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

/*
 * Why one class for the training report and `arbiter evaluate`: a data scientist compares a
 * candidate with the active model on the figures the training run printed; if the two computed
 * them differently the comparison would mean nothing. Both build an Evaluation.Claims from
 * LabelledData and call evaluate().
 */

/**
 * The yardstick of a risk model on reviewed claims: for review budgets of
 * {@link #BUDGETS} of the claims, the share of the adjusted value, of the adjusted lines and of the
 * adjusted claims found in the top ceil(budget · n) claims by the service's ranking (value at
 * stake) and by baselines — random (expected, and one seeded draw), highest approved, highest
 * claimed — each with a bootstrap 95 % interval (claims resampled with replacement); the same per
 * planted pattern when the data carry the simulator's truth; and calibration of the line
 * probabilities, with the bins' counts. Pure and deterministic for given inputs.
 */
public final class Evaluation {
  /** Review budgets, as shares of the claims. */
  static final double[] BUDGETS = {0.01, 0.02, 0.05, 0.10};
  static final int BOOTSTRAP = 200;
  static final long SEED = 16;
  static final String SERVICE = "service";
  static final String RANDOM = "random";
  static final String RANDOM_DRAWN = "randomDrawn";
  static final String HIGHEST_APPROVED = "highestApproved";
  static final String HIGHEST_CLAIMED = "highestClaimed";

  private Evaluation() {}

  /**
   * What is evaluated, per claim and per line.
   *
   * @param valueAtStake per claim, the service's ranking key
   * @param claimed per claim, the amount claimed
   * @param approved per claim, Σ approved value of its labelled lines
   * @param lineClaim per labelled line, its claim's index
   * @param probability per line, the calibrated probability
   * @param label per line, a payable adjustment
   * @param adjusted per line, the value the reviewer took off
   * @param pattern per line, the planted pattern; null without truth
   * @param leftOut patterns the model was trained without
   */
  public record Claims(double[] valueAtStake, double[] claimed, double[] approved, int[] lineClaim, double[] probability,
      boolean[] label, double[] adjusted, String[] pattern, Set<String> leftOut) {}

  /** A 95 % bootstrap interval (2.5th and 97.5th percentiles). */
  public record Interval(double low, double high) {}

  /**
   * What one ranking finds within a budget.
   *
   * @param valueShare adjusted value in the top claims ÷ all adjusted value
   * @param lineShare payable adjusted lines in the top claims ÷ all of them
   * @param claimShare claims with a payable adjustment in the top claims ÷ all of them
   * @param timesRandom valueShare ÷ the budget's expected random share
   */
  public record Share(double valueShare, Interval valueInterval, double lineShare, Interval lineInterval,
      double claimShare, Interval claimInterval, double timesRandom) {}

  /** One budget: its share of claims, how many claims it reviews, and each ranking's finds. */
  public record Budget(double budget, int claims, Map<String, Share> rankings) {}

  /** What the service's ranking finds of one planted pattern's value within a budget. */
  public record PatternBudget(double budget, double valueShare, Interval valueInterval, double randomShare,
      double timesRandom) {}

  /**
   * One planted pattern.
   *
   * @param leftOut whether the model was trained without it (measures generalisation)
   * @param claims claims in which a reviewer cut some line of the pattern
   * @param lines labelled lines planted with the pattern
   */
  public record Pattern(String pattern, boolean leftOut, int claims, int lines, double adjustedValue,
      List<PatternBudget> budgets) {}

  /** A calibration bin: its probability range, line count, mean probability and observed rate. */
  public record Bin(double low, double high, int count, double meanProbability, double observedRate) {}

  /** Calibration and discrimination of the line probabilities. */
  public record Calibration(int lines, double positiveRate, double auc, double averagePrecision, double brier,
      double logLoss, double eceEqualWidth, double eceEqualMass, List<Bin> equalWidth, List<Bin> equalMass) {}

  /** The whole yardstick: what {@code arbiter evaluate --json} prints. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Report(String model, int claims, int lines, double adjustedValue, List<Budget> budgets,
      List<Pattern> patterns, Calibration calibration) {

    /** The budget of this share; null when not evaluated. */
    Budget at(double budget) {
      return budgets.stream().filter(b -> b.budget() == budget).findFirst().orElse(null);
    }
  }

  /**
   * The claims of some labelled lines (in file order) with the probabilities a model gave them:
   * each claim's value at stake is Σ over those lines of
   * {@link Stake#valueAtStake}(p, cutShare(p), anomalyWeight × {@link Anomaly#of}(row), approved
   * value), as serving computes it.
   */
  static Claims claims(LabelledData data, int[] lines, double[] p, java.util.function.DoubleUnaryOperator cutShare,
      double anomalyWeight, Set<String> leftOut) {
    Map<Integer, Integer> index = new LinkedHashMap<>();
    int[] lineClaim = new int[lines.length];
    for (int k = 0; k < lines.length; k++) {
      lineClaim[k] = index.computeIfAbsent(data.claimOf[lines[k]], x -> index.size());
    }
    int n = index.size();
    double[] valueAtStake = new double[n];
    double[] approved = new double[n];
    double[] claimed = new double[n];
    index.forEach((claim, at) -> claimed[at] = data.claims.get(claim).claimed());
    boolean[] label = new boolean[lines.length];
    double[] adjusted = new double[lines.length];
    String[] pattern = new String[lines.length];
    for (int k = 0; k < lines.length; k++) {
      int line = lines[k];
      valueAtStake[lineClaim[k]] += Stake.valueAtStake(p[k], cutShare.applyAsDouble(p[k]),
          anomalyWeight * Anomaly.of(data.rows[line]), data.approved[line]);
      approved[lineClaim[k]] += data.approved[line];
      label[k] = data.labels[line];
      adjusted[k] = data.adjusted[line];
      pattern[k] = data.pattern[line];
    }
    return new Claims(valueAtStake, claimed, approved, lineClaim, p, label, adjusted, pattern, leftOut);
  }

  /**
   * Evaluates a model folder ({@code model.onnx}, {@code model-card.json},
   * {@code reference-stats.json}) on the reviewed claims of a training file, features computed with
   * the model's own reference stats, probabilities through ONNX Runtime and the card's calibration,
   * value at stake with the card's cut share: what the service would have ranked.
   *
   * @param from the first claim date evaluated; null for the model's holdout when the file is the
   *     one it was trained on (same SHA-256), else every reviewed claim
   * @throws IOException when a file cannot be read or the model cannot run
   * @throws IllegalArgumentException when the file has no reviewed claim to evaluate
   */
  public static Report evaluate(Path modelDir, Path data, LocalDate from) throws IOException {
    ModelCard card = Json.mapper().readValue(modelDir.resolve("model-card.json").toFile(), ModelCard.class);
    ReferenceStats stats = Json.mapper().readValue(modelDir.resolve("reference-stats.json").toFile(),
        ReferenceStats.class);
    ModelCard.TrainingDataSummary trained = card.trainingData();
    LocalDate start = from;
    if (start == null && trained != null && LabelledData.sha256(data).equals(trained.sha256())) {
      start = LocalDate.parse(trained.holdoutFrom());
    }
    LabelledData labelled = LabelledData.forModel(data, stats, start);
    double[] p;
    try (OnnxRunner runner = new OnnxRunner(modelDir.resolve("model.onnx"))) {
      float[][] out = runner.run(labelled.rows);
      int positive = card.outputColumns().get(ModelCard.POSITIVE_LABEL);
      p = new double[out.length];
      for (int i = 0; i < out.length; i++) {
        p[i] = card.calibration().apply(out[i][positive]);
      }
    } catch (OnnxException e) {
      throw new IOException("cannot run " + modelDir.resolve("model.onnx") + ": " + e.getMessage(), e);
    }
    Set<String> leftOut = trained == null || trained.leftOutPatterns() == null ? Set.of()
        : Set.copyOf(trained.leftOutPatterns());
    int[] lines = IntStream.range(0, labelled.rows.length).toArray();
    return evaluate(card.id(), claims(labelled, lines, p,
        q -> card.expectedCutShare() == null ? 1 : card.cutShareAt(q), card.anomalyWeightOrZero(), leftOut));
  }

  /** Evaluates {@code c}; {@code model} names the model in the report. */
  public static Report evaluate(String model, Claims c) {
    int n = c.valueAtStake().length;
    double[] value = new double[n];
    double[] lines = new double[n];
    double[] hit = new double[n];
    for (int i = 0; i < c.lineClaim().length; i++) {
      int claim = c.lineClaim()[i];
      value[claim] += c.adjusted()[i];
      lines[claim] += c.label()[i] ? 1 : 0;
      hit[claim] = Math.max(hit[claim], c.label()[i] ? 1 : 0);
    }
    Map<String, int[]> positions = new LinkedHashMap<>();
    positions.put(SERVICE, positions(c.valueAtStake()));
    positions.put(HIGHEST_APPROVED, positions(c.approved()));
    positions.put(HIGHEST_CLAIMED, positions(c.claimed()));
    positions.put(RANDOM_DRAWN, positions(new SplittableRandom(SEED).doubles(n).toArray()));
    double[][] targets = {value, lines, hit};

    List<Budget> budgets = new ArrayList<>();
    for (double budget : BUDGETS) {
      int k = take(budget, n);
      double random = (double) k / n;
      Interval point = new Interval(random, random);
      Map<String, Share> rankings = new LinkedHashMap<>();
      for (String name : List.of(SERVICE, RANDOM, RANDOM_DRAWN, HIGHEST_APPROVED, HIGHEST_CLAIMED)) {
        if (name.equals(RANDOM)) {
          rankings.put(RANDOM, new Share(random, point, random, point, random, point, 1));
          continue;
        }
        Found[] found = new Found[targets.length];
        for (int t = 0; t < targets.length; t++) {
          found[t] = found(positions.get(name), targets[t], k);
        }
        rankings.put(name, new Share(found[0].share(), found[0].interval(), found[1].share(), found[1].interval(),
            found[2].share(), found[2].interval(), found[0].share() / random));
      }
      budgets.add(new Budget(budget, k, rankings));
    }
    double total = Arrays.stream(value).sum();
    return new Report(model, n, c.lineClaim().length, total, budgets, patterns(c, positions.get(SERVICE)),
        CalibrationBins.calibration(c.probability(), c.label()));
  }

  private static List<Pattern> patterns(Claims c, int[] service) {
    int n = service.length;
    Map<String, double[]> valueByPattern = new TreeMap<>();
    Map<String, int[]> linesByPattern = new TreeMap<>();
    for (int i = 0; i < c.lineClaim().length; i++) {
      String p = c.pattern()[i];
      if (p == null || TrainingRecord.NORMAL.equals(p)) {
        continue;
      }
      valueByPattern.computeIfAbsent(p, x -> new double[n])[c.lineClaim()[i]] += c.adjusted()[i];
      linesByPattern.computeIfAbsent(p, x -> new int[1])[0]++;
    }
    List<Pattern> patterns = new ArrayList<>();
    valueByPattern.forEach((name, value) -> {
      List<PatternBudget> budgets = new ArrayList<>();
      for (double budget : BUDGETS) {
        int k = take(budget, n);
        double random = (double) k / n;
        Found found = found(service, value, k);
        budgets.add(new PatternBudget(budget, found.share(), found.interval(), random, found.share() / random));
      }
      int claims = (int) Arrays.stream(value).filter(v -> v > 0).count();
      patterns.add(new Pattern(name, c.leftOut().contains(name), claims, linesByPattern.get(name)[0],
          Arrays.stream(value).sum(), budgets));
    });
    return patterns;
  }

  /** A share found by a ranking and its bootstrap interval. */
  private record Found(double share, Interval interval) {}

  /**
   * The share of {@code target} in a ranking's top k claims, and its 95 % interval over
   * {@value #BOOTSTRAP} resamples of the claims. The resamples are drawn from the same seed for
   * every ranking and target, so rankings are compared on the same resampled sets.
   */
  private static Found found(int[] position, double[] target, int k) {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    int[] counts = new int[position.length];
    double[] samples = new double[BOOTSTRAP];
    for (int b = 0; b < BOOTSTRAP; b++) {
      resample(random, counts);
      samples[b] = share(position, target, counts, k);
    }
    return new Found(share(position, target, null, k), interval(samples));
  }

  /** The number of claims a budget reviews: ceil(budget · n), at least 1. */
  static int take(double budget, int n) {
    return Math.max(1, (int) Math.ceil(budget * n - 1e-9));
  }

  /**
   * Per claim, its position in the ranking by key, highest first; ties keep claim order, so the
   * service and the baselines are judged the same way.
   */
  static int[] positions(double[] key) {
    Integer[] order = IntStream.range(0, key.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, (i, j) -> Double.compare(key[j], key[i]));
    int[] rank = new int[key.length];
    for (int r = 0; r < order.length; r++) {
      rank[order[r]] = r;
    }
    return rank;
  }

  /**
   * The share of {@code target} in the top k claims of a ranking, each claim counted
   * {@code counts[i]} times (a bootstrap resample; null: once each).
   */
  static double share(int[] position, double[] target, int[] counts, int k) {
    int n = position.length;
    int[] byPosition = new int[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      int times = counts == null ? 1 : counts[i];
      byPosition[position[i]] = i;
      total += times * target[i];
    }
    if (total == 0) {
      return 0;
    }
    double found = 0;
    int taken = 0;
    for (int r = 0; r < n && taken < k; r++) {
      int i = byPosition[r];
      int times = Math.min(counts == null ? 1 : counts[i], k - taken);
      found += times * target[i];
      taken += times;
    }
    return found / total;
  }

  private static void resample(SplittableRandom random, int[] counts) {
    Arrays.fill(counts, 0);
    for (int i = 0; i < counts.length; i++) {
      counts[random.nextInt(counts.length)]++;
    }
  }

  private static Interval interval(double[] samples) {
    double[] sorted = samples.clone();
    Arrays.sort(sorted);
    return new Interval(percentile(sorted, 0.025), percentile(sorted, 0.975));
  }

  /** Linear interpolation between order statistics (the "R-7" definition). */
  static double percentile(double[] sorted, double q) {
    double at = q * (sorted.length - 1);
    int lo = (int) Math.floor(at);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
  }
}

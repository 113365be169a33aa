package io.arbiter.scoring.onnx;

import io.arbiter.claim.ClaimRisk;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineRisk;
import io.arbiter.scoring.Anomaly;
import io.arbiter.scoring.ClaimContext;
import io.arbiter.scoring.FeatureExtractor;
import io.arbiter.scoring.ModelCard;
import io.arbiter.scoring.Reasons;
import io.arbiter.scoring.RiskScorer;
import io.arbiter.scoring.ScoredClaim;
import io.arbiter.scoring.Stake;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RiskScorer} over a registry's active model (and its shadow, recorded only).
 *
 * <p>Each passed line gets the active model's calibrated probability and up to three
 * {@link Reasons}; lines the rules rejected get none. The claim score, value at stake and band are
 * a {@link Stake} over the passed lines (score 0 when none). The lines of concurrent claims are
 * scored in shared ORT calls (see {@code Batcher}). With no active model {@link #score} returns
 * null: claims carry no risk.
 *
 * <p>Thread-safe. Blocks (ORT): never call on an event loop.
 */
public final class OnnxRiskScorer implements RiskScorer, MeterBinder {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxRiskScorer.class);
  private static final long TIMEOUT_SECONDS = 10;

  private final ActiveModels models;
  private final Batcher batcher;

  OnnxRiskScorer(ActiveModels models, boolean batchWait) {
    this.models = models;
    this.batcher = new Batcher(batchWait);
  }

  /**
   * Scores the claim with the active model (and the shadow one beside it, recorded only).
   *
   * @return null when no model is active (the claim carries no risk)
   * @throws IllegalStateException when the active model fails or times out; the Arbiter then
   *     records the claim unscored
   */
  @Override
  public ScoredClaim score(ClaimContext context) {
    boolean announced = true;
    batcher.arriving();
    try {
      LoadedModel active = models.acquireActive();
      if (active == null) {
        return null;
      }
      LoadedModel shadow = models.acquireShadow();
      try {
        List<LineDecision> lines = FeatureExtractor.lines(context.decision());
        float[][] rows = active.model().extractor().extract(context);
        int[] passed = passed(lines);
        CompletableFuture<float[]> main = passed.length == 0 ? null
            : batcher.submit(active, rowsOf(rows, passed), passed.length, passed.length);
        CompletableFuture<float[]> candidate = null;
        float[][] shadowRows = null;
        if (shadow != null && passed.length > 0) {
          shadowRows = rowsOf(shadow.model().extractor().extract(context), passed);
          candidate = batcher.submit(shadow, shadowRows, passed.length, passed.length);
        }
        batcher.arrived();
        announced = false;
        float[] raw = main == null ? new float[0] : await(main, active.id());
        float[] shadowRaw = candidate == null ? null : awaitShadow(candidate, shadow.id());
        return scored(active, shadow, lines, rows, passed, raw, shadowRaw == null ? null : new Shadowed(shadowRaw,
            shadowRows));
      } finally {
        active.release();
        if (shadow != null) {
          shadow.release();
        }
      }
    } finally {
      if (announced) {
        batcher.arrived();
      }
    }
  }

  @Override
  public String modelVersion() {
    LoadedModel a = models.activeModel();
    return a == null ? null : a.id();
  }

  private static float[][] rowsOf(float[][] rows, int[] passed) {
    float[][] selected = new float[passed.length][];
    for (int i = 0; i < passed.length; i++) {
      selected[i] = rows[passed[i]];
    }
    return selected;
  }

  private static int[] passed(List<LineDecision> lines) {
    return IntStream.range(0, lines.size()).filter(i -> !lines.get(i).rejectionReason().rejects()).toArray();
  }

  /** The shadow model's raw probabilities and its own feature rows, per passed line. */
  private record Shadowed(float[] raw, float[][] rows) {}

  private static ScoredClaim scored(LoadedModel active, LoadedModel shadow, List<LineDecision> lines, float[][] rows,
      int[] passed, float[] raw, Shadowed shadowed) {
    ModelCard card = active.model().card();
    LineRisk[] risks = new LineRisk[lines.size()];
    Stake stake = new Stake(card);
    Stake shadowStake = shadowed == null ? null : new Stake(shadow.model().card());
    for (int i = 0; i < passed.length; i++) {
      LineDecision line = lines.get(passed[i]);
      float[] row = rows[passed[i]];
      double p = stake.add(raw[i], line, row);
      Double sp = shadowStake == null ? null : shadowStake.add(shadowed.raw()[i], line, shadowed.rows()[i]);
      List<String> reasons = Reasons.of(active.model().slopes(), active.model().baseline(), row);
      risks[passed[i]] = new LineRisk(p, card.anomalyWeightOrZero() > 0 ? Anomaly.withReason(reasons, row) : reasons, sp);
    }
    ClaimRisk.Shadow shadowRisk = shadowStake == null ? null
        : new ClaimRisk.Shadow(shadow.id(), shadowStake.score(), shadowStake.value(), shadowStake.band());
    active.drift().recordScore(stake.score());
    ClaimRisk risk = new ClaimRisk(stake.band(), stake.score(), stake.value(), card.id(), null, shadowRisk);
    int items = items(lines);
    return new ScoredClaim(risk, Arrays.asList(risks).subList(0, items), Arrays.asList(risks).subList(items, risks.length));
  }

  /** Lines are items then services; the first service line's index. */
  private static int items(List<LineDecision> lines) {
    int items = 0;
    while (items < lines.size() && lines.get(items).itemCode() != null) {
      items++;
    }
    return items;
  }

  private static float[] awaitShadow(CompletableFuture<float[]> result, String model) {
    try {
      return await(result, model);
    } catch (RuntimeException e) {
      LOG.warn("shadow model {} failed: {}", model, e.getMessage());
      return null;
    }
  }

  private static float[] await(CompletableFuture<float[]> result, String model) {
    try {
      return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("model " + model + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("model " + model + " did not answer within " + TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scoring with model " + model, e);
    }
  }

  /** ORT calls made and rows scored since the scorer started: {calls, rows}; for measurements. */
  public long[] batchStatistics() {
    return new long[] {batcher.calls.sum(), batcher.rowsScored.sum()};
  }

  /**
   * Registers {@code arbiter_scoring_batch_rows}, the rows of each ONNX Runtime call (how well
   * concurrent claims share calls), and {@code arbiter_scoring_calls_total}. Call once per scorer.
   */
  @Override
  public void bindTo(MeterRegistry meters) {
    DistributionSummary rows = DistributionSummary.builder("arbiter.scoring.batch").baseUnit("rows")
        .description("Rows scored by one ONNX Runtime call")
        .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, Batcher.MAX_ROWS)
        .register(meters);
    FunctionCounter.builder("arbiter.scoring.calls", batcher.calls, LongAdder::sum)
        .description("ONNX Runtime calls made").register(meters);
    batcher.onBatch = rows::record;
  }

  /** Stops the scoring thread; later calls fail. */
  void close() {
    batcher.close();
  }
}

package io.arbiter.engine;

import io.arbiter.claim.ReviewStatus;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ReviewSelection;
import io.arbiter.review.BatchClaim;
import io.arbiter.review.BatchRequest;
import io.arbiter.review.BatchSummary;
import io.arbiter.review.SamplingBatch;
import io.arbiter.review.SamplingReport;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.store.StoredClaim;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Sampling batches of an {@link Arbiter} ({@code arbiter.sampling()}): draw a batch, read it, its
 * claims and its report, and extrapolate its reviews to the claims not drawn (docs/adjudication.md §8).
 * Thread-safe; methods block. Every method that refuses a request throws {@link ArbiterException}
 * and changes nothing.
 */
public final class SamplingBatches {
  /** The largest list {@link #recent} gives. */
  public static final int MAX_BATCH_LIST_SIZE = 100;

  private final EngineState state;
  private final ReviewMarks marks;
  private final ClaimChanges changes;

  SamplingBatches(EngineState state, ReviewMarks marks, ClaimChanges changes) {
    this.state = state;
    this.marks = marks;
    this.changes = changes;
  }

  /**
   * Draws a sampling batch (docs/adjudication.md §8) from the checked claims the filter passes whose review is idle,
   * not selected, or selected by the risk band (not delivered, not in a batch): the drawn claims get review status 4, the skipped ones 2, each with a
   * {@link ReviewSelection} naming the batch.
   *
   * @throws ArbiterException INVALID (percentage outside 1–100, bad rates, no claim matches) or
   *     CONFLICT (some of the claims are in another batch; nothing was drawn)
   */
  public SamplingBatch create(BatchRequest request) {
    SchemeSnapshot snapshot = state.scheme.get();
    ReviewSelector selector = new ReviewSelector(snapshot.settings().reviewSelection());
    List<StoredClaim> set = marks.checked(Sampling.filter(request), ReviewMarks.SAMPLEABLE);
    long seed = request.seed() != null ? request.seed() : ThreadLocalRandom.current().nextLong();
    SamplingBatch batch = Sampling.draw(UUID.randomUUID().toString(), state.clock.instant(), request, set, seed,
        selector);
    Set<String> taken = state.samplingStore().saveBatch(batch);
    if (!taken.isEmpty()) {
      throw ArbiterException.conflict(taken.size() + " of the claims are already in a sampling batch: "
          + taken.stream().limit(20).collect(Collectors.joining(", ")) + (taken.size() > 20 ? ", …" : ""), "/filter");
    }
    Population population = state.population(snapshot);
    Map<String, Claim> claims = set.stream().collect(Collectors.toMap(c -> c.claim().code(), StoredClaim::claim));
    for (SamplingBatch.Member m : batch.claims()) {
      marks.markForReview(population, claims.get(m.code()), new ReviewSelection(selector.version(),
          ReviewSelection.MODE_SAMPLE, m.sampled(), (m.sampled() ? "drawn" : "skipped") + " in stratum "
          + m.stratum() + " with probability " + m.inclusionProbability(), batch.id()), ReviewMarks.SAMPLEABLE);
    }
    return batch;
  }

  /** A sampling batch's latest state, if it exists. */
  public Optional<SamplingBatch> get(String id) {
    return state.store.samplingStore().flatMap(batches -> batches.batch(id));
  }

  /**
   * The most recent sampling batches, newest first, without their claims.
   *
   * @param limit 1 to {@value #MAX_BATCH_LIST_SIZE}
   * @throws IllegalArgumentException when limit is out of range
   */
  public List<BatchSummary> recent(int limit) {
    if (limit < 1 || limit > MAX_BATCH_LIST_SIZE) {
      throw new IllegalArgumentException("limit must be in 1.." + MAX_BATCH_LIST_SIZE + ", was " + limit);
    }
    return state.samplingStore().recentBatches(limit);
  }

  /**
   * A sampling batch's claims, in the batch's order, each with its current status and whether its
   * review is delivered.
   *
   * @throws ArbiterException NOT_FOUND
   */
  public List<BatchClaim> claims(String id) {
    SamplingBatch batch = existingBatch(id);
    Map<String, ClaimDecision> current = currentDecisions(batch);
    return batch.claims().stream().map(m -> BatchClaim.of(m, current.get(m.code()))).toList();
  }

  /**
   * Extrapolates a sampling batch whose drawn claims are all reviewed (docs/adjudication.md §8): ratio = Σ approved /
   * Σ adjusted over the drawn claims (weighted by 1 / inclusion probability, which changes nothing
   * in a plain batch), then every passed line of every skipped claim gets {@code priceApproved} =
   * ratio × ({@code priceAdjusted}, else {@code priceAsked}) and the claim is processed with review
   * status 16 (event {@code extrapolated}). Skipped claims no longer checked and not selected are
   * left as they are and listed as untouched. In the same step every drawn claim still checked (its
   * review delivered and accepted) is processed as it stands (event {@code processed}), so that no
   * claim of the batch stays checked. Claims are taken in the batch's order. Not meant to run twice
   * at once for one batch.
   *
   * @throws ArbiterException NOT_FOUND, CONFLICT (already extrapolated, or drawn claims not yet
   *     reviewed, listed) or INVALID (the drawn claims have nothing adjusted to divide by)
   */
  public SamplingBatch extrapolate(String id) {
    SamplingBatch batch = existingBatch(id);
    if (batch.extrapolation() != null) {
      throw ArbiterException.conflict("sampling batch " + id + " is already extrapolated", "/extrapolation");
    }
    Map<String, ClaimDecision> current = currentDecisions(batch);
    List<String> pending = batch.claims().stream()
        .filter(m -> m.sampled() && current.get(m.code()).reviewStatus() != ReviewStatus.DELIVERED)
        .map(SamplingBatch.Member::code).toList();
    if (!pending.isEmpty()) {
      throw ArbiterException.conflict("the reviews of " + pending.size() + " drawn claims are not delivered: "
          + String.join(", ", pending), "/claims");
    }
    Sampling.Ratio ratio = Sampling.ratio(batch, current);
    if (ratio.adjusted().signum() == 0) {
      throw new ArbiterException(ArbiterException.Kind.INVALID, "the drawn claims have no adjusted amount",
          List.of(Problem.invalid("/claims", "Σ adjusted over the drawn claims is 0; there is no ratio")));
    }
    SamplingBatch result = batch.withExtrapolation(apply(batch, current, ratio.value()));
    state.samplingStore().saveBatch(result);
    return result;
  }

  /** Processes the drawn claims and extrapolates the skipped ones, in the batch's order. */
  private SamplingBatch.Extrapolation apply(SamplingBatch batch, Map<String, ClaimDecision> current, BigDecimal r) {
    SchemeSnapshot snapshot = state.scheme.get();
    Population population = state.population(snapshot);
    List<String> extrapolated = new ArrayList<>();
    List<String> untouched = new ArrayList<>();
    List<String> reviewedProcessed = new ArrayList<>();
    for (SamplingBatch.Member m : batch.claims()) {
      String chfId = current.get(m.code()).chfId();
      boolean done = state.store.inFamily(population.familyKey(chfId),
          tx -> {
            StoredClaim stored = tx.claim(m.code()).orElseThrow();
            ClaimDecision d = stored.decision();
            if (d.status() != ClaimStatus.CHECKED) {
              return false;
            }
            if (m.sampled()) {
              changes.processed(tx, stored, snapshot, population);
              return true;
            }
            if (d.reviewStatus() != ReviewStatus.NOT_SELECTED) {
              return false;
            }
            changes.processed(tx, stored, snapshot, population, extrapolatedLines(d, r),
                ReviewStatus.BYPASSED, "extrapolated");
            return true;
          });
      if (m.sampled()) {
        if (done) {
          reviewedProcessed.add(m.code());
        }
      } else {
        (done ? extrapolated : untouched).add(m.code());
      }
    }
    return new SamplingBatch.Extrapolation(state.clock.instant(), r, extrapolated, untouched, reviewedProcessed);
  }

  /** The claim's lines, each passed one approved at ratio × (adjusted price, else asked price). */
  private static List<LineState> extrapolatedLines(ClaimDecision d, BigDecimal r) {
    List<LineState> lines = Decisions.lines(d);
    for (LineState line : lines) {
      if (line.passed()) {
        line.priceApproved = Money.of(r.multiply(line.priceAdjusted != null ? line.priceAdjusted : line.priceAsked));
      }
    }
    return lines;
  }

  /**
   * What the batch's delivered reviews say of the whole batch and of its unreviewed part (see
   * {@link SamplingReport}), from the claims' current decisions.
   *
   * @throws ArbiterException NOT_FOUND
   */
  public SamplingReport report(String id) {
    SamplingBatch batch = existingBatch(id);
    return Sampling.report(batch, currentDecisions(batch),
        new ReviewSelector(state.scheme.get().settings().reviewSelection()));
  }

  private SamplingBatch existingBatch(String id) {
    return state.store.samplingStore().flatMap(batches -> batches.batch(id)).orElseThrow(() -> new ArbiterException(ArbiterException.Kind.NOT_FOUND,
        "sampling batch " + id + " does not exist", List.of()));
  }

  private Map<String, ClaimDecision> currentDecisions(SamplingBatch batch) {
    Map<String, ClaimDecision> current = new HashMap<>();
    for (SamplingBatch.Member m : batch.claims()) {
      current.put(m.code(), state.store.claim(m.code()).orElseThrow().decision());
    }
    return current;
  }
}

package io.arbiter.scoring.onnx;

import io.arbiter.claim.ClaimRisk;
import io.arbiter.claim.LineRisk;
import io.arbiter.scoring.DriftReport;
import io.arbiter.scoring.ModelCard;
import io.arbiter.scoring.ModelException;
import io.arbiter.scoring.ModelVersion;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The risk models of one directory as the server and the CLI use them: the model files
 * ({@code ModelDirectory}), which version is active or shadow ({@code ActiveModels}), each served
 * version's drift, and the {@link OnnxRiskScorer} the Arbiter scores with ({@link #scorer()}).
 * This class only composes them.
 *
 * <p>Thread-safe: scoring runs concurrently; uploads, activations and shadow changes are
 * serialised. Blocks (ORT, file I/O): never call on an event loop.
 */
public final class ModelRegistry implements AutoCloseable {
  /** Lines (and claims) served before a model without drift-reference.json freezes its reference. */
  public static final int DEFAULT_DRIFT_REFERENCE_ROWS = 10_000;

  private final ModelDirectory directory;
  private final ActiveModels models;
  private final OnnxRiskScorer scorer;

  private ModelRegistry(ModelDirectory directory, ActiveModels models, boolean batchWait) {
    this.directory = directory;
    this.models = models;
    this.scorer = new OnnxRiskScorer(models, batchWait);
  }

  /**
   * Opens the models in {@code dir} (which need not exist yet: it is created on the first upload)
   * and loads the active and shadow models it names. A named model that does not load is logged
   * and left out, so the server runs (unscored) rather than not at all.
   */
  public static ModelRegistry open(Path dir) {
    return open(dir, DEFAULT_DRIFT_REFERENCE_ROWS);
  }

  /** @param driftReferenceRows lines served before a collected drift reference freezes; positive */
  public static ModelRegistry open(Path dir, int driftReferenceRows) {
    return open(dir, driftReferenceRows, true);
  }

  /**
   * @param driftReferenceRows lines served before a collected drift reference freezes; positive
   * @param batchWait whether the scoring thread may wait (at most 1 ms) for callers that are
   *     already extracting features, to score their rows in the same ORT call; true in the other
   *     overloads, false scores whatever is queued at once (for measurements)
   */
  public static ModelRegistry open(Path dir, int driftReferenceRows, boolean batchWait) {
    if (driftReferenceRows <= 0) {
      throw new IllegalArgumentException("driftReferenceRows must be positive, was " + driftReferenceRows);
    }
    ModelDirectory directory = new ModelDirectory(dir, driftReferenceRows);
    return new ModelRegistry(directory, ActiveModels.open(directory), batchWait);
  }

  /** The scorer for the Arbiter: it always scores with the version active when a call starts. */
  public OnnxRiskScorer scorer() {
    return scorer;
  }

  /** The directory of the models. */
  public Path directory() {
    return directory.path();
  }

  /** Every version in the directory, by id. */
  public List<ModelVersion> list() {
    LoadedModel active = models.activeModel();
    LoadedModel shadow = models.shadowModel();
    return directory.list(active == null ? null : active.id(), shadow == null ? null : shadow.id());
  }

  /** The active version; empty when claims are not scored. */
  public Optional<ModelVersion> active() {
    return models.active();
  }

  /** The shadow version; empty when none runs. */
  public Optional<ModelVersion> shadow() {
    return models.shadow();
  }

  /** The active model's drift; empty when no model is active. */
  public Optional<DriftReport> drift() {
    LoadedModel a = models.activeModel();
    return a == null ? Optional.empty() : Optional.of(a.drift().report());
  }

  /**
   * Validates a model and adds it as a new version (not activated). Validation: the card and
   * stats parse; the card's id is a folder name not yet taken; its feature schema equals the
   * extractor's; it has an expected cut share in (0, 1]; its thresholds are amounts ≥ 0
   * (review ≤ reject); the ONNX model loads with input
   * width = schema size and an output column for {@link ModelCard#POSITIVE_LABEL}; and on canary
   * rows (the baseline, all zeros, and 8 seeded perturbations of the baseline) every probability
   * is finite, in [0, 1], and the same (within 1e-6) scored one row at a time as in one batch.
   * Nothing is written unless every check passes; the folder appears by one atomic move.
   *
   * @throws ModelException INVALID naming the offending part ({@code onnx}, {@code card},
   *     {@code card.id}, {@code card.featureSchema}, {@code card.thresholds}, {@code stats}…),
   *     CONFLICT when the id is taken
   * @throws UncheckedIOException when the directory cannot be written
   */
  public synchronized ModelVersion upload(byte[] onnx, byte[] cardJson, byte[] statsJson) {
    return directory.upload(onnx, cardJson, statsJson);
  }

  /**
   * Makes a version the one that scores claims, and records it in {@code ACTIVE}. Calls in flight
   * finish on the previous model, whose session closes once they are done. Activating the shadow
   * model promotes it (no shadow remains).
   *
   * @throws ModelException NOT_FOUND when there is no such version, INVALID when it cannot be served
   */
  public synchronized ModelVersion activate(String id) {
    return models.activate(id);
  }

  /**
   * Runs a version beside the active one: its probabilities and claim score are recorded on each
   * decision ({@link ClaimRisk#shadow()}, {@link LineRisk#shadowProbability()}), never acted on.
   * Replaces any earlier shadow; recorded in {@code SHADOW}.
   *
   * @throws ModelException NOT_FOUND when there is no such version, CONFLICT when it is the
   *     active one, INVALID when it cannot be served
   */
  public synchronized ModelVersion shadow(String id) {
    return models.shadow(id);
  }

  /** Stops the shadow model, if any. @return whether one ran */
  public synchronized boolean clearShadow() {
    return models.clearShadow();
  }

  /** The active model, for tests that break it. */
  LoadedModel activeModel() {
    return models.activeModel();
  }

  /** Stops the scoring thread and closes the sessions once their calls are done. */
  @Override
  public synchronized void close() {
    scorer.close();
    models.close();
  }
}

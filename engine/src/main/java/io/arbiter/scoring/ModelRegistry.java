package io.arbiter.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.arbiter.claim.ClaimRisk;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineRisk;
import io.arbiter.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Why the registry is the scorer: the Arbiter holds one RiskScorer for its lifetime, while models
 * are uploaded, activated and shadowed at run time. The registry delegates each call to whichever
 * model is active when the call starts (reference counted, so a swap never closes a session in use).
 */

/**
 * The risk models in a directory, one folder per version ({@code model.onnx},
 * {@code model-card.json}, {@code reference-stats.json}, optionally {@code drift-reference.json}),
 * the active one named in {@code <dir>/ACTIVE} and the shadow one in {@code <dir>/SHADOW}; and the
 * {@link RiskScorer} that scores with them.
 *
 * <p>Scoring: each passed line gets the active model's calibrated probability and up to three
 * reasons: the feature groups that raise the logit most above the card's baseline (slope ×
 * difference per column, the slopes probed once per model) and whose value is unusual. Lines the
 * rules rejected get none. The claim score is 1 − Π(1 − p) over passed lines (0 when none); the
 * claim's value at stake is Σ p × the card's expected cut share × the line's approved value, and
 * it is what the card's thresholds band (at or above {@code review} → review; at or above
 * {@code reject}, when set → reject). The lines
 * of concurrent claims are scored in shared ORT calls (see {@code Batcher}). With no active model
 * {@link #score} returns null: claims carry no risk.
 *
 * <p>Thread-safe: scoring runs concurrently; uploads, activations and shadow changes are
 * serialised. Blocks (ORT, file I/O): never call on an event loop.
 */
public final class ModelRegistry implements RiskScorer, AutoCloseable, io.micrometer.core.instrument.binder.MeterBinder {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
  static final String ONNX = "model.onnx";
  static final String CARD = "model-card.json";
  static final String STATS = "reference-stats.json";
  static final String DRIFT = "drift-reference.json";
  static final String ACTIVE = "ACTIVE";
  static final String SHADOW = "SHADOW";
  /** Lines (and claims) served before a model without drift-reference.json freezes its reference. */
  public static final int DEFAULT_DRIFT_REFERENCE_ROWS = 10_000;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final long TIMEOUT_SECONDS = 10;
  private static final int REASONS = 3;
  /** Logit drops below this are float noise, not a reason. */
  private static final double MIN_CONTRIBUTION = 1e-6;
  private static final String[] GROUP_NAMES;
  private static final int[][] GROUP_COLUMNS;

  static {
    Map<String, int[]> groups = groups(FeatureExtractor.schema());
    GROUP_NAMES = groups.keySet().toArray(String[]::new);
    GROUP_COLUMNS = groups.values().toArray(int[][]::new);
  }

  private record Serving(LoadedModel active, LoadedModel shadow) {}

  private final Path dir;
  private final int driftReferenceRows;
  private final Batcher batcher;
  private volatile Serving serving = new Serving(null, null);

  private ModelRegistry(Path dir, int driftReferenceRows, boolean batchWait) {
    this.dir = dir;
    this.driftReferenceRows = driftReferenceRows;
    this.batcher = new Batcher(batchWait);
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
    ModelRegistry registry = new ModelRegistry(dir, driftReferenceRows, batchWait);
    LoadedModel active = registry.loadNamed(ACTIVE);
    LoadedModel shadow = registry.loadNamed(SHADOW);
    if (shadow != null && active != null && shadow.id().equals(active.id())) {
      shadow.release();
      shadow = null;
    }
    registry.serving = new Serving(active, shadow);
    return registry;
  }

  private LoadedModel loadNamed(String pointer) {
    Path file = dir.resolve(pointer);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    String id;
    try {
      id = Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      LOG.error("cannot read {}: {}", file, e.getMessage());
      return null;
    }
    try {
      return load(id);
    } catch (RuntimeException e) {
      LOG.error("{} names model {}, which cannot be served: {}", file, id, e.getMessage());
      return null;
    }
  }

  /** The directory of the models. */
  public Path directory() {
    return dir;
  }

  /** Every version in the directory, by id. */
  public List<ModelVersion> list() {
    Serving s = serving;
    List<ModelVersion> versions = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return versions;
    }
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(dir, Files::isDirectory)) {
      for (Path folder : folders) {
        Path card = folder.resolve(CARD);
        if (folder.getFileName().toString().startsWith(".") || !Files.isRegularFile(card)) {
          continue;
        }
        try {
          ModelCard c = Json.mapper().readValue(card.toFile(), ModelCard.class);
          versions.add(ModelVersion.of(c, s.active() != null && s.active().id().equals(c.id()),
              s.shadow() != null && s.shadow().id().equals(c.id())));
        } catch (IOException e) {
          LOG.warn("skipping {}: {}", card, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    versions.sort(Comparator.comparing(ModelVersion::id));
    return versions;
  }

  /** The active version; empty when claims are not scored. */
  public Optional<ModelVersion> active() {
    LoadedModel a = serving.active();
    return a == null ? Optional.empty() : Optional.of(ModelVersion.of(a.model().card(), true, false));
  }

  /** The shadow version; empty when none runs. */
  public Optional<ModelVersion> shadow() {
    LoadedModel s = serving.shadow();
    return s == null ? Optional.empty() : Optional.of(ModelVersion.of(s.model().card(), false, true));
  }

  /** The active model's drift; empty when no model is active. */
  public Optional<DriftReport> drift() {
    LoadedModel a = serving.active();
    return a == null ? Optional.empty() : Optional.of(a.drift().report());
  }

  @Override
  public String modelVersion() {
    LoadedModel a = serving.active();
    return a == null ? null : a.id();
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
    if (onnx == null || onnx.length == 0) {
      throw ModelException.invalid("onnx", "the ONNX model is missing");
    }
    ModelCard card = parse(cardJson, ModelCard.class, "card");
    ReferenceStats stats = parse(statsJson, ReferenceStats.class, "stats");
    if (!ID.matcher(card.id()).matches()) {
      throw ModelException.invalid("card.id", "the id must be 1–100 letters, digits, '.', '_' or '-', "
          + "starting with a letter or digit; was '" + card.id() + "'");
    }
    Path target = dir.resolve(card.id());
    if (Files.exists(target)) {
      throw new ModelException(ModelException.Kind.CONFLICT, "card.id", "model " + card.id() + " already exists");
    }
    checkStake(card);
    try (OnnxModel model = OnnxModel.load(onnx, card, stats)) {
      canary(model);
    }
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempDirectory(dir, ".upload-");
      try {
        Files.write(tmp.resolve(ONNX), onnx);
        Files.write(tmp.resolve(CARD), cardJson);
        Files.write(tmp.resolve(STATS), statsJson);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException | RuntimeException e) {
        deleteQuietly(tmp);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write model " + card.id() + " into " + dir, e);
    }
    LOG.info("model {} uploaded", card.id());
    return ModelVersion.of(card, false, false);
  }

  private static void checkStake(ModelCard card) {
    Double share = card.expectedCutShare();
    if (share == null || !(share > 0 && share <= 1)) {
      throw ModelException.invalid("card.expectedCutShare", "must lie in (0, 1]; a card without it was trained"
          + " before claims were ranked by value at stake: retrain it; was " + share);
    }
    ModelCard.Calibration curve = card.cutShare();
    if (curve != null && curve.rates() != null && curve.rates().stream().anyMatch(r -> !(r >= 0 && r <= 1))) {
      throw ModelException.invalid("card.cutShare", "every rate must lie in [0, 1]");
    }
    ModelCard.Thresholds t = card.thresholds();
    boolean ok = t.review() >= 0 && Double.isFinite(t.review())
        && (t.reject() == null || (t.reject() >= t.review() && Double.isFinite(t.reject())));
    if (!ok) {
      throw ModelException.invalid("card.thresholds", "review must be a value at stake ≥ 0 and reject, when set,"
          + " at least review; were " + t.review() + " and " + t.reject());
    }
  }

  /** Canary rows: see {@link #upload}. */
  static void canary(OnnxModel model) {
    int width = model.width();
    float[][] rows = new float[10][width];
    List<Double> baseline = model.card().baseline();
    Random random = new Random(20261127L);
    for (int r = 0; r < rows.length; r++) {
      for (int f = 0; f < width; f++) {
        double b = baseline.get(f);
        rows[r][f] = r == 1 ? 0f : r == 0 ? (float) b : (float) (b + random.nextGaussian() * Math.max(1, Math.abs(b)));
      }
    }
    float[] batch = model.rawProbabilities(rows);
    for (int r = 0; r < rows.length; r++) {
      float single = model.rawProbabilities(new float[][] {rows[r]})[0];
      double calibrated = model.card().calibration().apply(batch[r]);
      if (!Float.isFinite(batch[r]) || batch[r] < 0 || batch[r] > 1 || !Double.isFinite(calibrated)) {
        throw ModelException.invalid("onnx", "canary row " + r + " scores " + batch[r] + " (calibrated "
            + calibrated + "); a probability in [0, 1] was expected");
      }
      if (Math.abs(single - batch[r]) > 1e-6) {
        throw ModelException.invalid("onnx", "canary row " + r + " scores " + single + " alone but " + batch[r]
            + " in a batch");
      }
    }
  }

  /**
   * Makes a version the one that scores claims, and records it in {@code ACTIVE}. Calls in flight
   * finish on the previous model, whose session closes once they are done. Activating the shadow
   * model promotes it (no shadow remains).
   *
   * @throws ModelException NOT_FOUND when there is no such version, INVALID when it cannot be served
   */
  public synchronized ModelVersion activate(String id) {
    Serving s = serving;
    if (s.active() != null && s.active().id().equals(id)) {
      return active().orElseThrow();
    }
    boolean promote = s.shadow() != null && s.shadow().id().equals(id);
    LoadedModel next = promote ? s.shadow() : load(id);
    try {
      writePointer(ACTIVE, id);
      if (promote) {
        Files.deleteIfExists(dir.resolve(SHADOW));
      }
    } catch (IOException e) {
      if (!promote) {
        next.release();
      }
      throw new UncheckedIOException("cannot record the active model in " + dir, e);
    }
    serving = new Serving(next, promote ? null : s.shadow());
    if (s.active() != null) {
      s.active().release();
    }
    LOG.info("model {} activated", id);
    return ModelVersion.of(next.model().card(), true, false);
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
    Serving s = serving;
    if (s.active() != null && s.active().id().equals(id)) {
      throw new ModelException(ModelException.Kind.CONFLICT, "id", "model " + id + " is active; it cannot also be the shadow");
    }
    if (s.shadow() != null && s.shadow().id().equals(id)) {
      return shadow().orElseThrow();
    }
    LoadedModel next = load(id);
    try {
      writePointer(SHADOW, id);
    } catch (IOException e) {
      next.release();
      throw new UncheckedIOException("cannot record the shadow model in " + dir, e);
    }
    serving = new Serving(s.active(), next);
    if (s.shadow() != null) {
      s.shadow().release();
    }
    return ModelVersion.of(next.model().card(), false, true);
  }

  /** Stops the shadow model, if any. @return whether one ran */
  public synchronized boolean clearShadow() {
    Serving s = serving;
    if (s.shadow() == null) {
      return false;
    }
    try {
      Files.deleteIfExists(dir.resolve(SHADOW));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir.resolve(SHADOW), e);
    }
    serving = new Serving(s.active(), null);
    s.shadow().release();
    return true;
  }

  private LoadedModel load(String id) {
    Path folder = id != null && ID.matcher(id).matches() ? dir.resolve(id) : null;
    if (folder == null || !Files.isRegularFile(folder.resolve(CARD))) {
      throw new ModelException(ModelException.Kind.NOT_FOUND, "id", "there is no model " + id);
    }
    try {
      ModelCard card = Json.mapper().readValue(folder.resolve(CARD).toFile(), ModelCard.class);
      ReferenceStats stats = Json.mapper().readValue(folder.resolve(STATS).toFile(), ReferenceStats.class);
      Drift.Reference reference = Files.isRegularFile(folder.resolve(DRIFT))
          ? Json.mapper().readValue(folder.resolve(DRIFT).toFile(), Drift.Reference.class) : null;
      checkStake(card);
      OnnxModel model = OnnxModel.load(Files.readAllBytes(folder.resolve(ONNX)), card, stats);
      Drift drift = new Drift(card.id(), card.featureSchema(), reference, driftReferenceRows,
          ref -> CompletableFuture.runAsync(() -> writeDriftReference(folder, ref)));
      return new LoadedModel(model, drift, folder);
    } catch (IOException e) {
      throw new ModelException(ModelException.Kind.INVALID, null, "model " + id + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static void writeDriftReference(Path folder, Drift.Reference reference) {
    try {
      writeAtomically(folder.resolve(DRIFT), Json.mapper().writeValueAsBytes(reference));
    } catch (IOException e) {
      LOG.warn("cannot write the drift reference into {}: {}", folder, e.getMessage());
    }
  }

  private void writePointer(String name, String id) throws IOException {
    Files.createDirectories(dir);
    writeAtomically(dir.resolve(name), (id + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** A temporary file beside the target, then a move: readers see the old or the new content. */
  private static void writeAtomically(Path target, byte[] content) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.write(tmp, content);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static <T> T parse(byte[] json, Class<T> type, String field) {
    if (json == null || json.length == 0) {
      throw ModelException.invalid(field, "the " + field + " is missing");
    }
    try {
      T value = Json.mapper().readValue(json, type);
      if (value == null) {
        throw ModelException.invalid(field, "the " + field + " is null");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new ModelException(ModelException.Kind.INVALID, field, "the " + field + " cannot be read: "
          + io.arbiter.input.InputGate.plainWords(e), e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof ModelException m) {
        throw m;
      }
      throw new ModelException(ModelException.Kind.INVALID, field, "the " + field + " cannot be read: " + e.getMessage(), e);
    }
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
      LoadedModel active = acquireActive();
      if (active == null) {
        return null;
      }
      LoadedModel shadow = serving.shadow();
      if (shadow != null && !shadow.acquire()) {
        shadow = null;
      }
      try {
        List<LineDecision> lines = FeatureExtractor.lines(context.decision());
        float[][] rows = active.model().extractor().extract(context);
        int[] passed = passed(lines);
        float[][] passedRows = new float[passed.length][];
        for (int i = 0; i < passed.length; i++) {
          passedRows[i] = rows[passed[i]];
        }
        CompletableFuture<float[]> main = passed.length == 0 ? null
            : batcher.submit(active, passedRows, passed.length, passed.length);
        CompletableFuture<float[]> candidate = null;
        if (shadow != null && passed.length > 0) {
          float[][] all = shadow.model().extractor().extract(context);
          float[][] shadowRows = new float[passed.length][];
          for (int i = 0; i < passed.length; i++) {
            shadowRows[i] = all[passed[i]];
          }
          candidate = batcher.submit(shadow, shadowRows, passed.length, passed.length);
        }
        batcher.arrived();
        announced = false;
        float[] raw = main == null ? new float[0] : await(main, active.id());
        float[] shadowRaw = null;
        if (candidate != null) {
          try {
            shadowRaw = await(candidate, shadow.id());
          } catch (RuntimeException e) {
            LOG.warn("shadow model {} failed: {}", shadow.id(), e.getMessage());
          }
        }
        return scored(active, shadow, lines, rows, passed, raw, shadowRaw);
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

  private LoadedModel acquireActive() {
    for (;;) {
      LoadedModel a = serving.active();
      if (a == null || a.acquire()) {
        return a;
      }
      // Released between the read and the acquire: a newer model is active already; read again.
    }
  }

  private static int[] passed(List<LineDecision> lines) {
    return java.util.stream.IntStream.range(0, lines.size())
        .filter(i -> !lines.get(i).rejectionReason().rejects()).toArray();
  }

  private static ScoredClaim scored(LoadedModel active, LoadedModel shadow, List<LineDecision> lines, float[][] rows,
      int[] passed, float[] raw, float[] shadowRaw) {
    ModelCard card = active.model().card();
    LineRisk[] risks = new LineRisk[lines.size()];
    Stake stake = new Stake(card);
    Stake shadowStake = shadowRaw == null ? null : new Stake(shadow.model().card());
    for (int i = 0; i < passed.length; i++) {
      LineDecision line = lines.get(passed[i]);
      double p = stake.add(raw[i], line);
      Double sp = shadowStake == null ? null : shadowStake.add(shadowRaw[i], line);
      float[] row = rows[passed[i]];
      risks[passed[i]] = new LineRisk(p, reasons(active.model(), row), sp);
    }
    ClaimRisk.Shadow shadowRisk = shadowStake == null ? null
        : new ClaimRisk.Shadow(shadow.id(), shadowStake.score(), shadowStake.value(), shadowStake.band());
    active.drift().recordScore(stake.score());
    ClaimRisk risk = new ClaimRisk(stake.band(), stake.score(), stake.value(), card.id(), null, shadowRisk);
    int items = context(lines);
    return new ScoredClaim(risk, Arrays.asList(risks).subList(0, items), Arrays.asList(risks).subList(items, risks.length));
  }

  /** A claim's score and value at stake under one model, accumulated line by line. */
  private static final class Stake {
    private final ModelCard card;
    private double keep = 1;
    private double value;

    Stake(ModelCard card) {
      this.card = card;
    }

    /** Adds a passed line; returns its calibrated probability. */
    double add(float raw, LineDecision line) {
      double p = card.calibration().apply(raw);
      keep *= 1 - p;
      value += valueAtStake(p, card.cutShareAt(p), line.approvedValue().doubleValue());
      return p;
    }

    double score() {
      return 1 - keep;
    }

    java.math.BigDecimal value() {
      return java.math.BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    String band() {
      return ModelRegistry.band(value().doubleValue(), card.thresholds());
    }
  }

  /**
   * A line's expected recoverable value: the probability of a payable adjustment × the share of
   * its approved value such an adjustment is expected to take off ({@link ModelCard#cutShareAt}) ×
   * that value. A claim's value at
   * stake is the sum over its passed lines; training and evaluation rank claims by the same sum.
   */
  public static double valueAtStake(double probability, double expectedCutShare, double approvedValue) {
    return probability * expectedCutShare * Math.max(0, approvedValue);
  }

  /**
   * The feature groups that raise this row's logit most above the baseline's and whose value is
   * unusual, in words ({@link FeatureExtractor#describe}). A group's contribution is Σ slope ×
   * (value − baseline) over its columns: exact for a linear model, first order for a factorization
   * machine, and free (no extra rows through the model, where occluding each group cost ~35 rows
   * per line). A group that raises the logit without anything unusual to say (a category, a plain
   * amount) is passed over, not shown as a bare name.
   */
  private static List<String> reasons(OnnxModel model, float[] row) {
    double[] slopes = model.slopes();
    float[] baseline = model.baseline();
    double[] contribution = new double[GROUP_NAMES.length];
    List<Integer> raising = new ArrayList<>();
    for (int g = 0; g < GROUP_NAMES.length; g++) {
      for (int c : GROUP_COLUMNS[g]) {
        contribution[g] += slopes[c] * (row[c] - baseline[c]);
      }
      if (contribution[g] > MIN_CONTRIBUTION) {
        raising.add(g);
      }
    }
    raising.sort((a, b) -> Double.compare(contribution[b], contribution[a]));
    List<String> reasons = new ArrayList<>(REASONS);
    for (int g : raising) {
      String reason = FeatureExtractor.describe(GROUP_NAMES[g], row);
      if (reason != null) {
        reasons.add(reason);
        if (reasons.size() == REASONS) {
          break;
        }
      }
    }
    return reasons;
  }

  /** Lines are items then services; the first service line's index. */
  private static int context(List<LineDecision> lines) {
    int items = 0;
    while (items < lines.size() && lines.get(items).itemCode() != null) {
      items++;
    }
    return items;
  }

  /** The band of a value at stake: at or above reject (when set) → reject, at or above review → review. */
  static String band(double valueAtStake, ModelCard.Thresholds t) {
    if (t.reject() != null && valueAtStake >= t.reject()) {
      return ClaimRisk.BAND_REJECT;
    }
    return valueAtStake >= t.review() ? ClaimRisk.BAND_REVIEW : ClaimRisk.BAND_PASS;
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

  private static Map<String, int[]> groups(FeatureSchema schema) {
    Map<String, List<Integer>> columns = new LinkedHashMap<>();
    for (int f = 0; f < schema.size(); f++) {
      columns.computeIfAbsent(FeatureSchema.groupOf(schema.names().get(f)), g -> new ArrayList<>()).add(f);
    }
    Map<String, int[]> groups = new LinkedHashMap<>();
    columns.forEach((g, c) -> groups.put(g, c.stream().mapToInt(Integer::intValue).toArray()));
    return groups;
  }

  /** The active model, for tests that break it. */
  LoadedModel activeModel() {
    return serving.active();
  }

  /** ORT calls made and rows scored since the registry opened: {calls, rows}; for measurements. */
  public long[] batchStatistics() {
    return new long[] {batcher.calls.sum(), batcher.rowsScored.sum()};
  }

  /**
   * Registers {@code arbiter_scoring_batch_rows}, the rows of each ONNX Runtime call (how well
   * concurrent claims share calls), and {@code arbiter_scoring_calls_total}. Call once per registry.
   */
  @Override
  public void bindTo(io.micrometer.core.instrument.MeterRegistry meters) {
    io.micrometer.core.instrument.DistributionSummary rows = io.micrometer.core.instrument.DistributionSummary
        .builder("arbiter.scoring.batch").baseUnit("rows")
        .description("Rows scored by one ONNX Runtime call")
        .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, Batcher.MAX_ROWS)
        .register(meters);
    io.micrometer.core.instrument.FunctionCounter.builder("arbiter.scoring.calls", batcher.calls, LongAdder::sum)
        .description("ONNX Runtime calls made").register(meters);
    batcher.onBatch = rows::record;
  }

  /** Stops the scoring thread and closes the sessions once their calls are done. */
  @Override
  public synchronized void close() {
    batcher.close();
    Serving s = serving;
    serving = new Serving(null, null);
    if (s.active() != null) {
      s.active().release();
    }
    if (s.shadow() != null) {
      s.shadow().release();
    }
  }

  private static void deleteQuietly(Path folder) {
    try (var files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("cannot remove {}: {}", folder, e.getMessage());
    }
  }
}

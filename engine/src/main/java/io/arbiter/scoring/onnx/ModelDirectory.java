package io.arbiter.scoring.onnx;

import io.arbiter.json.Json;
import io.arbiter.scoring.Drift;
import io.arbiter.scoring.ModelCard;
import io.arbiter.scoring.ModelException;
import io.arbiter.scoring.ModelVersion;
import io.arbiter.scoring.ReferenceStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model files: one folder per version ({@code model.onnx}, {@code model-card.json},
 * {@code reference-stats.json}, optionally {@code drift-reference.json}), and the pointer files
 * {@code ACTIVE} and {@code SHADOW} naming a version. Reads, validated uploads (one atomic move),
 * and loading a version for serving. Callers serialise writes.
 */
final class ModelDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(ModelDirectory.class);
  static final String ONNX = "model.onnx";
  static final String CARD = "model-card.json";
  static final String STATS = "reference-stats.json";
  static final String DRIFT = "drift-reference.json";
  static final String ACTIVE = "ACTIVE";
  static final String SHADOW = "SHADOW";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final Path dir;
  private final int driftReferenceRows;

  ModelDirectory(Path dir, int driftReferenceRows) {
    this.dir = dir;
    this.driftReferenceRows = driftReferenceRows;
  }

  Path path() {
    return dir;
  }

  /** The version a pointer file names, loaded; null (logged) when there is none or it cannot be served. */
  LoadedModel loadNamed(String pointer) {
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

  /** Every version in the directory, by id, flagged with the given roles (either may be null). */
  List<ModelVersion> list(String activeId, String shadowId) {
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
          versions.add(ModelVersion.of(c, activeId != null && activeId.equals(c.id()),
              shadowId != null && shadowId.equals(c.id())));
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

  /** Validates and stores a new version: see {@link ModelRegistry#upload}. */
  ModelVersion upload(byte[] onnx, byte[] cardJson, byte[] statsJson) {
    if (onnx == null || onnx.length == 0) {
      throw ModelException.invalid("onnx", "the ONNX model is missing");
    }
    ModelCard card = ModelChecks.parse(cardJson, ModelCard.class, "card");
    ReferenceStats stats = ModelChecks.parse(statsJson, ReferenceStats.class, "stats");
    if (!ID.matcher(card.id()).matches()) {
      throw ModelException.invalid("card.id", "the id must be 1–100 letters, digits, '.', '_' or '-', "
          + "starting with a letter or digit; was '" + card.id() + "'");
    }
    Path target = dir.resolve(card.id());
    if (Files.exists(target)) {
      throw new ModelException(ModelException.Kind.CONFLICT, "card.id", "model " + card.id() + " already exists");
    }
    ModelChecks.checkStake(card);
    try (OnnxModel model = OnnxModel.load(onnx, card, stats)) {
      ModelChecks.canary(model);
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

  /**
   * Loads a version for serving, with its drift monitor (a collected reference is written into
   * its folder once frozen).
   *
   * @throws ModelException NOT_FOUND when there is no such version, INVALID when it cannot be served
   */
  LoadedModel load(String id) {
    Path folder = id != null && ID.matcher(id).matches() ? dir.resolve(id) : null;
    if (folder == null || !Files.isRegularFile(folder.resolve(CARD))) {
      throw new ModelException(ModelException.Kind.NOT_FOUND, "id", "there is no model " + id);
    }
    try {
      ModelCard card = Json.mapper().readValue(folder.resolve(CARD).toFile(), ModelCard.class);
      ReferenceStats stats = Json.mapper().readValue(folder.resolve(STATS).toFile(), ReferenceStats.class);
      Drift.Reference reference = Files.isRegularFile(folder.resolve(DRIFT))
          ? Json.mapper().readValue(folder.resolve(DRIFT).toFile(), Drift.Reference.class) : null;
      ModelChecks.checkStake(card);
      OnnxModel model = OnnxModel.load(Files.readAllBytes(folder.resolve(ONNX)), card, stats);
      Drift drift = new Drift(card.id(), card.featureSchema(), reference, driftReferenceRows,
          ref -> CompletableFuture.runAsync(() -> writeDriftReference(folder, ref)));
      return new LoadedModel(model, drift, folder);
    } catch (IOException e) {
      throw new ModelException(ModelException.Kind.INVALID, null, "model " + id + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** Records {@code id} in the pointer file {@code name} ({@link #ACTIVE} or {@link #SHADOW}). */
  void writePointer(String name, String id) throws IOException {
    Files.createDirectories(dir);
    writeAtomically(dir.resolve(name), (id + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Removes the pointer file {@code name}, if any. */
  void deletePointer(String name) throws IOException {
    Files.deleteIfExists(dir.resolve(name));
  }

  private static void writeDriftReference(Path folder, Drift.Reference reference) {
    try {
      writeAtomically(folder.resolve(DRIFT), Json.mapper().writeValueAsBytes(reference));
    } catch (IOException e) {
      LOG.warn("cannot write the drift reference into {}: {}", folder, e.getMessage());
    }
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

  private static void deleteQuietly(Path folder) {
    try (var files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("cannot remove {}: {}", folder, e.getMessage());
    }
  }
}

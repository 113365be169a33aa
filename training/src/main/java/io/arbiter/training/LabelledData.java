package io.arbiter.training;

import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.scoring.FeatureExtractor;
import io.arbiter.scoring.HistoryReplay;
import io.arbiter.scoring.ReferenceStats;
import io.arbiter.scoring.TrainingData;
import io.arbiter.scoring.TrainingRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/*
 * Why three passes over the file instead of one in memory: a training file can hold far more claims
 * than fit as objects; each pass streams. The split must be known before the reference stats (they
 * may only see the training period), and the stats before the replay (features read them).
 */

/**
 * The labelled lines of a training file as feature rows, each in one part of the time-based split:
 * fit, calibration (the end of the training period) or holdout. Rows come from a
 * {@link HistoryReplay} over every record in file order, so each line's history features see only
 * the claims before it; unlabelled lines feed the history but are not kept.
 */
final class LabelledData {
  enum Part { FIT, CALIBRATION, HOLDOUT }

  /** A labelled claim: its date, part, and the value reviewers took off it. */
  record ClaimRef(String code, LocalDate date, Part part, double adjustedValue) {}

  final TrainingData.Header header;
  final String sha256;
  final ReferenceStats stats;
  final LocalDate trainFrom;
  final LocalDate calibrationFrom;
  final LocalDate holdoutFrom;
  final LocalDate holdoutTo;
  final List<ClaimRef> claims;
  final float[][] rows;
  final boolean[] labels;
  final int[] claimOf;

  private LabelledData(TrainingData.Header header, String sha256, ReferenceStats stats, LocalDate trainFrom,
      LocalDate calibrationFrom, LocalDate holdoutFrom, LocalDate holdoutTo, List<ClaimRef> claims,
      List<float[]> rows, List<Boolean> labels, List<Integer> claimOf) {
    this.header = header;
    this.sha256 = sha256;
    this.stats = stats;
    this.trainFrom = trainFrom;
    this.calibrationFrom = calibrationFrom;
    this.holdoutFrom = holdoutFrom;
    this.holdoutTo = holdoutTo;
    this.claims = List.copyOf(claims);
    this.rows = rows.toArray(new float[0][]);
    this.labels = new boolean[labels.size()];
    this.claimOf = new int[claimOf.size()];
    for (int i = 0; i < this.labels.length; i++) {
      this.labels[i] = labels.get(i);
      this.claimOf[i] = claimOf.get(i);
    }
  }

  /**
   * Reads and splits a training file.
   *
   * @param holdoutShare share of labelled claims (latest by date) in the holdout
   * @param calibrationShare share of the remaining labelled claims (latest by date) kept for calibration
   * @throws IOException when the file cannot be read or is not a training file
   * @throws IllegalArgumentException when it has too few labelled claims or dates to split
   */
  static LabelledData load(Path file, double holdoutShare, double calibrationShare) throws IOException {
    String sha = sha256(file);
    List<LocalDate> labelledDates = new ArrayList<>();
    TrainingData.Header header = each(file, r -> {
      if (r.labels().stream().anyMatch(l -> l != null)) {
        labelledDates.add(TimeSplit.claimDate(r));
      }
    });
    if (labelledDates.size() < 20) {
      throw new IllegalArgumentException(file + ": " + labelledDates.size()
          + " reviewed claims; training needs at least 20");
    }
    LocalDate holdoutFrom = TimeSplit.splitDate(labelledDates, holdoutShare);
    LocalDate calibrationFrom = TimeSplit.splitDate(
        labelledDates.stream().filter(d -> d.isBefore(holdoutFrom)).toList(), calibrationShare);
    LocalDate trainFrom = labelledDates.stream().min(LocalDate::compareTo).orElseThrow();
    LocalDate holdoutTo = labelledDates.stream().max(LocalDate::compareTo).orElseThrow();

    ReferenceStats.Builder builder = ReferenceStats.builder();
    each(file, r -> {
      if (TimeSplit.claimDate(r).isBefore(holdoutFrom)) {
        builder.add(r.claim(), r.decision(), r.labels());
      }
    });
    ReferenceStats stats = builder.build();

    HistoryReplay replay = new HistoryReplay(SchemeSnapshot.of(header.scheme(), "training"),
        new FeatureExtractor(stats));
    List<ClaimRef> claims = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    List<Integer> claimOf = new ArrayList<>();
    each(file, r -> {
      float[][] lineRows = replay.next(r);
      List<Boolean> lineLabels = r.labels();
      if (lineLabels.stream().allMatch(l -> l == null)) {
        return;
      }
      LocalDate date = TimeSplit.claimDate(r);
      Part part = !date.isBefore(holdoutFrom) ? Part.HOLDOUT
          : !date.isBefore(calibrationFrom) ? Part.CALIBRATION : Part.FIT;
      double adjusted = r.adjustedValues().stream().mapToDouble(BigDecimal::doubleValue).sum();
      claims.add(new ClaimRef(r.claim().code(), date, part, adjusted));
      for (int i = 0; i < lineRows.length; i++) {
        if (lineLabels.get(i) != null) {
          rows.add(lineRows[i]);
          labels.add(lineLabels.get(i));
          claimOf.add(claims.size() - 1);
        }
      }
    });
    return new LabelledData(header, sha, stats, trainFrom, calibrationFrom, holdoutFrom, holdoutTo, claims,
        rows, labels, claimOf);
  }

  Part partOf(int line) {
    return claims.get(claimOf[line]).part();
  }

  /** Indices of the lines in a part, in file order. */
  int[] lines(Part part) {
    return java.util.stream.IntStream.range(0, rows.length).filter(i -> partOf(i) == part).toArray();
  }

  private static TrainingData.Header each(Path file, Consumer<TrainingRecord> action) throws IOException {
    try (TrainingData.Reader reader = new TrainingData.Reader(file)) {
      while (reader.hasNext()) {
        action.accept(reader.next());
      }
      return reader.header();
    } catch (UncheckedIOException e) {
      throw new IOException(file + ": " + e.getMessage(), e.getCause());
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}

package io.arbiter.training;

import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineStatus;
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
import java.util.Set;
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

  /**
   * A labelled claim: its date, part, amount claimed, and the value reviewers took off it.
   *
   * @param trainable false when the claim carries a pattern left out of training: its lines are
   *     then only evaluated, never fitted or calibrated on
   */
  record ClaimRef(String code, LocalDate date, Part part, double claimed, double adjustedValue, boolean trainable) {}

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
  /** Per line: what the rules approved, and what the reviewer took off. */
  final double[] approved;
  final double[] adjusted;
  /** Per line: the planted pattern (the simulator's truth), {@link TrainingRecord#NORMAL}, or null without truth. */
  final String[] pattern;
  /** The holdout period's checked claims nobody reviewed: the band must select its share of every claim. */
  final Unreviewed unreviewed;

  /**
   * The passed lines of checked claims in the holdout period without a review, as feature rows.
   *
   * @param approved per row, the line's approved value
   * @param claimOf per row, its claim's index in [0, claims)
   */
  record Unreviewed(float[][] rows, double[] approved, int[] claimOf, int claims) {
    static final Unreviewed NONE = new Unreviewed(new float[0][], new double[0], new int[0], 0);
  }

  private LabelledData(TrainingData.Header header, String sha256, ReferenceStats stats, LocalDate trainFrom,
      LocalDate calibrationFrom, LocalDate holdoutFrom, LocalDate holdoutTo, List<ClaimRef> claims,
      List<float[]> rows, List<Boolean> labels, List<Integer> claimOf, List<double[]> values, List<String> patterns,
      Unreviewed unreviewed) {
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
    this.approved = new double[values.size()];
    this.adjusted = new double[values.size()];
    this.pattern = patterns.toArray(new String[0]);
    this.unreviewed = unreviewed;
    for (int i = 0; i < this.labels.length; i++) {
      this.labels[i] = labels.get(i);
      this.claimOf[i] = claimOf.get(i);
      this.approved[i] = values.get(i)[0];
      this.adjusted[i] = values.get(i)[1];
    }
  }

  /**
   * Reads and splits a training file.
   *
   * @param holdoutShare share of labelled claims (latest by date) in the holdout
   * @param calibrationShare share of the remaining labelled claims (latest by date) kept for calibration
   * @param leftOut planted patterns left out of training: a claim with a line of one of them keeps
   *     its lines in the holdout but is neither fitted, calibrated, nor counted in the reference
   *     stats' adjusted rates (the yardstick then measures patterns nobody labelled: docs/scoring.md)
   * @throws IOException when the file cannot be read or is not a training file
   * @throws IllegalArgumentException when it has too few labelled claims or dates to split
   */
  static LabelledData load(Path file, double holdoutShare, double calibrationShare, Set<String> leftOut)
      throws IOException {
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

    SchemeSnapshot scheme = SchemeSnapshot.of(header.scheme(), "training");
    ReferenceStats.Builder builder = ReferenceStats.builder(code -> {
      var facility = scheme.facility(code);
      return facility == null ? null : facility.level();
    });
    each(file, r -> {
      if (TimeSplit.claimDate(r).isBefore(holdoutFrom)) {
        List<Boolean> labels = r.labels();
        builder.add(r.claim(), r.decision(), carries(r, leftOut) ? labels.stream().map(l -> (Boolean) null).toList()
            : labels);
      }
    });
    return replay(file, sha, header, builder.build(), trainFrom, calibrationFrom, holdoutFrom, holdoutTo, leftOut,
        true);
  }

  /**
   * The labelled claims of a file dated on or after {@code from}, all in the holdout, with features
   * computed from a model's own reference stats: what {@code arbiter evaluate} scores.
   *
   * @param from the first claim date evaluated; null for every labelled claim
   * @throws IllegalArgumentException when no labelled claim is left
   */
  static LabelledData forModel(Path file, ReferenceStats stats, LocalDate from) throws IOException {
    List<LocalDate> dates = new ArrayList<>();
    TrainingData.Header header = each(file, r -> {
      LocalDate date = TimeSplit.claimDate(r);
      if ((from == null || !date.isBefore(from)) && r.labels().stream().anyMatch(l -> l != null)) {
        dates.add(date);
      }
    });
    if (dates.isEmpty()) {
      throw new IllegalArgumentException(file + ": no reviewed claim" + (from == null ? "" : " on or after " + from));
    }
    LocalDate first = dates.stream().min(LocalDate::compareTo).orElseThrow();
    LocalDate last = dates.stream().max(LocalDate::compareTo).orElseThrow();
    return replay(file, sha256(file), header, stats, first, first, first, last, Set.of(), false);
  }

  private static boolean carries(TrainingRecord r, Set<String> patterns) {
    return !patterns.isEmpty() && r.truth() != null
        && (r.truth().items().stream().anyMatch(patterns::contains)
            || r.truth().services().stream().anyMatch(patterns::contains));
  }

  private static LabelledData replay(Path file, String sha, TrainingData.Header header, ReferenceStats stats,
      LocalDate trainFrom, LocalDate calibrationFrom, LocalDate holdoutFrom, LocalDate holdoutTo,
      Set<String> leftOut, boolean keepUnreviewed) throws IOException {
    HistoryReplay replay = new HistoryReplay(SchemeSnapshot.of(header.scheme(), "training"),
        new FeatureExtractor(stats));
    List<ClaimRef> claims = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    List<Integer> claimOf = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    List<String> patterns = new ArrayList<>();
    UnreviewedLines unreviewed = new UnreviewedLines();
    each(file, r -> {
      float[][] lineRows = replay.next(r);
      List<Boolean> lineLabels = r.labels();
      LocalDate date = TimeSplit.claimDate(r);
      if (lineLabels.stream().allMatch(l -> l == null)) {
        if (keepUnreviewed && r.review() == null && !date.isBefore(holdoutFrom)
            && r.decision().status() == ClaimStatus.CHECKED) {
          unreviewed.add(r, lineRows);
        }
        return;
      }
      if (date.isBefore(trainFrom)) {
        return;
      }
      Part part = !date.isBefore(holdoutFrom) ? Part.HOLDOUT
          : !date.isBefore(calibrationFrom) ? Part.CALIBRATION : Part.FIT;
      List<BigDecimal> cut = r.adjustedValues();
      List<BigDecimal> approvedValues = r.approvedValues();
      List<String> truth = r.truth() == null ? null
          : java.util.stream.Stream.concat(r.truth().items().stream(), r.truth().services().stream()).toList();
      double adjusted = cut.stream().mapToDouble(BigDecimal::doubleValue).sum();
      double claimed = r.decision().claimed() == null ? 0 : r.decision().claimed().doubleValue();
      claims.add(new ClaimRef(r.claim().code(), date, part, claimed, adjusted, !carries(r, leftOut)));
      for (int i = 0; i < lineRows.length; i++) {
        if (lineLabels.get(i) != null) {
          rows.add(lineRows[i]);
          labels.add(lineLabels.get(i));
          claimOf.add(claims.size() - 1);
          values.add(new double[] {approvedValues.get(i).doubleValue(), cut.get(i).doubleValue()});
          patterns.add(truth == null || i >= truth.size() ? null : truth.get(i));
        }
      }
    });
    return new LabelledData(header, sha, stats, trainFrom, calibrationFrom, holdoutFrom, holdoutTo, claims,
        rows, labels, claimOf, values, patterns, unreviewed.build());
  }

  /** Collects the passed lines of checked claims nobody reviewed, claim by claim. */
  private static final class UnreviewedLines {
    private final List<float[]> rows = new ArrayList<>();
    private final List<Double> approved = new ArrayList<>();
    private final List<Integer> claimOf = new ArrayList<>();
    private int claims;

    void add(TrainingRecord r, float[][] lineRows) {
      List<BigDecimal> approvedValues = r.approvedValues();
      List<LineDecision> lines = new ArrayList<>(r.decision().items());
      lines.addAll(r.decision().services());
      for (int i = 0; i < lineRows.length; i++) {
        if (lines.get(i).status() == LineStatus.PASSED) {
          rows.add(lineRows[i]);
          approved.add(approvedValues.get(i).doubleValue());
          claimOf.add(claims);
        }
      }
      claims++;
    }

    Unreviewed build() {
      return new Unreviewed(rows.toArray(new float[0][]), approved.stream().mapToDouble(Double::doubleValue).toArray(),
          claimOf.stream().mapToInt(Integer::intValue).toArray(), claims);
    }
  }

  Part partOf(int line) {
    return claims.get(claimOf[line]).part();
  }

  /**
   * Indices of the lines in a part, in file order; the fit and calibration parts without the
   * claims that carry a pattern left out of training.
   */
  int[] lines(Part part) {
    return java.util.stream.IntStream.range(0, rows.length)
        .filter(i -> partOf(i) == part && (part == Part.HOLDOUT || claims.get(claimOf[i]).trainable()))
        .toArray();
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

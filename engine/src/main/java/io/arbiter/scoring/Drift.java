package io.arbiter.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/*
 * Why the reference can come from serving: a model card carries per-feature means (the baseline),
 * which say nothing of a distribution's shape, and asking training for histograms would couple the
 * two teams' formats. So a model folder may ship drift-reference.json (training's own quantile
 * bins, same format as below); when it does not, the first REFERENCE_ROWS lines (and claims) the
 * model serves become its reference — right after activation is when the model is trusted
 * (validated on the holdout) — and that reference is written to the folder so it survives restarts.
 * Drift is then measured against the model's own early traffic, not against training data:
 * documented in DriftReport and openapi.yaml.
 */

/**
 * The drift monitor of one model: the reference histogram of every feature and of the claim
 * score, and the counts of what was served since. Thread-safe (one lock; updates are a few array
 * increments per line).
 */
public final class Drift {
  static final int BINS = 10;
  static final double FLOOR = 1e-4;
  static final String SCORE = "claim_score";

  /** Quantile bins: value v falls in the first bin whose upper edge is ≥ v, else the last. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Histogram(double[] edges, double[] shares) {
    int bin(double v) {
      int i = Arrays.binarySearch(edges, v);
      return i >= 0 ? i : -i - 1;
    }

    /** Reference bins at the deciles of a sample; repeated quantiles (binary features) merge. */
    static Histogram of(double[] sample, int n) {
      double[] sorted = Arrays.copyOf(sample, n);
      Arrays.sort(sorted);
      double[] edges = Arrays.stream(quantiles(sorted)).distinct().toArray();
      double[] shares = new double[edges.length + 1];
      Histogram h = new Histogram(edges, shares);
      for (double v : sorted) {
        shares[h.bin(v)]++;
      }
      for (int i = 0; i < shares.length; i++) {
        shares[i] /= n;
      }
      return h;
    }

    private static double[] quantiles(double[] sorted) {
      double[] q = new double[BINS - 1];
      for (int i = 1; i < BINS; i++) {
        q[i - 1] = sorted[Math.min(sorted.length - 1, (int) Math.floor((double) i * sorted.length / BINS))];
      }
      return q;
    }

    /** PSI of served counts against these shares; NaN when nothing was counted. */
    double psi(long[] counts) {
      long total = 0;
      for (long c : counts) {
        total += c;
      }
      if (total == 0) {
        return Double.NaN;
      }
      double psi = 0;
      for (int i = 0; i < shares.length; i++) {
        double expected = Math.max(FLOOR, shares[i]);
        double actual = Math.max(FLOOR, (double) counts[i] / total);
        psi += (actual - expected) * Math.log(actual / expected);
      }
      return psi;
    }
  }

  /** What {@code drift-reference.json} holds. */
  public record Reference(long rows, Map<String, Histogram> features, Histogram score) {}

  private final String modelVersion;
  private final List<String> names;
  private final int referenceRows;
  private final Consumer<Reference> onFrozen;
  private final String source;
  // Collecting: the first referenceRows rows and scores. Frozen: the histograms and the counts since.
  private double[][] sampleColumns;
  private int sampled;
  private double[] sampleScores;
  private int scoresSampled;
  private Histogram[] featureRef;
  private Histogram scoreRef;
  private long[][] counts;
  private long[] scoreCounts;
  private long currentRows;
  private long currentClaims;
  private long refRows;

  /**
   * @param reference the model folder's reference, or null to collect one from serving
   * @param referenceRows lines (and claims) to collect before freezing a reference
   * @param onFrozen told once when a collected reference freezes (to write it to the folder)
   */
  public Drift(String modelVersion, FeatureSchema schema, Reference reference, int referenceRows, Consumer<Reference> onFrozen) {
    this.modelVersion = modelVersion;
    this.names = schema.names();
    this.referenceRows = referenceRows;
    this.onFrozen = onFrozen;
    if (reference != null && reference.features().keySet().containsAll(names)) {
      this.source = "file";
      this.refRows = reference.rows();
      freezeFeatures(names.stream().map(reference.features()::get).toArray(Histogram[]::new));
      if (reference.score() != null) {
        freezeScore(reference.score());
      } else {
        sampleScores = new double[referenceRows];
      }
    } else {
      this.source = "served";
      sampleColumns = new double[names.size()][referenceRows];
      sampleScores = new double[referenceRows];
    }
  }

  private void freezeFeatures(Histogram[] refs) {
    featureRef = refs;
    counts = new long[refs.length][];
    for (int f = 0; f < refs.length; f++) {
      counts[f] = new long[refs[f].shares().length];
    }
    sampleColumns = null;
  }

  private void freezeScore(Histogram ref) {
    scoreRef = ref;
    scoreCounts = new long[ref.shares().length];
    sampleScores = null;
  }

  /** Counts the first {@code n} rows (served lines). */
  public synchronized void recordRows(float[][] rows, int n) {
    boolean froze = false;
    for (int r = 0; r < n; r++) {
      float[] row = rows[r];
      if (featureRef == null) {
        for (int f = 0; f < row.length; f++) {
          sampleColumns[f][sampled] = row[f];
        }
        if (++sampled == referenceRows) {
          Histogram[] refs = new Histogram[names.size()];
          for (int f = 0; f < refs.length; f++) {
            refs[f] = Histogram.of(sampleColumns[f], sampled);
          }
          refRows = sampled;
          freezeFeatures(refs);
          froze = true;
        }
      } else {
        for (int f = 0; f < row.length; f++) {
          counts[f][featureRef[f].bin(row[f])]++;
        }
        currentRows++;
      }
    }
    if (froze) {
      maybeNotify();
    }
  }

  /** Counts one claim score. */
  public synchronized void recordScore(double score) {
    if (scoreRef == null) {
      sampleScores[scoresSampled] = score;
      if (++scoresSampled == referenceRows) {
        freezeScore(Histogram.of(sampleScores, scoresSampled));
        maybeNotify();
      }
    } else {
      scoreCounts[scoreRef.bin(score)]++;
      currentClaims++;
    }
  }

  private void maybeNotify() {
    if (featureRef != null && scoreRef != null && "served".equals(source)) {
      Map<String, Histogram> byName = new LinkedHashMap<>();
      for (int f = 0; f < names.size(); f++) {
        byName.put(names.get(f), featureRef[f]);
      }
      onFrozen.accept(new Reference(refRows, byName, scoreRef));
    }
  }

  /** The drift so far: per feature and for the claim score, PSI against the reference. */
  public synchronized DriftReport report() {
    if (featureRef == null) {
      return new DriftReport(modelVersion, "collecting", sampled, 0, 0, DriftReport.ALERT_THRESHOLD, null,
          List.of(), List.of());
    }
    List<DriftReport.Stability> features = new ArrayList<>();
    for (int f = 0; f < names.size(); f++) {
      features.add(DriftReport.Stability.of(names.get(f), featureRef[f].psi(counts[f])));
    }
    features.sort(Comparator.comparingDouble((DriftReport.Stability s) -> s.psi() == null ? -1 : s.psi())
        .reversed());
    DriftReport.Stability score = scoreRef == null ? null : DriftReport.Stability.of(SCORE, scoreRef.psi(scoreCounts));
    List<String> alerts = new ArrayList<>();
    if (score != null && score.psi() != null && score.psi() >= DriftReport.ALERT_THRESHOLD) {
      alerts.add(SCORE);
    }
    features.stream().filter(s -> s.psi() != null && s.psi() >= DriftReport.ALERT_THRESHOLD).forEach(s -> alerts.add(s.name()));
    return new DriftReport(modelVersion, source, refRows, currentRows, currentClaims, DriftReport.ALERT_THRESHOLD,
        score, features, alerts);
  }
}

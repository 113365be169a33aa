package io.arbiter.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reasons shown beside a line's probability: the feature groups that raise this row's logit
 * most above the baseline's and whose value is unusual, in words ({@link FeatureExtractor#describe}).
 * A group's contribution is Σ slope × (value − baseline) over its columns: exact for a linear
 * model, first order for a factorization machine, and free (no extra rows through the model, where
 * occluding each group cost ~35 rows per line). A group that raises the logit without anything
 * unusual to say (a category, a plain amount) is passed over, not shown as a bare name. Stateless.
 */
public final class Reasons {
  /** At most this many reasons per line. */
  public static final int MAX = 3;
  /** Logit drops below this are float noise, not a reason. */
  private static final double MIN_CONTRIBUTION = 1e-6;
  private static final String[] GROUP_NAMES;
  private static final int[][] GROUP_COLUMNS;

  static {
    Map<String, int[]> groups = groups(FeatureExtractor.schema());
    GROUP_NAMES = groups.keySet().toArray(String[]::new);
    GROUP_COLUMNS = groups.values().toArray(int[][]::new);
  }

  private Reasons() {}

  /**
   * Up to {@link #MAX} reasons for {@code row}, the strongest first.
   *
   * @param slopes per column, how much one unit above the baseline raises the model's logit
   * @param baseline the card's baseline row
   * @param row the line's features, in the schema's order
   */
  public static List<String> of(double[] slopes, float[] baseline, float[] row) {
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
    List<String> reasons = new ArrayList<>(MAX);
    for (int g : raising) {
      String reason = FeatureExtractor.describe(GROUP_NAMES[g], row);
      if (reason != null) {
        reasons.add(reason);
        if (reasons.size() == MAX) {
          break;
        }
      }
    }
    return reasons;
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
}

package io.arbiter.scoring;

import java.util.List;
import java.util.Objects;

/**
 * The names and order of a model's input columns, and the version of the extractor that computes
 * them. A model is served only by the extractor whose schema equals the one in its card. Names are
 * sorted, because Tribuo orders a model's input columns by feature name. Immutable.
 *
 * @param version changes whenever a feature is added, removed or computed differently
 * @param names the column names, sorted
 */
public record FeatureSchema(String version, List<String> names) {

  public FeatureSchema {
    Objects.requireNonNull(version, "version");
    names = List.copyOf(names);
  }

  public int size() {
    return names.size();
  }

  /** Column of a feature, or -1. */
  public int indexOf(String name) {
    return names.indexOf(name);
  }

  /**
   * The group a feature belongs to: reasons are given per group ("code_hash_07" and "code_hash_12"
   * are both the line's code). The group is the name without a trailing {@code _<suffix>} of
   * one-hot columns.
   */
  public static String groupOf(String name) {
    for (String prefix : FeatureExtractor.ONE_HOT_PREFIXES) {
      if (name.startsWith(prefix)) {
        return prefix.substring(0, prefix.length() - 1);
      }
    }
    return name;
  }
}

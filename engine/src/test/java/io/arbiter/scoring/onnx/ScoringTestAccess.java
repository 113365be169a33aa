package io.arbiter.scoring.onnx;

/** Reaches into a registry from tests of other packages. */
public final class ScoringTestAccess {
  private ScoringTestAccess() {}

  /** Closes the active model's ORT session under the registry: its next call fails as a crashed model would. */
  public static void breakActiveModel(ModelRegistry registry) {
    registry.activeModel().model().close();
  }

  /** ORT calls and rows scored so far. */
  public static long[] batchCounts(ModelRegistry registry) {
    return registry.scorer().batchStatistics();
  }
}

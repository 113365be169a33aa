package io.arbiter.demo;

/**
 * Options of the {@link DemoScheme} generator, in the Vert.x style: a mutable bean with fluent
 * setters, copied by the generator so that later changes do not affect a document being built.
 */
public final class DemoOptions {
  /** Number of insurees generated unless {@link #setInsurees} says otherwise. */
  public static final int DEFAULT_INSUREES = 3000;

  private long seed = DemoScheme.DEFAULT_SEED;
  private int insurees = DEFAULT_INSUREES;

  /** Default options: {@link DemoScheme#DEFAULT_SEED}, {@link #DEFAULT_INSUREES} insurees. */
  public DemoOptions() {}

  /** A copy of {@code other}. */
  public DemoOptions(DemoOptions other) {
    this.seed = other.seed;
    this.insurees = other.insurees;
  }

  /** Seed of the population (families, insurees, policies); the same seed gives the same document. */
  public long getSeed() {
    return seed;
  }

  public DemoOptions setSeed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Exact number of insurees to generate. */
  public int getInsurees() {
    return insurees;
  }

  /**
   * @throws IllegalArgumentException if {@code insurees} is less than 1
   */
  public DemoOptions setInsurees(int insurees) {
    if (insurees < 1) {
      throw new IllegalArgumentException("insurees must be at least 1, was " + insurees);
    }
    this.insurees = insurees;
    return this;
  }
}

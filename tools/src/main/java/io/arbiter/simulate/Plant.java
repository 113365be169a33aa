package io.arbiter.simulate;

import io.arbiter.scoring.TrainingRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * One planted line's ground truth and what an honest line would have been.
 *
 * @param pattern the abuse pattern ({@link AbusePatterns}), or {@link TrainingRecord#NORMAL}
 * @param fairQty the honest quantity (null: the line's own)
 * @param fairPrice the honest unit price (null: the line's own)
 * @param fairShare the share of the line's value that is fair
 * @param reject whether a reviewer who catches the line rejects it (else adjusts it)
 * @param anchor for a planted repeat, the provision it repeats (null otherwise)
 */
record Plant(String pattern, BigDecimal fairQty, BigDecimal fairPrice, double fairShare, boolean reject,
    LocalDate anchor) {
  static final Plant NORMAL = new Plant(TrainingRecord.NORMAL, null, null, 1, false, null);

  static Plant rejected(String pattern) {
    return new Plant(pattern, null, null, 1, true, null);
  }

  /** {@code n} honest lines. */
  static Plant[] normals(int n) {
    Plant[] plants = new Plant[n];
    Arrays.fill(plants, NORMAL);
    return plants;
  }

  /** {@code n} lines all planted with {@code plant}. */
  static Plant[] all(int n, Plant plant) {
    Plant[] plants = new Plant[n];
    Arrays.fill(plants, plant);
    return plants;
  }

  boolean abused() {
    return this != NORMAL;
  }
}

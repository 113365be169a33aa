package io.arbiter.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts as the scheme stores them: scale 2. */
final class Amounts {
  private Amounts() {}

  static BigDecimal of(long units) {
    return BigDecimal.valueOf(units).setScale(2);
  }

  /** {@code percent} % of {@code amount}, rounded down to a multiple of {@code step} units. */
  static BigDecimal share(BigDecimal amount, int percent, long step) {
    BigDecimal steps = amount.multiply(BigDecimal.valueOf(percent))
        .divide(BigDecimal.valueOf(100L * step), 0, RoundingMode.FLOOR);
    return steps.multiply(BigDecimal.valueOf(step)).setScale(2);
  }
}

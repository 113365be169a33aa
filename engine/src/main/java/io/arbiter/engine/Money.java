package io.arbiter.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts are decimals of scale 2 rounded half-even (docs/adjudication.md §6). */
final class Money {
  static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private Money() {}

  static BigDecimal of(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_EVEN);
  }

  static BigDecimal zero() {
    return BigDecimal.ZERO.setScale(2);
  }

  static BigDecimal min(BigDecimal a, BigDecimal b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static BigDecimal max(BigDecimal a, BigDecimal b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Set means present and positive, as openIMIS treats deductibles and ceilings. */
  static boolean isSet(BigDecimal amount) {
    return amount != null && amount.signum() > 0;
  }
}

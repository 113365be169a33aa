package io.arbiter.scheme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowLimitTest {

  @ParameterizedTest(name = "{0} around {1}: {2} to {3}")
  @CsvSource({
      "MONTH, 2028-02-15, 2028-02-01, 2028-02-29",   // leap February
      "MONTH, 2027-02-28, 2027-02-01, 2027-02-28",
      "QUARTER, 2028-02-29, 2028-01-01, 2028-03-31",
      "QUARTER, 2026-12-31, 2026-10-01, 2026-12-31",
      "YEAR, 2028-02-29, 2028-01-01, 2028-12-31",
      "P30D, 2026-03-01, 2026-01-31, 2026-03-01",
      "P1Y, 2028-02-29, 2027-03-01, 2028-02-29",     // a year back from a leap day
      "P1M, 2026-03-31, 2026-03-01, 2026-03-31",     // a month back clamps to 2026-02-28
      "POLICY, 2026-06-01, 2026-01-01, 2026-12-31",
  })
  void range_containsTheTargetDate(String window, String td, String from, String to) {
    WindowLimit.DateRange r = new WindowLimit(window, 1, 1)
        .range(LocalDate.parse(td), LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"));
    assertThat(r.from()).isEqualTo(from);
    assertThat(r.to()).isEqualTo(to);
  }

  @ParameterizedTest
  @CsvSource({"P30D, true", "P2W, true", "MONTH, true", "POLICY, true", "P0D, false", "P-1D, false",
      "30, false", "month, false"})
  void isValid(String window, boolean valid) {
    assertThat(new WindowLimit(window, 1, 1).isValid()).isEqualTo(valid);
  }
}

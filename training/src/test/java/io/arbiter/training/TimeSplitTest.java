package io.arbiter.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSplitTest {
  private static final LocalDate D1 = LocalDate.of(2026, 3, 1);
  private static final LocalDate D2 = LocalDate.of(2026, 3, 2);
  private static final LocalDate D3 = LocalDate.of(2026, 3, 3);
  private static final LocalDate D4 = LocalDate.of(2026, 3, 4);

  @Test
  void splitDate_quarterOfTenClaims_startsOnTheDayOfTheEighthClaim() {
    // Sorted: D1 D1 D1 D2 D2 D2 D2 D3 D3 D4; the 8th (index 7) is D3, so D3 and D4 are held out.
    List<LocalDate> dates = List.of(D4, D1, D2, D3, D1, D2, D1, D2, D3, D2);

    assertThat(TimeSplit.splitDate(dates, 0.25)).isEqualTo(D3);
  }

  @Test
  void splitDate_splitInsideADay_putsTheWholeDayInTheLaterPart() {
    // Index floor(10 · 0.5) = 5 falls among the D2 claims: all four D2 claims are later, none earlier.
    List<LocalDate> dates = List.of(D1, D1, D1, D2, D2, D2, D2, D3, D3, D4);

    LocalDate split = TimeSplit.splitDate(dates, 0.5);

    assertThat(split).isEqualTo(D2);
    assertThat(dates.stream().filter(d -> d.isBefore(split))).containsOnly(D1);
  }

  @Test
  void splitDate_earliestDayHoldsMostClaims_startsTheNextDay() {
    assertThat(TimeSplit.splitDate(List.of(D1, D1, D1, D1, D1, D1, D1, D1, D1, D2), 0.5)).isEqualTo(D2);
  }

  @Test
  void splitDate_allClaimsOnOneDay_isRefused() {
    assertThatThrownBy(() -> TimeSplit.splitDate(List.of(D1, D1, D1), 0.25))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two days");
  }
}

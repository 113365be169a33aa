package io.arbiter.openimis;

import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.openimis.VersionChain.Row;
import io.arbiter.openimis.VersionChain.Version;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 22 §1: openIMIS rows of one code to Arbiter's inclusive, non-overlapping versions. */
class VersionChainTest {
  private static final LocalDate JAN_1 = LocalDate.of(2020, 1, 1);

  @Test
  void of_editTheDayAfter_historyEndsTheDayBefore_oldestSinceEver() {
    var chain = VersionChain.of(List.of(new Row<>(2, JAN_1.plusDays(1), null, "current"),
        new Row<>(1, JAN_1, JAN_1.plusDays(1), "history")));

    assertThat(chain.versions()).extracting(Version::validFrom, Version::validTo).containsExactly(
        org.assertj.core.groups.Tuple.tuple(null, JAN_1),
        org.assertj.core.groups.Tuple.tuple(JAN_1.plusDays(1), null));
    assertThat(chain.sameDay()).isEmpty();
  }

  @Test
  void of_historyEndingOnItsLastDay_keepsThatDay() {
    var chain = VersionChain.of(List.of(new Row<>(1, JAN_1, JAN_1.plusDays(30), "history"),
        new Row<>(2, JAN_1.plusDays(40), null, "current")));

    assertThat(chain.versions().get(0).validTo()).as("a gap stays a gap").isEqualTo(JAN_1.plusDays(30));
  }

  @Test
  void of_replacedTheDayItStarted_noVersion_reported() {
    Row<String> sameDay = new Row<>(1, JAN_1.plusDays(5), JAN_1.plusDays(5), "typo");
    var chain = VersionChain.of(List.of(new Row<>(0, JAN_1, JAN_1.plusDays(5), "first"), sameDay,
        new Row<>(2, JAN_1.plusDays(5), null, "current")));

    assertThat(chain.sameDay()).containsExactly(sameDay);
    assertThat(chain.versions()).extracting(v -> v.row().value()).containsExactly("first", "current");
    assertThat(chain.versions().get(0).validTo()).isEqualTo(JAN_1.plusDays(4));
  }

  @Test
  void of_twoCurrentRows_earlierOneOverlaps() {
    Row<String> older = new Row<>(1, JAN_1, null, "older");
    var chain = VersionChain.of(List.of(older, new Row<>(2, JAN_1.plusDays(10), null, "newer")));

    assertThat(chain.overlapping()).singleElement().satisfies(o -> {
      assertThat(o.row()).isEqualTo(older);
      assertThat(o.laterStart()).isEqualTo(JAN_1.plusDays(10));
    });
    assertThat(chain.versions()).singleElement().satisfies(v -> assertThat(v.validFrom()).isNull());
  }
}

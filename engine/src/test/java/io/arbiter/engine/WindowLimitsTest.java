package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arbiter.claim.LineDecision;
import io.arbiter.claim.RejectionCode;
import io.arbiter.scheme.SchemeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Provision limits per window of time (rules/windows.drl), at the windows' edges. */
class WindowLimitsTest {

  private static Arbiter withWindow(String window, int limit, String earlierDate, String earlierQty) {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("PARA").putArray("windowLimits").addObject().put("window", window)
        .put("limitAdult", limit).put("limitChild", limit);
    Arbiter arbiter = scheme.arbiter();
    assertThat(arbiter.claims().submit(claim().on(earlierDate).item("PARA", earlierQty, "10").build()).decision()
        .items().get(0).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
    return arbiter;
  }

  private static LineDecision para(Arbiter arbiter, String date, String qty) {
    return arbiter.claims().submit(claim().on(date).item("PARA", qty, "10").build()).decision().items().get(0);
  }

  @ParameterizedTest(name = "{0}, limit 1, earlier on {1}, claim on {2}: code {3}")
  @CsvSource({
      "P30D, 2026-06-01, 2026-06-30, 16",     // 29 days later: the earlier day is the window's first
      "P30D, 2026-06-01, 2026-07-01, 0",      // 30 days later: just outside
      "MONTH, 2026-06-30, 2026-06-01, 16",    // same calendar month, later-dated provision counts
      "MONTH, 2026-06-30, 2026-07-01, 0",     // next month
      "QUARTER, 2026-03-31, 2026-01-01, 16",  // same quarter
      "QUARTER, 2026-03-31, 2026-04-01, 0",   // next quarter
      "YEAR, 2026-01-01, 2026-12-31, 16",
      "POLICY, 2026-01-01, 2026-12-31, 16",
  })
  void window_edges(String window, String earlier, String date, int code) {
    LineDecision line = para(withWindow(window, 1, earlier, "1"), date, "1");
    assertThat(line.rejectionReason()).isEqualTo(RejectionCode.of(code));
    if (code == 16) {
      assertThat(line.rule()).isEqualTo("16 window limit");
      assertThat(line.explanation()).contains("per " + window, "1 already provided");
      assertThat(line.parameters()).containsEntry("window", window);
    }
  }

  @Test
  void window_partialQuantityWhenTheRestIsLess() {
    LineDecision line = para(withWindow("MONTH", 3, "2026-06-02", "2"), "2026-06-20", "2");
    assertThat(line.rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
    assertThat(line.qtyApproved()).isEqualByComparingTo("1");
    assertThat(line.rule()).isEqualTo("16 partial window limit");
    assertThat(line.explanation()).contains("per MONTH (2026-06-01 to 2026-06-30)", "1 of 2 approved");
  }

  @Test
  void window_partialSwitchOffPassesTheWholeQuantityUntilTheLimitIsReached() {
    TestScheme scheme = TestScheme.base();
    scheme.settings().put("partialProvisions", false);
    scheme.productLine("PARA").putArray("windowLimits").addObject().put("window", "MONTH").put("limitAdult", 3);
    Arbiter arbiter = scheme.arbiter();
    arbiter.claims().submit(claim().on("2026-06-02").item("PARA", "2", "10").build());
    assertThat(para(arbiter, "2026-06-10", "2").qtyApproved()).isEqualByComparingTo("2");
    assertThat(para(arbiter, "2026-06-11", "1").rejectionReason()).isEqualTo(RejectionCode.MAX_PROVISIONS);
  }

  @Test
  void window_tighterOfTheWindowAndThePolicyLimitWins() {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("PARA").put("limitNoAdult", 10).putArray("windowLimits").addObject()
        .put("window", "P7D").put("limitAdult", 2);
    Arbiter arbiter = scheme.arbiter();
    assertThat(para(arbiter, "2026-06-01", "5").qtyApproved()).isEqualByComparingTo("2");
    assertThat(para(arbiter, "2026-06-08", "9").qtyApproved()).as("new week: 2 allowed, 8 left in the policy")
        .isEqualByComparingTo("2");
  }

  @Test
  void window_childColumnForChildren() {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("PARA").putArray("windowLimits").addObject().put("window", "MONTH").put("limitAdult", 0);
    Arbiter arbiter = scheme.arbiter();
    assertThat(para(arbiter, "2026-06-01", "1").rejectionReason()).isEqualTo(RejectionCode.MAX_PROVISIONS);
    assertThat(arbiter.claims().submit(claim().insuree("113").item("PARA", "1", "10").build()).decision().items().get(0)
        .rejectionReason()).as("no child limit").isEqualTo(RejectionCode.ACCEPTED);
  }

  @Test
  void window_unknownFormIsRefusedAtImport() {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("PARA").putArray("windowLimits").addObject().put("window", "WEEKLY").put("limitAdult", 1);
    assertThatThrownBy(scheme::arbiter).isInstanceOfSatisfying(SchemeException.class,
        e -> assertThat(e.problems()).singleElement()
            .satisfies(p -> assertThat(p.field()).isEqualTo("/products/0/items/0/windowLimits/0/window")));
  }
}

package io.arbiter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.scheme.LineKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryLedgerTest {
  private static final LocalDate JUNE_1 = LocalDate.parse("2026-06-01");

  private static ClaimUsage usage(String code, LocalDate td, String qty, String category) {
    return new ClaimUsage(code, "111", td, category, false,
        List.of(new ClaimUsage.Line(LineKind.ITEM, "PARA", new BigDecimal(qty))),
        List.of(new PolicyAmounts("POL1", false, new BigDecimal("5"), new BigDecimal("20"))));
  }

  @Test
  void providedQuantity_sumsTheInclusiveRange() {
    InMemoryLedger ledger = new InMemoryLedger();
    ledger.book(usage("A", JUNE_1, "2", "C"));
    ledger.book(usage("B", JUNE_1.plusDays(10), "3", "C"));
    assertThat(ledger.providedQuantity("111", LineKind.ITEM, "PARA", JUNE_1, JUNE_1.plusDays(10)))
        .isEqualByComparingTo("5");
    assertThat(ledger.providedQuantity("111", LineKind.ITEM, "PARA", JUNE_1.plusDays(1), JUNE_1.plusDays(10)))
        .isEqualByComparingTo("3");
    assertThat(ledger.claimsInCategory("111", "C", JUNE_1, JUNE_1)).isEqualTo(1);
  }

  @Test
  void nearestProvision_looksBothWays() {
    InMemoryLedger ledger = new InMemoryLedger();
    ledger.book(usage("A", JUNE_1, "1", null));
    ledger.book(usage("B", JUNE_1.plusDays(30), "1", null));
    assertThat(ledger.nearestProvision("111", LineKind.ITEM, "PARA", JUNE_1.plusDays(20)))
        .hasValueSatisfying(p -> assertThat(p.claimCode()).isEqualTo("B"));
    assertThat(ledger.nearestProvision("111", LineKind.ITEM, "PARA", JUNE_1.plusDays(5)))
        .hasValueSatisfying(p -> assertThat(p.claimCode()).isEqualTo("A"));
    assertThat(ledger.nearestProvision("111", LineKind.SERVICE, "PARA", JUNE_1)).isEmpty();
  }

  @Test
  void book_replacesTheClaimsEarlierEntry() {
    InMemoryLedger ledger = new InMemoryLedger();
    ledger.book(usage("A", JUNE_1, "2", "C"));
    ledger.book(usage("A", JUNE_1, "1", "C").asFinal());
    assertThat(ledger.providedQuantity("111", LineKind.ITEM, "PARA", JUNE_1, JUNE_1)).isEqualByComparingTo("1");
    assertThat(ledger.claimsInCategory("111", "C", JUNE_1, JUNE_1)).isEqualTo(1);
    assertThat(ledger.policyTotals("POL1").remunerated()).isEqualByComparingTo("20");
    assertThat(ledger.usage("A")).hasValueSatisfying(u -> assertThat(u.isFinal()).isTrue());
  }

  @Test
  void remove_undoesEveryCounter() {
    InMemoryLedger ledger = new InMemoryLedger();
    ledger.book(usage("A", JUNE_1, "2", "C"));
    ledger.remove("A");
    assertThat(ledger.providedQuantity("111", LineKind.ITEM, "PARA", JUNE_1, JUNE_1)).isZero();
    assertThat(ledger.claimsInCategory("111", "C", JUNE_1, JUNE_1)).isZero();
    assertThat(ledger.nearestProvision("111", LineKind.ITEM, "PARA", JUNE_1)).isEmpty();
    assertThat(ledger.policyTotals("POL1").deducted()).isZero();
    assertThat(ledger.insureeTotals("POL1", "111").remuneratedOP()).isZero();
  }

  @Test
  void remove_claimWithTwoLinesOfTheSameCode() {
    InMemoryLedger ledger = new InMemoryLedger();
    ledger.book(new ClaimUsage("A", "111", JUNE_1, null, false, List.of(
        new ClaimUsage.Line(LineKind.ITEM, "PARA", BigDecimal.ONE),
        new ClaimUsage.Line(LineKind.ITEM, "PARA", BigDecimal.TEN)), List.of()));
    ledger.remove("A");
    assertThat(ledger.providedQuantity("111", LineKind.ITEM, "PARA", JUNE_1, JUNE_1)).isZero();
  }
}

package io.arbiter.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.arbiter.scheme.LineKind;
import java.math.BigDecimal;
import java.util.List;

/**
 * A claim's own entry in the utilisation ledger, as a client reads it with the claim: what the
 * claim counts against each policy's deductibles and ceilings, and the provisions it counts
 * against limits and frequencies. Immutable.
 *
 * @param state {@code provisional} while the claim is checked, {@code final} once processed
 * @param category the claim category its claims-per-category maxima count it under; absent when
 *     the claim has none
 * @param policies per policy the claim paid under, in the order valued
 * @param provisions the passed lines and their approved quantities
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerEntry(String state, String category, List<PolicyEntry> policies, List<ProvisionEntry> provisions) {

  public static final String PROVISIONAL = "provisional";
  public static final String FINAL = "final";

  public LedgerEntry {
    policies = List.copyOf(policies);
    provisions = List.copyOf(provisions);
  }

  /**
   * What the claim counts under one policy, in openIMIS's buckets: general, and in-patient or
   * out-patient by whether it was a hospital visit (the other bucket is 0).
   *
   * @param remunerated paid and counted against the general ceilings
   * @param ceilingExcluded paid on lines excluded from the general ceilings, counted against none
   * @param remuneratedInCategory paid in the claim's category ({@code remunerated} plus
   *     {@code ceilingExcluded}; the category maximum caps it within the claim); absent without a
   *     category
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PolicyEntry(String policyId, boolean hospitalVisit, BigDecimal deducted, BigDecimal deductedIP,
      BigDecimal deductedOP, BigDecimal remunerated, BigDecimal remuneratedIP, BigDecimal remuneratedOP,
      BigDecimal ceilingExcluded, BigDecimal remuneratedInCategory) {}

  /** A passed line: {@code item} or {@code service}, its code, and the quantity approved. */
  public record ProvisionEntry(String kind, String code, BigDecimal quantity) {}

  /** The entry a booked usage shows. */
  public static LedgerEntry of(ClaimUsage usage) {
    return new LedgerEntry(usage.isFinal() ? FINAL : PROVISIONAL, usage.category(),
        usage.policies().stream().map(a -> policy(a, usage.category())).toList(),
        usage.provisions().stream().map(l -> new ProvisionEntry(l.kind() == LineKind.ITEM ? "item" : "service",
            l.code(), l.quantity())).toList());
  }

  private static PolicyEntry policy(PolicyAmounts a, String category) {
    Totals t = Totals.ZERO.plus(a, 1);
    return new PolicyEntry(a.policyId(), a.hospitalVisit(), t.deducted(), t.deductedIP(), t.deductedOP(),
        t.remunerated(), t.remuneratedIP(), t.remuneratedOP(), a.ceilingExcluded(),
        category == null ? null : a.remunerated().add(a.ceilingExcluded()));
  }
}

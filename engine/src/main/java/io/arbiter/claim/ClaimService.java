package io.arbiter.claim;

import java.math.BigDecimal;
import java.util.List;

/**
 * A service line as submitted: the service's code, quantity provided and unit price asked; for a
 * package service, its parts as {@code subItems} and {@code subServices} (then the asked price is
 * the sum of the parts and may be left out).
 */
public record ClaimService(String serviceCode, BigDecimal qtyProvided, BigDecimal priceAsked,
    List<ClaimSubLine> subItems, List<ClaimSubLine> subServices) {

  public ClaimService {
    subItems = subItems == null ? List.of() : List.copyOf(subItems);
    subServices = subServices == null ? List.of() : List.copyOf(subServices);
  }

  /** A service line without parts. */
  public ClaimService(String serviceCode, BigDecimal qtyProvided, BigDecimal priceAsked) {
    this(serviceCode, qtyProvided, priceAsked, null, null);
  }

  public boolean hasParts() {
    return !subItems.isEmpty() || !subServices.isEmpty();
  }

  /** Σ qtyProvided × priceAsked over the parts: the asked price of one unit of the package. */
  public BigDecimal partsAsked() {
    BigDecimal sum = BigDecimal.ZERO;
    for (ClaimSubLine p : subItems) {
      sum = sum.add(p.qtyProvided().multiply(p.priceAsked()));
    }
    for (ClaimSubLine p : subServices) {
      sum = sum.add(p.qtyProvided().multiply(p.priceAsked()));
    }
    return sum;
  }
}

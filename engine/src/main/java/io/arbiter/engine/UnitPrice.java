package io.arbiter.engine;

import io.arbiter.claim.Claim;
import io.arbiter.scheme.HealthFacility;
import io.arbiter.scheme.LineKind;
import io.arbiter.scheme.PriceListEntry;
import io.arbiter.scheme.PriceOrigin;
import io.arbiter.scheme.RegisterEntry;
import io.arbiter.scheme.SchemeSnapshot;
import java.math.BigDecimal;

/** Spec §6 step 1: the unit price a line is valued at. */
final class UnitPrice {
  private UnitPrice() {}

  /** The unit price valuation uses: a reviewer's approved price if honoured, else {@link #scheme}. */
  static BigDecimal of(SchemeSnapshot scheme, Claim claim, LineState line, PriceOrigin origin) {
    if (line.priceApproved != null && scheme.settings().honourApprovedPrice()) {
      return Money.of(line.priceApproved);
    }
    return scheme(scheme, claim, line, origin);
  }

  /** The scheme's unit price (stored as {@code priceAdjusted}): asked price for origin O, else the price list's. */
  static BigDecimal scheme(SchemeSnapshot scheme, Claim claim, LineState line, PriceOrigin origin) {
    if (origin == PriceOrigin.O) {
      return Money.of(line.priceAsked);
    }
    HealthFacility facility = scheme.facility(claim.healthFacility());
    String list = line.kind == LineKind.ITEM ? facility.itemsPriceList() : facility.servicesPriceList();
    PriceListEntry entry = scheme.priceListEntry(list, line.code, claim.targetDate());
    if (entry != null && entry.priceOverride() != null) {
      return Money.of(entry.priceOverride());
    }
    RegisterEntry register = scheme.register(line.kind, line.code, claim.targetDate());
    return Money.of(register != null ? register.price() : line.priceAsked);
  }
}

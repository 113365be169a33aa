package io.arbiter.engine;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimService;
import io.arbiter.scheme.HealthFacility;
import io.arbiter.scheme.LineKind;
import io.arbiter.scheme.MedicalService;
import io.arbiter.scheme.PackageContents;
import io.arbiter.scheme.PackageType;
import io.arbiter.scheme.PriceListEntry;
import io.arbiter.scheme.PriceOrigin;
import io.arbiter.scheme.RegisterEntry;
import io.arbiter.scheme.SchemeSnapshot;
import java.math.BigDecimal;

/** docs/adjudication.md §6 step 1: the unit price a line is valued at. */
final class UnitPrice {
  private UnitPrice() {}

  /** The unit price valuation uses: a reviewer's approved price if honoured, else {@link #scheme}. */
  static BigDecimal of(SchemeSnapshot scheme, Claim claim, LineState line, PriceOrigin origin) {
    if (line.packageDifferences != null) {
      return Money.zero();
    }
    if (line.priceApproved != null && scheme.settings().honourApprovedPrice()) {
      return Money.of(line.priceApproved);
    }
    ClaimService parts = line.kind == LineKind.SERVICE ? claim.services().get(line.lineNo - 1) : null;
    if (parts != null && parts.hasParts() && scheme.settings().valuePackages()) {
      MedicalService service = scheme.service(line.code, claim.targetDate());
      if (service.packageType() == PackageType.P) {
        return Money.of(partsAtListPrices(scheme, claim, service.packageContents()));
      }
    }
    return scheme(scheme, claim, line, origin);
  }

  /** A fee-for-service package is worth its defined parts at the facility's prices. */
  private static BigDecimal partsAtListPrices(SchemeSnapshot scheme, Claim claim, PackageContents contents) {
    BigDecimal sum = BigDecimal.ZERO;
    for (PackageContents.Part p : contents.items()) {
      sum = sum.add(p.qty().multiply(listPrice(scheme, claim, LineKind.ITEM, p.code())));
    }
    for (PackageContents.Part p : contents.services()) {
      sum = sum.add(p.qty().multiply(listPrice(scheme, claim, LineKind.SERVICE, p.code())));
    }
    return sum;
  }

  /**
   * The scheme's unit price (stored as {@code priceAdjusted}): the asked price for origin O (for a
   * package claimed with its parts, their sum), else the price list's; a flat-fee package (F) is
   * then capped at its register price, with or without parts (docs/adjudication.md §6 step 1, as openIMIS).
   */
  static BigDecimal scheme(SchemeSnapshot scheme, Claim claim, LineState line, PriceOrigin origin) {
    BigDecimal price = origin == PriceOrigin.O ? Money.of(line.priceAsked) : listPrice(scheme, claim, line.kind, line.code);
    if (line.kind == LineKind.SERVICE) {
      MedicalService service = scheme.service(line.code, claim.targetDate());
      if (service != null && service.packageType() == PackageType.F) {
        return Money.min(price, Money.of(service.price()));
      }
    }
    return price;
  }

  /** The facility's price-list price at the target date: the list's override, else the register's. */
  private static BigDecimal listPrice(SchemeSnapshot scheme, Claim claim, LineKind kind, String code) {
    HealthFacility facility = scheme.facility(claim.healthFacility());
    String list = kind == LineKind.ITEM ? facility.itemsPriceList() : facility.servicesPriceList();
    PriceListEntry entry = scheme.priceListEntry(list, code, claim.targetDate());
    if (entry != null && entry.priceOverride() != null) {
      return Money.of(entry.priceOverride());
    }
    RegisterEntry register = scheme.register(kind, code, claim.targetDate());
    return register == null ? Money.zero() : Money.of(register.price());
  }
}

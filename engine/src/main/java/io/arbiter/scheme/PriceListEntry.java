package io.arbiter.scheme;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One version of an item or service on a price list.
 *
 * @param priceOverride the list's own price; null means the register price
 */
public record PriceListEntry(
    String code, BigDecimal priceOverride, LocalDate validFrom, LocalDate validTo)
    implements Validity {}

package io.arbiter.claim;

import java.math.BigDecimal;

/** An item line as submitted: the item's code, quantity provided and unit price asked. */
public record ClaimItem(String itemCode, BigDecimal qtyProvided, BigDecimal priceAsked) {}

package io.arbiter.claim;

import java.math.BigDecimal;

/**
 * A part of a package service as provided: an item or service code, the quantity per unit of the
 * package, and the unit price asked.
 */
public record ClaimSubLine(String code, BigDecimal qtyProvided, BigDecimal priceAsked) {}

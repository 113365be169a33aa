package io.arbiter.claim;

import java.math.BigDecimal;

/** A service line as submitted: the service's code, quantity provided and unit price asked. */
public record ClaimService(String serviceCode, BigDecimal qtyProvided, BigDecimal priceAsked) {}

package io.arbiter.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A passed item or service line on an adjudicated claim: which claim, its target date, quantity. */
public record Provision(String claimCode, LocalDate targetDate, BigDecimal quantity) {}

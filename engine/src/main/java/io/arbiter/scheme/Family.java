package io.arbiter.scheme;

import java.time.LocalDate;

/**
 * A family (household) whose members are insured together.
 *
 * @param validTo last day the family record is valid; null while current (a past date makes it
 *     historical)
 */
public record Family(String id, String headChfId, LocalDate validTo) {}

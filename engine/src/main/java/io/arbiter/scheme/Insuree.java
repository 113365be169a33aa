package io.arbiter.scheme;

import java.time.LocalDate;

/**
 * An insured person, identified by the insurance number (CHF id).
 *
 * @param gender null when unknown (such an insuree cannot be adjudicated)
 * @param dob birth date; null when unknown (such an insuree cannot be adjudicated)
 * @param validTo last day the record is valid; null while current
 */
public record Insuree(String chfId, String familyId, Gender gender, LocalDate dob, LocalDate validTo) {}

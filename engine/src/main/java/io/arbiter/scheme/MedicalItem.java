package io.arbiter.scheme;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One version of an item in the register (openIMIS {@code tblItems}).
 *
 * @param type D drug or M medical consumable
 * @param packageDescription free-text pack description
 */
public record MedicalItem(
    String code,
    String name,
    String type,
    String packageDescription,
    BigDecimal price,
    CareType careType,
    int frequency,
    int patientCategory,
    LocalDate validFrom,
    LocalDate validTo)
    implements RegisterEntry {}

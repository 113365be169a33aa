package io.arbiter.scheme;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One version of an item in the register (openIMIS {@code tblItems}).
 *
 * @param patientCategory openIMIS's mask (1 male, 2 female, 4 adult, 8 child); 0 when {@code patient}
 *     says it instead
 * @param patient the same per concern; null when the mask says it
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
    PatientCategory patient,
    LocalDate validFrom,
    LocalDate validTo)
    implements RegisterEntry {

  @Override
  public MedicalItem withMask(int mask) {
    return new MedicalItem(code, name, type, packageDescription, price, careType, frequency, mask, null,
        validFrom, validTo);
  }
}

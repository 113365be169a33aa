package io.arbiter.scheme;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One version of a service in the register (openIMIS {@code tblServices}).
 *
 * @param patientCategory openIMIS's mask (1 male, 2 female, 4 adult, 8 child); 0 when {@code patient}
 *     says it instead
 * @param patient the same per concern; null when the mask says it
 * @param type C curative or P preventive
 * @param level S simple, V visit, D day hospital, H hospital care
 * @param category S surgery, D delivery, A antenatal, H hospitalisation, C consultation, O other,
 *     V visit; null when none
 * @param packageType S simple (default when null), F flat-fee bundle, P fee-for-service package
 * @param packageContents what one unit of a package contains; null for a simple service
 */
public record MedicalService(
    String code,
    String name,
    String type,
    String level,
    String category,
    PackageType packageType,
    BigDecimal price,
    CareType careType,
    int frequency,
    int patientCategory,
    PatientCategory patient,
    PackageContents packageContents,
    LocalDate validFrom,
    LocalDate validTo)
    implements RegisterEntry {

  @Override
  public MedicalService withMask(int mask) {
    return new MedicalService(code, name, type, level, category, packageType, price, careType, frequency, mask,
        null, packageContents, validFrom, validTo);
  }
}

package io.arbiter.claim;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;

/**
 * A claim as a health facility submits it, in openIMIS vocabulary. Immutable; null lists are
 * empty. Field-level checks (docs/adjudication.md §4.0) happen at submission, not here.
 *
 * @param code the claim code, unique in the scheme
 * @param chfId the insuree's insurance number
 * @param healthFacility the facility's code
 * @param dateTo last day of care; null for a one-day visit
 * @param visitType O other, E emergency, R referral; null or unknown means O
 * @param icd main diagnosis; {@code icd1}..{@code icd4} secondary diagnoses
 * @param voucher the voucher number, for claims under a voucher product; else null
 * @param insurance FHIR R4 {@code Claim.insurance} of a claim posted as FHIR, as a JSON array,
 *     kept so that the claim reads back as posted; the engine never reads it. Null otherwise
 */
public record Claim(
    String code,
    String chfId,
    String healthFacility,
    LocalDate dateFrom,
    LocalDate dateTo,
    LocalDate dateClaimed,
    String visitType,
    String icd,
    String icd1,
    String icd2,
    String icd3,
    String icd4,
    List<ClaimItem> items,
    List<ClaimService> services,
    String voucher,
    @JsonInclude(JsonInclude.Include.NON_NULL) String insurance) {

  public Claim {
    items = items == null ? List.of() : List.copyOf(items);
    services = services == null ? List.of() : List.copyOf(services);
  }

  /** A claim without FHIR insurance: every claim but one posted as FHIR. */
  public Claim(String code, String chfId, String healthFacility, LocalDate dateFrom, LocalDate dateTo,
      LocalDate dateClaimed, String visitType, String icd, String icd1, String icd2, String icd3, String icd4,
      List<ClaimItem> items, List<ClaimService> services, String voucher) {
    this(code, chfId, healthFacility, dateFrom, dateTo, dateClaimed, visitType, icd, icd1, icd2, icd3, icd4, items,
        services, voucher, null);
  }

  /** Target date: {@code dateTo} if present, else {@code dateFrom}. */
  public LocalDate targetDate() {
    return dateTo != null ? dateTo : dateFrom;
  }

  /** In-patient when the target date differs from {@code dateFrom}. */
  public boolean inPatient() {
    return dateFrom != null && !targetDate().equals(dateFrom);
  }

  /** Visit type normalised to O, E or R. */
  public String visit() {
    return "E".equals(visitType) || "R".equals(visitType) ? visitType : "O";
  }

  /** The diagnosis codes that are set, main first, each with its field name. */
  public List<DiagnosisField> diagnoses() {
    return java.util.stream.Stream.of(
            new DiagnosisField("icd", icd), new DiagnosisField("icd1", icd1),
            new DiagnosisField("icd2", icd2), new DiagnosisField("icd3", icd3),
            new DiagnosisField("icd4", icd4))
        .filter(d -> d.code() != null)
        .toList();
  }

  /** A diagnosis code and the claim field that holds it. */
  public record DiagnosisField(String field, String code) {}
}

package io.arbiter.scheme;

/**
 * The switches where openIMIS's two implementations disagree (docs/adjudication.md §9), with their defaults, and
 * Arbiter's own: {@code valuePackages} (default true) values package services from their parts;
 * false keeps openIMIS's behaviour, parts ignored; {@code voucherNumberFormat} (a regular
 * expression, default six letters or digits) is what a voucher import accepts as a number;
 * {@code reviewSelection} is how claims are selected for review (default {@link ReviewPolicy#NONE}).
 * Immutable; a null field in a scheme document takes the default.
 */
public record SchemeSettings(
    Boolean wholeClaimOnMaximum,
    CareTypeRule careTypeRule,
    MaskZeroMeans maskZeroMeans,
    FrequencyBoundary frequencyBoundary,
    Boolean partialProvisions,
    Boolean anyProductPasses,
    Integer ageOfMajority,
    DeductibleCeilingPrecedence deductibleCeilingPrecedence,
    Boolean honourApprovedPrice,
    Boolean unknownDiagnosisCode8,
    Boolean valuePackages,
    String voucherNumberFormat,
    ReviewPolicy reviewSelection) {

  /** Care type consistency rule (code 10). */
  public enum CareTypeRule { MODULAR, LEGACY }

  /** What a patient mask of 0 means (code 4). */
  public enum MaskZeroMeans { EVERYONE, NOBODY }

  /** Whether provisions exactly f days apart pass (EXCLUSIVE) or are rejected (INCLUSIVE). */
  public enum FrequencyBoundary { EXCLUSIVE, INCLUSIVE }

  /** Which deductible and ceiling is looked at first. */
  public enum DeductibleCeilingPrecedence { POLICY_INSUREE_TREATMENT, TREATMENT_INSUREE_POLICY }

  public static final SchemeSettings DEFAULTS =
      new SchemeSettings(true, CareTypeRule.MODULAR, MaskZeroMeans.EVERYONE,
          FrequencyBoundary.EXCLUSIVE, true, true, 18,
          DeductibleCeilingPrecedence.POLICY_INSUREE_TREATMENT, true, false, true, "[A-Za-z0-9]{6}",
          ReviewPolicy.NONE);

  /** These settings with every unset field taken from {@link #DEFAULTS}. */
  public SchemeSettings withDefaults() {
    SchemeSettings d = DEFAULTS;
    return new SchemeSettings(
        wholeClaimOnMaximum != null ? wholeClaimOnMaximum : d.wholeClaimOnMaximum,
        careTypeRule != null ? careTypeRule : d.careTypeRule,
        maskZeroMeans != null ? maskZeroMeans : d.maskZeroMeans,
        frequencyBoundary != null ? frequencyBoundary : d.frequencyBoundary,
        partialProvisions != null ? partialProvisions : d.partialProvisions,
        anyProductPasses != null ? anyProductPasses : d.anyProductPasses,
        ageOfMajority != null ? ageOfMajority : d.ageOfMajority,
        deductibleCeilingPrecedence != null ? deductibleCeilingPrecedence : d.deductibleCeilingPrecedence,
        honourApprovedPrice != null ? honourApprovedPrice : d.honourApprovedPrice,
        unknownDiagnosisCode8 != null ? unknownDiagnosisCode8 : d.unknownDiagnosisCode8,
        valuePackages != null ? valuePackages : d.valuePackages,
        voucherNumberFormat != null ? voucherNumberFormat : d.voucherNumberFormat,
        reviewSelection != null ? reviewSelection : d.reviewSelection);
  }
}

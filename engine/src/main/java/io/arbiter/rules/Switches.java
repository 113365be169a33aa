package io.arbiter.rules;

import io.arbiter.scheme.SchemeSettings;

/**
 * The §9 switches as a fact the rules can read with plain boolean tests. Immutable.
 */
public final class Switches {
  private final boolean wholeClaimOnMaximum;
  private final boolean careTypeLegacy;
  private final boolean frequencyInclusive;
  private final boolean partialProvisions;
  private final boolean anyProductPasses;
  private final boolean unknownDiagnosisCode8;

  public Switches(SchemeSettings s) {
    this.wholeClaimOnMaximum = s.wholeClaimOnMaximum();
    this.careTypeLegacy = s.careTypeRule() == SchemeSettings.CareTypeRule.LEGACY;
    this.frequencyInclusive = s.frequencyBoundary() == SchemeSettings.FrequencyBoundary.INCLUSIVE;
    this.partialProvisions = s.partialProvisions();
    this.anyProductPasses = s.anyProductPasses();
    this.unknownDiagnosisCode8 = s.unknownDiagnosisCode8();
  }

  public boolean isWholeClaimOnMaximum() {
    return wholeClaimOnMaximum;
  }

  public boolean isCareTypeLegacy() {
    return careTypeLegacy;
  }

  public boolean isFrequencyInclusive() {
    return frequencyInclusive;
  }

  public boolean isPartialProvisions() {
    return partialProvisions;
  }

  public boolean isAnyProductPasses() {
    return anyProductPasses;
  }

  public boolean isUnknownDiagnosisCode8() {
    return unknownDiagnosisCode8;
  }
}

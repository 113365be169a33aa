package io.arbiter.scheme;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One version of a product's coverage of an item or service (openIMIS {@code tblProductItems} /
 * {@code tblProductServices}). Columns without suffix are for visit type O, {@code E} for
 * emergency, {@code R} for referral.
 *
 * @param limitAdult co-insurance percentage (limitation C) or fixed amount (F; 0 = unlimited)
 * @param waitingPeriodAdult waiting months for adults; null means 0
 * @param limitNoAdult maximum number of provisions per policy period for adults; null = no limit
 * @param ceilingExclusionAdult openIMIS's B (always), H (hospital visits), N (other visits) or null
 *     (never), for adults; {@code ceilingExclusionChild} for children
 * @param windowLimits further provision limits per window of time (month, rolling days…)
 */
public record ProductLine(
    String code,
    PriceOrigin priceOrigin,
    Limitation limitationType,
    Limitation limitationTypeE,
    Limitation limitationTypeR,
    BigDecimal limitAdult,
    BigDecimal limitAdultE,
    BigDecimal limitAdultR,
    BigDecimal limitChild,
    BigDecimal limitChildE,
    BigDecimal limitChildR,
    Integer waitingPeriodAdult,
    Integer waitingPeriodChild,
    Integer limitNoAdult,
    Integer limitNoChild,
    CeilingExclusion ceilingExclusionAdult,
    CeilingExclusion ceilingExclusionChild,
    List<WindowLimit> windowLimits,
    LocalDate validFrom,
    LocalDate validTo)
    implements Validity {

  public ProductLine {
    windowLimits = windowLimits == null ? List.of() : List.copyOf(windowLimits);
  }

  /** Limitation for a visit type (O, E or R) ; falls back to the O column when the other is unset. */
  public Limitation limitation(String visitType) {
    Limitation byVisit = switch (visitType) {
      case "E" -> limitationTypeE;
      case "R" -> limitationTypeR;
      default -> limitationType;
    };
    Limitation chosen = byVisit != null ? byVisit : limitationType;
    return chosen != null ? chosen : Limitation.C;
  }

  /** Co-insurance % or fixed amount for a visit type and age group; falls back to the O column. */
  public BigDecimal limit(String visitType, boolean adult) {
    BigDecimal byVisit = switch (visitType) {
      case "E" -> adult ? limitAdultE : limitChildE;
      case "R" -> adult ? limitAdultR : limitChildR;
      default -> adult ? limitAdult : limitChild;
    };
    BigDecimal chosen = byVisit != null ? byVisit : (adult ? limitAdult : limitChild);
    return chosen != null ? chosen : BigDecimal.valueOf(100);
  }

  /** Waiting months for an age group; 0 when unset. */
  public int waitingMonths(boolean adult) {
    Integer w = adult ? waitingPeriodAdult : waitingPeriodChild;
    return w == null ? 0 : w;
  }

  /** Provision limit for an age group; null when unlimited. */
  public Integer limitNo(boolean adult) {
    return adult ? limitNoAdult : limitNoChild;
  }

  /**
   * Whether the line escapes the general ceiling for an age group on a hospital visit or not
   * (docs/adjudication.md §6 step 7); never when the age group's exclusion is unset.
   */
  public boolean excludedFromCeiling(boolean adult, boolean hospitalVisit) {
    CeilingExclusion e = adult ? ceilingExclusionAdult : ceilingExclusionChild;
    return e != null && e.excludes(hospitalVisit);
  }

  /** Price origin; P when unset. */
  public PriceOrigin origin() {
    return priceOrigin == null ? PriceOrigin.P : priceOrigin;
  }
}

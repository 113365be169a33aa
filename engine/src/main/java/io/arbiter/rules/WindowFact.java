package io.arbiter.rules;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A window limit of one covering product line (see {@link CoverageFact#getOrder()}), with the
 * quantity of the code the insuree's other passed lines already took inside the window, from the
 * ledger. Immutable.
 */
public final class WindowFact {
  private final int lineIndex;
  private final int order;
  private final String window;
  private final LocalDate from;
  private final LocalDate to;
  private final BigDecimal limit;
  private final BigDecimal providedBefore;

  /**
   * @param order the covering product line's order, as on its {@link CoverageFact}
   * @param window the window as the product states it (P30D, MONTH, QUARTER, YEAR, POLICY)
   * @param from first day of the window containing the target date
   * @param to last day of that window
   */
  public WindowFact(int lineIndex, int order, String window, LocalDate from, LocalDate to, BigDecimal limit,
      BigDecimal providedBefore) {
    this.lineIndex = lineIndex;
    this.order = order;
    this.window = window;
    this.from = from;
    this.to = to;
    this.limit = limit;
    this.providedBefore = providedBefore;
  }

  public int getLineIndex() {
    return lineIndex;
  }

  public int getOrder() {
    return order;
  }

  public String getWindow() {
    return window;
  }

  public LocalDate getFrom() {
    return from;
  }

  public LocalDate getTo() {
    return to;
  }

  public BigDecimal getLimit() {
    return limit;
  }

  public BigDecimal getProvidedBefore() {
    return providedBefore;
  }

  /** Limit minus what was provided before in the window. */
  public BigDecimal getProvisionsLeft() {
    return limit.subtract(providedBefore);
  }

  /** The window for a person: "per MONTH (2026-06-01 to 2026-06-30)". */
  public String getDescription() {
    return "per " + window + " (" + from + " to " + to + ")";
  }
}

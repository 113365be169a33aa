package io.arbiter.scheme;

import java.util.List;

/** A health facility's price list of items or of services (openIMIS {@code tblPLItems}/{@code tblPLServices}). */
public record PriceList(String code, String name, List<PriceListEntry> entries) {
  public PriceList {
    entries = entries == null ? List.of() : List.copyOf(entries);
  }
}

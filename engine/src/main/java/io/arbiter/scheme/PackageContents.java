package io.arbiter.scheme;

import java.math.BigDecimal;
import java.util.List;

/**
 * What one unit of a package service (package type F or P) contains: items and services, each
 * with its quantity (openIMIS's contained items and services).
 */
public record PackageContents(List<Part> items, List<Part> services) {

  public PackageContents {
    items = items == null ? List.of() : List.copyOf(items);
    services = services == null ? List.of() : List.copyOf(services);
  }

  /** An item or service code and its quantity in one unit of the package. */
  public record Part(String code, BigDecimal qty) {}
}

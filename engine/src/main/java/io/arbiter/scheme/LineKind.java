package io.arbiter.scheme;

/** Whether a claim line, register entry or product line is about an item or a service. */
public enum LineKind {
  ITEM,
  SERVICE;

  /** Lower-case word used in messages and JSON pointers ("item", "service"). */
  public String word() {
    return this == ITEM ? "item" : "service";
  }
}

package io.arbiter.fhir;

import java.util.Locale;
import java.util.Set;

/*
 * Why 406 rather than XML: every body Arbiter reads is JSON (a Claim in XML is refused with 415),
 * openIMIS and its clients speak JSON, and one format keeps one set of limits and one contract.
 * Answering JSON to a client that asked for XML only told it nothing.
 */

/**
 * FHIR content negotiation: Arbiter serves FHIR in JSON only. FHIR's {@code _format} parameter
 * overrides {@code Accept}, as the FHIR HTTP specification says; a client that accepts no JSON is
 * answered 406.
 */
final class FhirFormat {
  static final String FHIR_JSON = "application/fhir+json";
  static final String JSON = "application/json";
  /** What a client may ask for to get FHIR JSON: FHIR's type, plain JSON, DSTU2's name, and wildcards. */
  private static final Set<String> JSON_RANGES = Set.of(FHIR_JSON, JSON, "application/json+fhir", "*/*",
      "application/*");
  /** FHIR's {@code _format} values meaning JSON. */
  private static final Set<String> JSON_FORMATS = Set.of("json", FHIR_JSON, JSON, "application/json+fhir");

  private FhirFormat() {}

  /**
   * The media type to answer in, or null when the client accepts no JSON (406).
   *
   * @param accept the Accept header; null or blank accepts anything
   * @param format the {@code _format} parameter; null when absent
   * @return {@value #JSON} for a client that asks for plain JSON and not FHIR's type, else {@value #FHIR_JSON}
   */
  static String mediaType(String accept, String format) {
    if (format != null) {
      String f = format.trim().toLowerCase(Locale.ROOT);
      return JSON_FORMATS.contains(f) ? (f.equals(JSON) ? JSON : FHIR_JSON) : null;
    }
    if (accept == null || accept.isBlank()) {
      return FHIR_JSON;
    }
    boolean json = false;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      if (!JSON_RANGES.contains(type) || !wanted(parts)) {
        continue;
      }
      if (!type.equals(JSON)) {
        return FHIR_JSON;
      }
      json = true;
    }
    return json ? JSON : null;
  }

  /** Whether a media range's quality is above 0 (RFC 9110 §12.4.2; an unreadable q counts as 1). */
  private static boolean wanted(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].split("=", 2);
      if (parameter.length == 2 && parameter[0].trim().equalsIgnoreCase("q")) {
        try {
          return Double.parseDouble(parameter[1].trim()) > 0;
        } catch (NumberFormatException e) {
          return true;
        }
      }
    }
    return true;
  }
}

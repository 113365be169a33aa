package io.arbiter.fhir;

/** FHIR bodies for tests outside this package (the fuzz test's seed documents). */
public final class FhirSamples {
  private FhirSamples() {}

  /** A one-item FHIR Claim as openIMIS writes one; see {@link FhirTestServer#claim}. */
  public static String claim(String code, String chfId, String facility, String date, String itemCode) {
    return FhirTestServer.claim(code, chfId, facility, date, null, date, "item", itemCode, null);
  }
}

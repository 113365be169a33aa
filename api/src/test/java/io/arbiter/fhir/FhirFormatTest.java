package io.arbiter.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** FHIR content negotiation: JSON for any client that accepts it, none (406) for one that does not. */
class FhirFormatTest {

  /** Regression for issue 15 §5: {@code Accept: application/fhir+xml} got JSON with 200. */
  @ParameterizedTest(name = "Accept {0}, _format {1} → {2}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "-                                                     | -            | application/fhir+json",
      "''                                                    | -            | application/fhir+json",
      "*/*                                                   | -            | application/fhir+json",
      "application/*                                         | -            | application/fhir+json",
      "application/fhir+json                                 | -            | application/fhir+json",
      "application/json+fhir                                 | -            | application/fhir+json",
      "application/json                                      | -            | application/json",
      "APPLICATION/JSON; charset=utf-8                       | -            | application/json",
      "application/json, application/fhir+json               | -            | application/fhir+json",
      "application/fhir+xml;q=1.0, application/fhir+json;q=0.9 | -          | application/fhir+json",
      "text/html,application/xml;q=0.9,*/*;q=0.8             | -            | application/fhir+json",
      "application/fhir+json;q=0.001                         | -            | application/fhir+json",
      "application/fhir+json;q=nonsense                      | -            | application/fhir+json",
      "application/fhir+xml                                  | -            | -",
      "application/xml, text/xml                             | -            | -",
      "application/fhir+json;q=0                             | -            | -",
      "application/fhir+json;q=0.000, */*;q=0                | -            | -",
      "text/plain                                            | -            | -",
      "application/fhir+xml                                  | json         | application/fhir+json",
      "application/fhir+xml                                  | application/json | application/json",
      "-                                                     | APPLICATION/FHIR+JSON | application/fhir+json",
      "application/fhir+json                                 | xml          | -",
      "-                                                     | application/fhir+xml | -",
      "-                                                     | ttl          | -",
      "-                                                     | ''           | -"})
  void mediaType_acceptAndFormat(String accept, String format, String expected) {
    assertThat(FhirFormat.mediaType(accept, format)).isEqualTo(expected);
  }
}

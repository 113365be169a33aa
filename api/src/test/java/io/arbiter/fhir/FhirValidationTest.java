package io.arbiter.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import org.hl7.fhir.r4.model.Claim;
import org.junit.jupiter.api.Test;

/**
 * The base-R4 check that {@link FhirTestServer} puts every FHIR answer through (issue 15 §5): it
 * finds what base R4 forbids, and takes openIMIS's code systems, which it cannot know, as warnings.
 */
class FhirValidationTest {

  private static Claim sample() {
    return (Claim) Fhir.json().parseResource(
        FhirTestServer.claim("V1", "MAN", "HF1", "2026-06-01", null, "2026-06-01", "item", "PARA", null));
  }

  @Test
  void errors_sampleClaim_none() {
    assertThat(FhirValidation.errors(Fhir.write(sample()))).isEmpty();
  }

  /** The error the read-back Claim had before issue 15 §5. */
  @Test
  void errors_claimWithoutInsurance_namesTheMinimum() {
    Claim claim = sample();
    claim.getInsurance().clear();
    assertThat(FhirValidation.errors(Fhir.write(claim)))
        .singleElement().asString().contains("Claim.insurance").contains("minimum required = 1");
  }

  @Test
  void errors_codeOutsideHl7BoundValueSet_isAnError() {
    String json = Fhir.write(sample()).replace("\"use\":\"claim\"", "\"use\":\"bill\"");
    assertThat(FhirValidation.errors(json)).anyMatch(e -> e.contains("Claim.use"));
  }

  @Test
  void messages_openImisCodeSystems_areWarningsOnly() {
    assertThat(FhirValidation.messages(Fhir.write(sample())))
        .filteredOn(m -> m.getMessage().contains(Fhir.OPENIMIS + "CodeSystem/"))
        .isNotEmpty()
        .allMatch(m -> m.getSeverity() == ResultSeverityEnum.WARNING, "a warning");
  }
}

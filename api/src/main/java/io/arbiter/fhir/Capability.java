package io.arbiter.fhir;

import java.util.Date;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;

/** The CapabilityStatement of {@code GET /fhir/metadata}: what {@link FhirClaims} serves, and nothing more. */
final class Capability {
  private Capability() {}

  static CapabilityStatement statement(String rulesetVersion) {
    CapabilityStatement statement = new CapabilityStatement();
    statement.setStatus(PublicationStatus.ACTIVE);
    statement.setDate(new Date());
    statement.setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE);
    statement.setFhirVersion(FHIRVersion._4_0_1);
    statement.addFormat(FhirFormat.FHIR_JSON);
    statement.addFormat("json");
    statement.getSoftware().setName("Arbiter").setVersion(rulesetVersion == null ? null : "rules " + rulesetVersion);
    statement.getImplementation().setDescription(
        "Claim adjudication in openIMIS's FHIR R4 dialect: post a Claim, get a ClaimResponse");
    CapabilityStatement.CapabilityStatementRestComponent rest = statement.addRest().setMode(RestfulCapabilityMode.SERVER);
    CapabilityStatement.CapabilityStatementRestResourceComponent claim = rest.addResource()
        .setType("Claim").setProfile(Fhir.OPENIMIS + "StructureDefinition/openimis-claim");
    claim.addInteraction().setCode(TypeRestfulInteraction.CREATE)
        .setDocumentation("adjudicates the claim; answers its ClaimResponse (201, or 200 for the same claim again)");
    claim.addInteraction().setCode(TypeRestfulInteraction.READ).setDocumentation("the id is the claim code");
    CapabilityStatement.CapabilityStatementRestResourceComponent response = rest.addResource()
        .setType("ClaimResponse").setProfile(Fhir.OPENIMIS + "StructureDefinition/openimis-claim-response");
    response.addInteraction().setCode(TypeRestfulInteraction.READ).setDocumentation("the id is the claim code");
    statement.getFormat().add(new CodeType("application/json"));
    return statement;
  }
}

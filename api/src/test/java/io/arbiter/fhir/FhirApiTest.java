package io.arbiter.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The FHIR interface over HTTP, against openIMIS's own R4 fixtures (read from
 * ../shared/data/openimis/fhir-r4; the tests that need them are skipped where it is absent) and
 * hand-made bad requests.
 */
class FhirApiTest {
  private static FhirTestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new FhirTestServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void assumeFixtures() {
    Assumptions.assumeTrue(Files.isDirectory(FhirTestServer.FIXTURES),
        "openIMIS FHIR fixtures not found at " + FhirTestServer.FIXTURES.toAbsolutePath() + "; skipping");
  }

  private static JsonNode outcome(FhirTestServer.Response r, int status) throws Exception {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/fhir+json");
    JsonNode json = r.json();
    assertThat(json.path("resourceType").asText()).isEqualTo("OperationOutcome");
    assertThat(json.at("/issue/0/severity").asText()).isEqualTo("error");
    return json;
  }

  private static java.util.List<String> expressions(JsonNode outcome) {
    return outcome.findValues("expression").stream().flatMap(e -> java.util.stream.StreamSupport.stream(
        e.spliterator(), false)).map(JsonNode::asText).toList();
  }

  @Test
  void postClaim_openImisFixture_answersClaimResponseShapedLikeOpenImis() throws Exception {
    assumeFixtures();
    FhirTestServer.Response r = server.postFhir(
        FhirTestServer.fixture("be-api_fhir_r4_py-tests/test_claim_with_code_references.json"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.contentType()).startsWith("application/fhir+json");
    assertThat(r.location()).isEqualTo("/fhir/ClaimResponse/T00002");
    JsonNode ours = r.json();
    JsonNode theirs = Json.read(FhirTestServer.fixture("be-api_fhir_r4_py-tests/test_claimResponse.json"));
    JsonNode ig = Json.read(FhirTestServer.fixture("r4-ig-examples/ClaimResponse-Claim001.json"));

    assertThat(ours.path("resourceType").asText()).isEqualTo("ClaimResponse");
    assertThat(ours.path("outcome").asText()).as("checked").isEqualTo("partial");
    assertThat(ours.at("/identifier/0/value").asText()).isEqualTo("T00002");
    assertThat(ours.at("/identifier/0/type/coding/0/system").asText())
        .isEqualTo(theirs.at("/identifier/1/type/coding/0/system").asText());
    assertThat(ours.at("/type/coding/0/system").asText()).isEqualTo(ig.at("/type/coding/0/system").asText());
    assertThat(ours.at("/type/coding/0/code").asText()).isEqualTo("O");
    assertThat(ours.at("/patient/identifier/value").asText()).isEqualTo("999000001");
    // Same item structure: sequences of the posted Claim, openIMIS's item reference, categories and reasons.
    assertThat(ours.path("item")).hasSize(theirs.path("item").size());
    for (int i = 0; i < 2; i++) {
      JsonNode item = ours.path("item").get(i);
      JsonNode their = theirs.path("item").get(i);
      assertThat(item.path("itemSequence").asInt()).isEqualTo(their.path("itemSequence").asInt());
      assertThat(item.at("/extension/0/url").asText()).isEqualTo(their.at("/extension/0/url").asText());
      assertThat(item.at("/extension/0/valueReference/type").asText())
          .isEqualTo(their.at("/extension/0/valueReference/type").asText());
      assertThat(item.at("/extension/0/valueReference/display").asText())
          .isEqualTo(their.at("/extension/0/valueReference/display").asText());
      JsonNode entered = item.at("/adjudication/0");
      assertThat(entered.at("/category/coding/0/system").asText())
          .isEqualTo(their.at("/adjudication/0/category/coding/0/system").asText());
      assertThat(entered.at("/category/coding/0/code").asText()).isEqualTo("2");
      assertThat(entered.at("/reason/coding/0/system").asText())
          .isEqualTo(their.at("/adjudication/0/reason/coding/0/system").asText());
      assertThat(entered.at("/reason/coding/0/code").asText()).isEqualTo("0");
      assertThat(entered.at("/reason/coding/0/display").asText()).isEqualTo("ACCEPTED");
    }
    assertThat(ours.at("/item/0/adjudication/0/amount/value").decimalValue()).isEqualByComparingTo("10");
    assertThat(ours.at("/item/0/adjudication/0/value").decimalValue()).isEqualByComparingTo("10");
    assertThat(FhirTestServer.categories(ours)).contains(
        Fhir.CLAIM_STATUS + "|2", Fhir.CLAIM_STATUS + "|4", Fhir.ADJUDICATION + "|submitted",
        Fhir.ADJUDICATION + "|eligible", Fhir.ADJUDICATION + "|benefit", Fhir.ADJUDICATION + "|copay")
        .containsAll(FhirTestServer.categories(ig));
    assertThat(ours.path("total").findValuesAsText("code")).contains("2", "4", "submitted", "benefit");
    assertThat(ours.at("/total/0/amount/value").decimalValue()).as("claimed: 10 × 10 + 21000")
        .isEqualByComparingTo("21100");
    assertThat(ours.path("processNote").findValuesAsText("text")).anyMatch(t -> t.startsWith("0 "));
    assertThat(ours.path("extension").findValuesAsText("url")).contains(ClaimResponseMapping.RULESET_VERSION,
        ClaimResponseMapping.SCHEME_VERSION);
    // Posted without insurance, as openIMIS's fixture is: it reads back valid base R4 all the same
    // (FhirTestServer validates every answer), naming the fixture's policy.
    FhirTestServer.Response read = server.get("/fhir/Claim/T00002");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().at("/insurance/0/coverage/reference").asText()).isEqualTo("Coverage/FXPOL");
  }

  @Test
  void postClaim_sameClaimTwice_answers200WithTheSameDecision() throws Exception {
    assumeFixtures();
    String claim = FhirTestServer.fixture("be-api_fhir_r4_py-tests/test_claim_with_code_references.json")
        .replace("T00002", "T00002-again");
    FhirTestServer.Response first = server.postFhir(claim);
    FhirTestServer.Response second = server.postFhir(claim);
    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().path("item")).isEqualTo(first.json().path("item"));
  }

  @Test
  void postClaim_uuidReferences_refusedNamingThePatientAndProvider() throws Exception {
    assumeFixtures();
    JsonNode outcome = outcome(server.postFhir(FhirTestServer.fixture("be-api_fhir_r4_py-tests/test_claim.json")),
        422);
    assertThat(expressions(outcome)).contains("Claim.patient", "Claim.provider");
    assertThat(outcome.path("issue").findValuesAsText("diagnostics"))
        .anyMatch(d -> d.contains("76aca309-f8cf-4890-8f2e-b416d78de00b"));
  }

  @Test
  void getClaimAndClaimResponse_afterPost_readBackTheClaimAndItsDecision() throws Exception {
    String posted = FhirTestServer.claim("GETME", "MAN", "HF1", "2026-06-01", null, "2026-06-01", "item", "PARA",
        null);
    JsonNode answered = server.postFhir(posted).json();

    FhirTestServer.Response claim = server.get("/fhir/Claim/GETME");
    assertThat(claim.status()).isEqualTo(200);
    org.hl7.fhir.r4.model.Claim read = (org.hl7.fhir.r4.model.Claim) Fhir.json().parseResource(claim.body());
    org.hl7.fhir.r4.model.Claim sent = (org.hl7.fhir.r4.model.Claim) Fhir.json().parseResource(posted);
    assertThat(ClaimMapping.read(read).claim()).isEqualTo(ClaimMapping.read(sent).claim());

    FhirTestServer.Response response = server.get("/fhir/ClaimResponse/GETME");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("item")).isEqualTo(answered.path("item"));
    assertThat(response.json().path("total")).isEqualTo(answered.path("total"));
  }

  @Test
  void getClaimResponse_unknownId_is404OperationOutcome() throws Exception {
    outcome(server.get("/fhir/ClaimResponse/NOSUCH"), 404);
    outcome(server.get("/fhir/Claim/NOSUCH"), 404);
    outcome(server.get("/fhir/Patient/1"), 404);
  }

  @Test
  void getMetadata_isR4CapabilityStatementListingClaimAndClaimResponse() throws Exception {
    FhirTestServer.Response r = server.get("/fhir/metadata");
    assertThat(r.status()).isEqualTo(200);
    JsonNode statement = r.json();
    assertThat(statement.path("resourceType").asText()).isEqualTo("CapabilityStatement");
    assertThat(statement.path("fhirVersion").asText()).isEqualTo("4.0.1");
    assertThat(statement.at("/rest/0/resource").findValuesAsText("type")).containsExactly("Claim", "ClaimResponse");
  }

  @Test
  void postClaim_notJson_is400OperationOutcome() throws Exception {
    outcome(server.postFhir("this is not JSON"), 400);
  }

  @Test
  void postClaim_notAClaim_is400OperationOutcome() throws Exception {
    JsonNode outcome = outcome(server.postFhir("{\"resourceType\": \"Patient\"}"), 400);
    assertThat(outcome.at("/issue/0/diagnostics").asText()).contains("Claim").contains("Patient");
  }

  @Test
  void postClaim_missingIdentifierAndPatient_is400NamingBoth() throws Exception {
    JsonNode outcome = outcome(server.postFhir("{\"resourceType\": \"Claim\", \"provider\": {\"identifier\":"
        + " {\"value\": \"HF1\"}}, \"created\": \"2026-06-01\", \"billablePeriod\": {\"start\": \"2026-06-01\"},"
        + " \"diagnosis\": [{\"sequence\": 1, \"diagnosisCodeableConcept\": {\"coding\": [{\"code\": \"A00\"}]}}],"
        + " \"item\": [{\"sequence\": 1, \"category\": {\"text\": \"item\"}, \"productOrService\": {\"text\":"
        + " \"PARA\"}, \"quantity\": {\"value\": 1}, \"unitPrice\": {\"value\": 10}}]}"), 400);
    assertThat(expressions(outcome)).containsExactlyInAnyOrder("Claim.identifier", "Claim.patient");
  }

  @Test
  void postClaim_unknownCodes_is422NamingEachElement() throws Exception {
    String claim = FhirTestServer.claim("UNK", "NOBODY", "HF1", "2026-06-01", null, "2026-06-01", "item", "NOPE",
        null);
    JsonNode outcome = outcome(server.postFhir(claim), 422);
    assertThat(expressions(outcome)).containsExactlyInAnyOrder("Claim.patient", "Claim.item[0].productOrService");
  }

  @Test
  void postClaim_codeOfAnotherClaim_is409() throws Exception {
    String first = FhirTestServer.claim("DUP", "MAN", "HF1", "2026-06-01", null, "2026-06-01", "item", "PARA", null);
    assertThat(server.postFhir(first).status()).isEqualTo(201);
    String other = FhirTestServer.claim("DUP", "MAN", "HF1", "2026-06-02", null, "2026-06-02", "item", "PARA", null);
    JsonNode outcome = outcome(server.postFhir(other), 409);
    assertThat(expressions(outcome)).containsExactly("Claim.identifier");
  }

  @Test
  void postClaim_plainJsonContentType_isAccepted() throws Exception {
    String claim = FhirTestServer.claim("PLAIN", "MAN", "HF1", "2026-06-01", null, "2026-06-01", "item", "PARA",
        null);
    assertThat(server.post("/fhir/Claim", "application/json", claim).status()).isEqualTo(201);
  }

  @Test
  void postClaim_otherContentType_is415OperationOutcome() throws Exception {
    outcome(server.post("/fhir/Claim", "text/plain", "{}"), 415);
  }

  @Test
  void getClaim_onPostOnlyPath_is405OperationOutcome() throws Exception {
    outcome(server.get("/fhir/Claim"), 405);
  }

  /**
   * Regression for issue 15 §5: the Claim read back dropped the posted {@code insurance}, so it
   * failed base R4 ("Claim.insurance: minimum 1"). Every element of it reads back as posted.
   */
  @Test
  void getClaim_postedInsurance_readsBackAsPosted() throws Exception {
    org.hl7.fhir.r4.model.Claim posted = (org.hl7.fhir.r4.model.Claim) Fhir.json().parseResource(
        FhirTestServer.claim("INS", "MAN", "HF1", "2026-06-01", null, "2026-06-01", "item", "PARA", null));
    posted.getInsurance().clear();
    posted.addInsurance().setSequence(1).setFocal(true).setCoverage(Fhir.byCode("Coverage", "POL1"))
        .setBusinessArrangement("scheme A").addPreAuthRef("PA-7");
    posted.addInsurance().setSequence(2).setFocal(false)
        .setCoverage(new org.hl7.fhir.r4.model.Reference("Coverage/076199EA-5046-40D6-9836-5A0EFEC67C1B"))
        .setIdentifier(new org.hl7.fhir.r4.model.Identifier().setValue("second"));
    assertThat(server.postFhir(Fhir.write(posted)).status()).isEqualTo(201);

    JsonNode read = server.get("/fhir/Claim/INS").json();
    assertThat(read.path("insurance")).isEqualTo(Json.read(Fhir.write(posted)).path("insurance"));
    assertThat(read.at("/insurance/1/coverage/reference").asText())
        .isEqualTo("Coverage/076199EA-5046-40D6-9836-5A0EFEC67C1B");
  }

  /**
   * Regression for issue 15 §5: a Claim posted without insurance (openIMIS's own fixtures have
   * none) reads back valid base R4, naming the policy that covered its lines, as openIMIS does.
   */
  @Test
  void getClaim_postedWithoutInsurance_readsBackThePolicyApplied() throws Exception {
    org.hl7.fhir.r4.model.Claim posted = (org.hl7.fhir.r4.model.Claim) Fhir.json().parseResource(
        FhirTestServer.claim("NOINS", "MAN", "HF1", "2026-06-01", null, "2026-06-01", "item", "PARA", null));
    posted.getInsurance().clear();
    assertThat(server.postFhir(Fhir.write(posted)).status()).isEqualTo(201);

    JsonNode insurance = server.get("/fhir/Claim/NOINS").json().path("insurance");
    assertThat(insurance).hasSize(1);
    assertThat(insurance.at("/0/focal").asBoolean()).isTrue();
    assertThat(insurance.at("/0/coverage/reference").asText()).isEqualTo("Coverage/POL1");
    assertThat(insurance.at("/0/coverage/identifier/value").asText()).isEqualTo("POL1");
  }

  /**
   * Issue 15 §5: insurance kept for read-back is held to Arbiter's JSON nesting limit: a 400 naming
   * where in it the limit was passed (the input gate, §1, refuses it before HAPI reads it), not a 500.
   */
  @Test
  void postClaim_insuranceNestedBeyondTheLimit_is400NamingInsurance() throws Exception {
    org.hl7.fhir.r4.model.Claim posted = (org.hl7.fhir.r4.model.Claim) Fhir.json().parseResource(
        FhirTestServer.claim("DEEP", "MAN", "HF1", "2026-06-01", null, "2026-06-01", "item", "PARA", null));
    org.hl7.fhir.r4.model.Element nested = posted.getInsuranceFirstRep();
    for (int depth = 0; depth < io.arbiter.json.Json.MAX_NESTING_DEPTH / 2; depth++) {
      nested = nested.addExtension().setUrl("https://example.org/nested");
    }
    ((org.hl7.fhir.r4.model.Extension) nested).setValue(new org.hl7.fhir.r4.model.StringType("bottom"));
    JsonNode refused = outcome(server.postFhir(Fhir.write(posted)), 400);
    assertThat(expressions(refused)).singleElement().asString().startsWith("Claim.insurance[0].extension[0]");
    outcome(server.get("/fhir/Claim/DEEP"), 404);
  }

  /** Issue 15 §5: with no policy covering any line, the read-back still has the one insurance base R4 requires. */
  @Test
  void getClaim_postedWithoutInsuranceAndNoPolicy_readsBackOneInsuranceSayingSo() throws Exception {
    org.hl7.fhir.r4.model.Claim posted = (org.hl7.fhir.r4.model.Claim) Fhir.json().parseResource(
        FhirTestServer.claim("NOPOLINS", "NOPOL", "HF1", "2026-06-01", null, "2026-06-01", "item", "PARA", null));
    posted.getInsurance().clear();
    assertThat(server.postFhir(Fhir.write(posted)).status()).isEqualTo(201);

    JsonNode insurance = server.get("/fhir/Claim/NOPOLINS").json().path("insurance");
    assertThat(insurance).hasSize(1);
    assertThat(insurance.at("/0/coverage/reference").isMissingNode()).isTrue();
    assertThat(insurance.at("/0/coverage/display").asText()).contains("no policy");
  }

  /**
   * Regression for issue 15 §5: a fully rejected claim's ClaimResponse had only HL7's totals. It has
   * openIMIS's claim-status total 1 (rejected) too, the claimed amount, on the answer and on read-back.
   */
  @Test
  void postClaim_fullyRejected_hasRejectedClaimStatusTotal() throws Exception {
    FhirTestServer.Response posted = server.postFhir(
        FhirTestServer.claim("REJ", "MAN", "HF1", "2026-06-01", null, "2026-06-01", "item", "NOPL", null));
    assertThat(posted.status()).as(posted.body()).isEqualTo(201);
    for (JsonNode response : java.util.List.of(posted.json(), server.get("/fhir/ClaimResponse/REJ").json())) {
      assertThat(response.path("outcome").asText()).isEqualTo("complete");
      java.util.List<JsonNode> claimStatus = java.util.stream.StreamSupport.stream(
              response.path("total").spliterator(), false)
          .filter(t -> t.at("/category/coding/0/system").asText().equals(Fhir.CLAIM_STATUS)).toList();
      assertThat(claimStatus).hasSize(1);
      assertThat(claimStatus.get(0).at("/category/coding/0/code").asText()).isEqualTo("1");
      assertThat(claimStatus.get(0).at("/amount/value").decimalValue()).as("1 × 10 claimed")
          .isEqualByComparingTo("10");
    }
  }

  /**
   * Regression for issue 15 §5: {@code Accept: application/fhir+xml} got JSON with 200. A client that
   * accepts no JSON is answered 406 before any work: the claim is not adjudicated.
   */
  @Test
  void postClaim_acceptXmlOnly_is406AndNothingStored() throws Exception {
    String claim = FhirTestServer.claim("XML", "MAN", "HF1", "2026-06-01", null, "2026-06-01", "item", "PARA", null);
    JsonNode refused = outcome(server.postFhir(claim, "application/fhir+xml"), 406);
    assertThat(refused.at("/issue/0/code").asText()).isEqualTo("not-supported");
    assertThat(refused.at("/issue/0/diagnostics").asText()).contains("application/fhir+xml");
    outcome(server.get("/fhir/Claim/XML"), 404);
    assertThat(server.postFhir(claim, "application/fhir+xml;q=0.9, application/fhir+json;q=0.1").status())
        .isEqualTo(201);
  }

  /** Issue 15 §5: reads are negotiated the same way, by Accept or by FHIR's {@code _format}. */
  @Test
  void getMetadata_byAcceptAndFormat_isJsonOr406() throws Exception {
    outcome(server.get("/fhir/metadata", "application/fhir+xml"), 406);
    outcome(server.get("/fhir/metadata?_format=xml"), 406);
    outcome(server.get("/fhir/ClaimResponse/NOSUCH", "application/xml"), 406);
    FhirTestServer.Response any = server.get("/fhir/metadata", "*/*");
    assertThat(any.status()).isEqualTo(200);
    assertThat(any.contentType()).startsWith("application/fhir+json");
    FhirTestServer.Response plain = server.get("/fhir/metadata", "application/json");
    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.contentType()).startsWith("application/json");
    FhirTestServer.Response overridden = server.get("/fhir/metadata?_format=json", "application/fhir+xml");
    assertThat(overridden.status()).isEqualTo(200);
    assertThat(overridden.json().path("resourceType").asText()).isEqualTo("CapabilityStatement");
  }

  /** Found while adding {@code _format} (issue 15 §5): a query string that cannot be decoded was a 500. */
  @Test
  void getMetadata_malformedQueryString_is400OperationOutcome() throws Exception {
    for (String target : List.of("/fhir/metadata?_format=%zz", "/fhir/ClaimResponse/X?%zz=1")) {
      JsonNode refused = outcome(server.getRaw(target), 400);
      assertThat(refused.at("/issue/0/diagnostics").asText()).contains("query string");
    }
  }

  /** Reads fixture text as a JSON tree. */
  private static final class Json {
    static JsonNode read(String text) throws Exception {
      return io.arbiter.json.Json.mapper().readTree(text);
    }
  }
}

package io.arbiter.fhir;

import io.arbiter.api.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arbiter.api.TestKeys;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;

/**
 * An HTTP server over codes-scheme.json (one item, service or insuree per rejection code) plus, built
 * here, what openIMIS's FHIR fixtures reference: item 0004, service M7, diagnosis T_CD, facility
 * 12345678 and insuree 999000001 covered through 2021. Every FHIR resource it answers under
 * {@code /fhir} (ClaimResponse, Claim read back, CapabilityStatement, OperationOutcome) goes through
 * {@link FhirValidation} against base R4, and any error fails the test that asked (issue 15 §5).
 */
final class FhirTestServer implements AutoCloseable {
  /** openIMIS's FHIR R4 fixtures, outside the repository (see ../shared/data/openimis/README.md). */
  static final Path FIXTURES = Path.of("..", "..", "shared", "data", "openimis", "fhir-r4");
  private static final HttpClient HTTP = TestServer.http();

  private final TestServer server;
  private final int port;

  FhirTestServer() throws IOException {
    Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath())
        .scheme(Json.mapper().treeToValue(scheme(), SchemeDocument.class)).build();
    server = TestServer.start(arbiter);
    port = server.port();
  }

  private static ObjectNode scheme() throws IOException {
    ObjectNode scheme;
    try (InputStream in = FhirTestServer.class.getResourceAsStream("/codes-scheme.json")) {
      scheme = (ObjectNode) Json.mapper().readTree(in);
    }
    add(scheme, "items", "{\"code\": \"0004\", \"name\": \"fixture item\", \"type\": \"D\", \"price\": 10.0,"
        + " \"careType\": \"B\", \"frequency\": 0, \"patientCategory\": 15}");
    add(scheme, "services", "{\"code\": \"M7\", \"name\": \"fixture service\", \"type\": \"C\", \"level\": \"S\","
        + " \"category\": \"C\", \"price\": 21000.0, \"careType\": \"B\", \"frequency\": 0, \"patientCategory\": 15}");
    add(scheme, "priceLists", "{\"code\": \"FXI\", \"name\": \"fixture items\", \"entries\": [{\"code\": \"0004\"}]}");
    add(scheme, "priceLists", "{\"code\": \"FXS\", \"name\": \"fixture services\", \"entries\": [{\"code\": \"M7\"}]}");
    add(scheme, "healthFacilities", "{\"code\": \"12345678\", \"name\": \"fixture facility\", \"level\": \"C\","
        + " \"careType\": \"O\", \"itemsPriceList\": \"FXI\", \"servicesPriceList\": \"FXS\"}");
    add(scheme, "diagnoses", "{\"code\": \"T_CD\", \"name\": \"Test diagnosis\"}");
    add(scheme, "products", "{\"code\": \"FXP\", \"name\": \"fixture product\", \"items\": [{\"code\": \"0004\","
        + " \"limitationType\": \"C\", \"limitAdult\": 100, \"limitChild\": 100}], \"services\": [{\"code\": \"M7\","
        + " \"limitationType\": \"C\", \"limitAdult\": 100, \"limitChild\": 100}]}");
    add(scheme, "families", "{\"id\": \"FX\"}");
    add(scheme, "insurees", "{\"chfId\": \"999000001\", \"familyId\": \"FX\", \"gender\": \"M\", \"dob\": \"1980-06-15\"}");
    add(scheme, "policies", "{\"id\": \"FXPOL\", \"familyId\": \"FX\", \"productCode\": \"FXP\", \"stage\": \"N\","
        + " \"status\": 2, \"effectiveDate\": \"2021-01-01\", \"expiryDate\": \"2021-12-31\"}");
    add(scheme, "memberships", "{\"chfId\": \"999000001\", \"policyId\": \"FXPOL\", \"effectiveDate\": \"2021-01-01\","
        + " \"expiryDate\": \"2021-12-31\"}");
    return scheme;
  }

  private static void add(ObjectNode scheme, String register, String json) throws IOException {
    ((ArrayNode) scheme.get(register)).add(Json.mapper().readTree(json));
  }

  record Response(int status, String contentType, String location, String body) {
    JsonNode json() throws IOException {
      return Json.mapper().readTree(body);
    }
  }

  Response post(String path, String contentType, String body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Response postFhir(String body) throws IOException, InterruptedException {
    return post("/fhir/Claim", "application/fhir+json", body);
  }

  /** A FHIR Claim posted with an Accept header. */
  Response postFhir(String body, String accept) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri("/fhir/Claim")).header("Content-Type", "application/fhir+json")
        .header("Accept", accept).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Response get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  Response get(String path, String accept) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
  }

  private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpRequest built = request.header("Authorization", TestKeys.ALL_BEARER).build();
    HttpResponse<String> r = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
    Response response = new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
        r.headers().firstValue("Location").orElse(null), r.body());
    if (built.uri().getPath().startsWith("/fhir/")) {
      assertValid(built, response);
    }
    return response;
  }

  /**
   * A GET whose request target is sent byte for byte, such as one with a malformed percent-encoding
   * that {@link java.net.URI} would refuse to build.
   */
  Response getRaw(String target) throws IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
          + TestKeys.ALL_BEARER + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      String[] answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .split("\r\n\r\n", 2);
      String[] head = answer[0].split("\r\n");
      String type = java.util.Arrays.stream(head).filter(h -> h.toLowerCase(java.util.Locale.ROOT)
          .startsWith("content-type:")).map(h -> h.substring(h.indexOf(':') + 1).trim()).findFirst().orElse(null);
      Response response = new Response(Integer.parseInt(head[0].split(" ")[1]), type, null, answer[1]);
      assertValid("GET " + target + " → " + response.status(), response);
      return response;
    }
  }

  private static void assertValid(HttpRequest request, Response response) {
    assertValid(request.method() + " " + request.uri().getPath() + " → " + response.status(), response);
  }

  /** Fails unless a FHIR answer is a resource in JSON that base R4 finds no error in. */
  private static void assertValid(String what, Response response) {
    if (response.contentType() == null || !response.contentType().contains("json")
        || !response.body().startsWith("{\"resourceType\"")) {
      throw new AssertionError(what + " is not a FHIR resource in JSON: " + response.contentType() + " "
          + response.body());
    }
    List<String> errors = FhirValidation.errors(response.body());
    if (!errors.isEmpty()) {
      throw new AssertionError(what + " fails base R4:\n" + String.join("\n", errors) + "\n" + response.body());
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** A fixture file's text. */
  static String fixture(String file) throws IOException {
    return Files.readString(FIXTURES.resolve(file));
  }

  /**
   * A one-line FHIR Claim as openIMIS writes one (codes as typed identifiers, category and product
   * as text), for provoking rejection codes; valid base R4, its insurance a Coverage named after
   * the patient.
   */
  static String claim(String code, String chfId, String facility, String from, String to, String claimed,
      String kind, String lineCode, String guarantee) {
    Claim claim = new Claim();
    claim.addIdentifier(Fhir.codeIdentifier(code));
    claim.setStatus(Claim.ClaimStatus.ACTIVE).setUse(Claim.Use.CLAIM)
        .setPriority(Fhir.concept("http://terminology.hl7.org/CodeSystem/processpriority", "normal", null));
    claim.addInsurance().setSequence(1).setFocal(true)
        .setCoverage(new org.hl7.fhir.r4.model.Reference("Coverage/COV-" + chfId));
    claim.setPatient(Fhir.byCode("Patient", chfId));
    claim.setProvider(Fhir.byCode("Organization", facility));
    claim.getBillablePeriod().getStartElement().setValueAsString(from);
    if (to != null) {
      claim.getBillablePeriod().getEndElement().setValueAsString(to);
    }
    claim.getCreatedElement().setValueAsString(claimed);
    claim.setType(Fhir.concept(Fhir.VISIT_TYPE, "O", "Other"));
    claim.addDiagnosis().setSequence(1).setDiagnosis(Fhir.concept(Fhir.DIAGNOSIS, "A00", null));
    if (guarantee != null) {
      claim.addSupportingInfo().setSequence(1).setCategory(Fhir.concept(Fhir.SUPPORTING_INFO, "guarantee", null))
          .setValue(new StringType(guarantee));
    }
    Claim.ItemComponent line = claim.addItem().setSequence(1);
    line.getCategory().setText(kind);
    line.getProductOrService().setText(lineCode);
    line.setQuantity(new Quantity().setValue(1)).setUnitPrice(new Money().setValue(kind.equals("item") ? 10 : 100));
    return Fhir.write(claim);
  }

  /** The codings of every adjudication category of a ClaimResponse, as "system|code". */
  static List<String> categories(JsonNode response) {
    return response.findValues("category").stream().flatMap(c -> stream(c.path("coding")))
        .map(c -> c.path("system").asText() + "|" + c.path("code").asText()).distinct().toList();
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false);
  }

  @Override
  public void close() {
    server.close();
  }
}

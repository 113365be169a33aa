package io.arbiter.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import io.arbiter.engine.Submission;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.engine.Arbiter;
import io.arbiter.engine.ArbiterException;
import io.arbiter.input.Identifiers;
import io.arbiter.input.InputGate;
import io.arbiter.input.InputRefusal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Arbiter's FHIR R4 interface, in openIMIS's dialect, as mapping over an engine (the HTTP side is
 * the server's): {@link #submit} adjudicates a Claim and answers a ClaimResponse; {@link #claim} and
 * {@link #claimResponse} read them back (the id is the claim code); {@link #metadata} is the
 * CapabilityStatement. A request refused is thrown, and {@link FhirAnswer#refusal(Throwable)} turns it
 * into its OperationOutcome with a 4xx status. Each call blocks (engine call, FHIR parsing): call
 * from a worker thread. Thread-safe.
 */
public final class FhirClaims {
  /** FHIR's own JSON media type. */
  public static final String FHIR_JSON = FhirFormat.FHIR_JSON;

  private final Arbiter arbiter;

  /** @param arbiter the same engine the {@code /v1} API serves */
  public FhirClaims(Arbiter arbiter) {
    this.arbiter = arbiter;
  }

  /** {@code POST /Claim}: 201 with the ClaimResponse and its Location, 200 when the claim was already decided. */
  public FhirAnswer submit(byte[] body) {
    ClaimRead read = ClaimMapping.read(parseClaim(body));
    Submission submission;
    try {
      submission = arbiter.claims().submit(read.claim());
    } catch (ArbiterException e) {
      throw FhirException.of(e, read::where);
    }
    ClaimDecision decision = submission.decision();
    return new FhirAnswer(submission.created() ? 201 : 200, Fhir.write(ClaimResponseMapping.write(decision,
        read.claim(), read.itemSequence(), read.serviceSequence())), "/fhir/ClaimResponse/" + pathSegment(decision.code()));
  }

  /** {@code GET /Claim/{id}}. */
  public FhirAnswer claim(String id) {
    Claim claim = submitted(id);
    ClaimDecision decision = arbiter.claims().decision(id).orElseThrow(() -> notFound(id));
    return new FhirAnswer(200, Fhir.write(ClaimMapping.write(claim, decision)), null);
  }

  /** {@code GET /ClaimResponse/{id}}. */
  public FhirAnswer claimResponse(String id) {
    Claim claim = submitted(id);
    ClaimDecision decision = arbiter.claims().decision(id).orElseThrow(() -> notFound(id));
    return new FhirAnswer(200, Fhir.write(ClaimResponseMapping.write(decision, claim)), null);
  }

  /** {@code GET /metadata}. */
  public FhirAnswer metadata() {
    return new FhirAnswer(200, Fhir.write(Capability.statement(arbiter.rules().version())), null);
  }

  /**
   * The media type to answer in, or null when the client accepts no JSON (406): see {@link FhirFormat}.
   *
   * @param accept the Accept header; null or blank accepts anything
   * @param format FHIR's {@code _format} parameter, which overrides Accept; null when absent
   */
  public static String mediaType(String accept, String format) {
    return FhirFormat.mediaType(accept, format);
  }

  /**
   * FHIR's gate: the same limits as every other body, except that a narrative's XHTML ({@code
   * text.div}) and an attachment's base64 ({@code data}) may be as long as the body; HAPI parses
   * them itself.
   */
  private static final InputGate GATE = InputGate.exempting(p -> p.endsWith("/text/div") || p.endsWith("/data"));

  /**
   * Parses on the calling (worker) thread, after {@link #GATE}: what it refuses is a 400 (not JSON
   * within the limits) or 422 (a value out of bounds); not-FHIR and not-a-Claim bodies are 400s.
   */
  private static org.hl7.fhir.r4.model.Claim parseClaim(byte[] bytes) {
    if (new String(bytes, StandardCharsets.ISO_8859_1).isBlank()) {
      throw FhirException.of(400, IssueType.REQUIRED, "a Claim resource is required as the body", null);
    }
    try {
      GATE.check(bytes);
    } catch (InputRefusal e) {
      String where = fhirPath(e.field());
      throw FhirException.of(e.malformed() ? 400 : 422, e.malformed() ? IssueType.STRUCTURE : IssueType.VALUE,
          (where == null ? "the body" : where) + " " + e.detail(), where);
    }
    String body = new String(bytes, StandardCharsets.UTF_8);
    IParser parser = Fhir.json();
    // Lenient: openIMIS and its clients add elements and extensions of their own; what Arbiter
    // needs is checked by ClaimMapping, with a precise location.
    parser.setParserErrorHandler(new LenientErrorHandler(false));
    IBaseResource resource;
    try {
      resource = parser.parseResource(body);
    } catch (DataFormatException | ClassCastException e) {
      throw FhirException.of(400, IssueType.STRUCTURE, "the body is not a FHIR R4 resource in JSON: "
          + plainWords(e.getMessage()), null);
    } catch (RuntimeException e) {
      // HAPI's parser crashes on some malformed bodies instead of refusing them (an empty property
      // name throws StringIndexOutOfBoundsException, found by FuzzHttpTest); it only ever reads the
      // body here, so its failure is the body's fault.
      throw FhirException.of(400, IssueType.STRUCTURE, "the body is not a FHIR R4 resource in JSON: an element"
          + " is malformed (an empty or misplaced property name?)", null);
    }
    if (resource instanceof org.hl7.fhir.r4.model.Claim claim) {
      return claim;
    }
    throw FhirException.of(400, IssueType.INVALID, "the body must be a Claim resource, was "
        + ((Resource) resource).getResourceType(), "resourceType");
  }

  /*
   * Why HAPI's messages are reworded: they start with the library's own error codes (HAPI-1861:
   * ...) and some name its Java types; the client is told what is wrong with the body, not which
   * library found it.
   */
  private static final java.util.regex.Pattern HAPI_CODE = java.util.regex.Pattern.compile("HAPI-\\d+:\\s*");
  private static final java.util.regex.Pattern LIBRARY_WORDS =
      java.util.regex.Pattern.compile("HAPI|ca\\.uhn|org\\.hl7|\\bjava\\.|Exception|`");

  /** A HAPI parser message in the API's words; a generic sentence when it cannot be made so. */
  static String plainWords(String message) {
    String plain = HAPI_CODE.matcher(String.valueOf(message)).replaceAll("")
        .replace("Failed to parse JSON encoded FHIR content: ", "").trim();
    if (plain.startsWith("Content does not appear to be FHIR JSON")) {
      return "it must be a JSON object (a FHIR resource)";
    }
    if (plain.contains("missing required element: 'resourceType'")) {
      return "it has no resourceType";
    }
    return LIBRARY_WORDS.matcher(plain).find() || plain.isEmpty() ? "its structure is not that of a FHIR resource"
        : plain;
  }

  /** A JSON pointer into the posted Claim as a FHIRPath ({@code /item/0/quantity} → {@code Claim.item[0].quantity}). */
  static String fhirPath(String pointer) {
    if (pointer.isEmpty()) {
      return null;
    }
    StringBuilder path = new StringBuilder("Claim");
    for (String segment : pointer.substring(1).split("/", -1)) {
      String name = segment.replace("~1", "/").replace("~0", "~");
      path.append(name.matches("\\d+") ? "[" + name + "]" : "." + name);
    }
    return path.toString();
  }

  private Claim submitted(String id) {
    Identifiers.problem(id).ifPresent(problem -> {
      throw FhirException.of(400, IssueType.VALUE, "the id " + problem, null);
    });
    return arbiter.claims().submitted(id).orElseThrow(() -> notFound(id));
  }

  private static FhirException notFound(String id) {
    return FhirException.of(404, IssueType.NOTFOUND, "claim " + id + " does not exist", null);
  }

  private static String pathSegment(String code) {
    return URLEncoder.encode(code, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

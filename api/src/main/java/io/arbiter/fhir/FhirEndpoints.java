package io.arbiter.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.engine.Arbiter;
import io.arbiter.api.WorkBudget;
import io.arbiter.engine.ArbiterException;
import io.arbiter.engine.Submission;
import io.arbiter.input.Identifiers;
import io.arbiter.input.InputGate;
import io.arbiter.input.InputRefusal;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The FHIR route handlers; see {@link FhirApi} for the contract. */
final class FhirEndpoints {
  static final String FHIR_JSON = FhirFormat.FHIR_JSON;
  private static final Logger LOG = LoggerFactory.getLogger(FhirApi.class);
  /** FHIR's query parameter naming the format of the answer; it overrides Accept. */
  private static final String FORMAT = "_format";

  private final Arbiter arbiter;
  private final BodyHandler body;
  private final long limit;

  FhirEndpoints(Arbiter arbiter, long bodyLimit) {
    this.arbiter = arbiter;
    this.limit = bodyLimit;
    this.body = BodyHandler.create(false).setBodyLimit(bodyLimit);
  }

  /** A reply already written: status, FHIR JSON and the Location of a created resource. */
  private record Reply(int status, String json, String location) {}

  /**
   * Admits a JSON body (415 otherwise) before reading it within the limit; one handler, because
   * Vert.x refuses a user handler before a BodyHandler on a route.
   */
  void jsonBody(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > limit) {
      refuse(ctx, FhirException.of(413, IssueType.TOOLONG, "the body is larger than the limit of " + limit + " bytes",
          null));
    } else if (base.equals(FHIR_JSON) || base.equals("application/json")) {
      body.handle(ctx);
    } else {
      refuse(ctx, FhirException.of(415, IssueType.NOTSUPPORTED, "the body must be " + FHIR_JSON
          + " or application/json, " + (type == null ? "it has no Content-Type header" : "was " + type), null));
    }
  }

  /**
   * Refuses, before any work, a request whose query string cannot be decoded (400) or whose client
   * accepts no JSON (406, see {@link FhirFormat}).
   */
  void acceptable(RoutingContext ctx) {
    try {
      ctx.request().params();
    } catch (IllegalArgumentException e) {
      refuse(ctx, FhirException.of(400, IssueType.INVALID, "the query string is not percent-encoded UTF-8", null));
      return;
    }
    if (mediaType(ctx) != null) {
      ctx.next();
      return;
    }
    String format = ctx.request().getParam(FORMAT);
    refuse(ctx, FhirException.of(406, IssueType.NOTSUPPORTED, "this server answers FHIR in JSON only ("
        + FHIR_JSON + " or " + FhirFormat.JSON + "); the request asked for " + (format != null ? "_format=" + format
        : ctx.request().getHeader(HttpHeaders.ACCEPT)), null));
  }

  void submit(RoutingContext ctx) {
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    onWorker(ctx, () -> {
      ClaimMapping.Read read = ClaimMapping.read(parseClaim(body));
      Submission submission;
      try {
        submission = arbiter.claims().submit(read.claim());
      } catch (ArbiterException e) {
        throw FhirException.of(e, read::where);
      }
      ClaimDecision decision = submission.decision();
      return new Reply(submission.created() ? 201 : 200, Fhir.write(ClaimResponseMapping.write(decision, read.claim(),
          read.itemSequence(), read.serviceSequence())), "/fhir/ClaimResponse/" + pathSegment(decision.code()));
    });
  }

  void claim(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    onWorker(ctx, () -> {
      Claim claim = submitted(id);
      ClaimDecision decision = arbiter.claims().decision(id).orElseThrow(() -> notFound(id));
      return new Reply(200, Fhir.write(ClaimMapping.write(claim, decision)), null);
    });
  }

  void claimResponse(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    onWorker(ctx, () -> {
      Claim claim = submitted(id);
      ClaimDecision decision = arbiter.claims().decision(id).orElseThrow(() -> notFound(id));
      return new Reply(200, Fhir.write(ClaimResponseMapping.write(decision, claim)), null);
    });
  }

  void metadata(RoutingContext ctx) {
    onWorker(ctx, () -> new Reply(200, Fhir.write(Capability.statement(arbiter.rules().version())), null));
  }

  /** Any other path or method under the mount point. */
  void unknown(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    boolean known = path.endsWith("/Claim") || path.endsWith("/metadata") || path.matches(".*/(Claim|ClaimResponse)/[^/]+");
    if (known) {
      ctx.response().putHeader(HttpHeaders.ALLOW, path.endsWith("/Claim") ? HttpMethod.POST.name() : HttpMethod.GET.name());
      refuse(ctx, FhirException.of(405, IssueType.NOTSUPPORTED, ctx.request().method() + " is not allowed on " + path,
          null));
    } else {
      refuse(ctx, FhirException.of(404, IssueType.NOTFOUND, "there is no FHIR resource at " + path
          + "; this server has Claim, ClaimResponse and metadata", null));
    }
  }

  /** The failure handler of the FHIR routes (a body handler's own refusals reach it). */
  void failed(RoutingContext ctx) {
    failed(ctx, ctx.failure());
  }

  /*
   * Why failures are answered here rather than through ctx.fail(): the enclosing router's failure
   * handler (problem documents) is registered before this router is mounted, and Vert.x offers a
   * failure to it first.
   */

  /** Answers a failure as an OperationOutcome: the client's with its 4xx; a fault of the server 500, logged. */
  private void failed(RoutingContext ctx, Throwable failure) {
    FhirException refusal;
    if (failure instanceof FhirException f) {
      refusal = f;
    } else if (failure instanceof HttpException h && h.getStatusCode() == 503) {
      refusal = FhirException.of(503, IssueType.TRANSIENT, h.getPayload(), null);
    } else if (failure instanceof HttpException h && h.getStatusCode() >= 400 && h.getStatusCode() < 500) {
      refusal = FhirException.of(h.getStatusCode(), h.getStatusCode() == 413 ? IssueType.TOOLONG : IssueType.INVALID,
          h.getStatusCode() == 413 ? "the body is larger than the limit" : String.valueOf(h.getPayload()), null);
    } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      refusal = FhirException.of(ctx.statusCode(), ctx.statusCode() == 413 ? IssueType.TOOLONG : IssueType.INVALID,
          ctx.statusCode() == 413 ? "the body is larger than the limit" : "the request was refused", null);
    } else {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
      refusal = FhirException.of(500, IssueType.EXCEPTION, "internal error", null);
    }
    refuse(ctx, refusal);
  }

  /** Refuses a request the access check turned away: 401 (IssueType login) or 403 (forbidden). */
  static void refuseAccess(RoutingContext ctx, int status, String diagnostics) {
    refuse(ctx, FhirException.of(status, status == 401 ? IssueType.LOGIN : IssueType.FORBIDDEN, diagnostics, null));
  }

  private static void refuse(RoutingContext ctx, FhirException refusal) {
    if (!ctx.response().headWritten() && !ctx.response().closed()) {
      send(ctx, refusal.status(), Fhir.write(refusal.outcome()));
    }
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

  private void onWorker(RoutingContext ctx, Callable<Reply> work) {
    WorkBudget.onWorker(ctx, work).onComplete(done -> {
      if (done.failed()) {
        failed(ctx, done.cause());
        return;
      }
      Reply reply = done.result();
      if (reply.location() != null) {
        ctx.response().putHeader(HttpHeaders.LOCATION, reply.location());
      }
      send(ctx, reply.status(), reply.json());
    });
  }

  /** Sends JSON; as FHIR's own type when the client accepts no JSON at all (a 406 says why). */
  private static void send(RoutingContext ctx, int status, String json) {
    String type = mediaType(ctx);
    ctx.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, (type == null ? FHIR_JSON : type) + ";charset=utf-8").end(json);
  }

  /** The answer's media type, or null for 406; a query string that cannot be decoded names no format. */
  private static String mediaType(RoutingContext ctx) {
    String format;
    try {
      format = ctx.request().getParam(FORMAT);
    } catch (IllegalArgumentException e) {
      format = null;
    }
    return FhirFormat.mediaType(ctx.request().getHeader(HttpHeaders.ACCEPT), format);
  }
}

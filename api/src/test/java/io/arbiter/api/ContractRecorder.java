package io.arbiter.api;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.arbiter.json.Json;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.HttpContext;
import io.vertx.ext.web.client.impl.WebClientInternal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Holds every exchange of the HTTP tests to {@code openapi.yaml} (issue 15 §2): the HTTP tests make
 * their requests through {@link #recording(HttpClient)} or {@link #recording(WebClient)}, and an
 * exchange the document does not describe fails the request with an {@link AssertionError} that
 * lists each discrepancy, so the test that made it fails.
 *
 * <p>What is checked, by Atlassian's {@code swagger-request-validator-core}:
 * <ul>
 *   <li>every response: its status is listed for the operation, its content type is one the
 *       status lists, its JSON body matches the schema, with <b>every undocumented field an error</b>
 *       (the validator's {@code validation.schema.additionalProperties} raised to ERROR, as if every
 *       object schema closed its properties);</li>
 *   <li>a request the server accepted (2xx) must match the document (parameters, body, content
 *       type, security): else the document refuses what the server takes;</li>
 *   <li>a JSON body the server refused as unreadable ({@code invalid-request} or
 *       {@code malformed-json}, 400) must not match it: else the document promises what the
 *       server refuses. Refusals the schema cannot express (unknown codes, dates out of order: 422;
 *       query parameters out of order) are not compared;</li>
 *   <li>a request for a route or method the document does not list must be answered 401, 404 or
 *       405 with a {@code Problem} (an OperationOutcome under {@code /fhir}), and one whose URI is
 *       not percent-encoded UTF-8 400, as the document's conventions say any request may be.</li>
 * </ul>
 * The reviewer page's static files ({@code /review/…}) are outside the API and not checked.
 *
 * <p>Why this library: it validates OpenAPI 3.0 documents (ours is 3.0.3) with any media type
 * (problem+json, fhir+json, NDJSON, CSV, YAML: JSON bodies against their schema, the others by
 * content type), reports an undocumented status, field or content type as an error, keeps the
 * request and response reports apart, and is released regularly (2.46.1, 2025). Vert.x's own
 * {@code vertx-openapi} 5.0.7 was the other candidate (same BOM as the server), but it refuses to
 * load a contract with media types other than JSON, {@code vnd.*+json}, multipart, octet-stream and
 * text/plain, so it cannot read this document at all, and it has no way to flag undocumented fields
 * short of {@code additionalProperties: false} in every response schema.
 */
public final class ContractRecorder {
  private static final String DOCUMENT = document();
  private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
      .createForInlineApiSpecification(DOCUMENT)
      .withLevelResolver(LevelResolver.create()
          .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
          .build())
      .build();
  /** A body of the wrong shape; malformed-json (syntax, depth, duplicate keys) is below any schema. */
  private static final String UNREADABLE = "urn:arbiter:problem:invalid-request";
  /**
   * What a request the server took may differ in. A body on an operation that reads none is
   * ignored, as the document says. And a value outside an enum the document lists where the server
   * reads it leniently, as openIMIS does (an unknown visit type is O, docs/adjudication.md §1).
   * Scalars of another type ({@code "1"} for 1, a blank string for a number, an array for a date)
   * are not among them: the server refuses them.
   */
  private static final Set<String> TOLERATED_WHEN_ACCEPTED = Set.of("validation.request.body.unexpected",
      "validation.request.body.schema.enum");
  /**
   * The conventions say an optional request field given as {@code null} is the field left out; the
   * document cannot say so of every optional field, so a null where a type is named is not a refusal.
   */
  private static boolean nullForOptional(String message) {
    return message.startsWith("validation.request.body.schema.type") && message.contains("Instance type (null)");
  }

  /** The operations whose 401/404/405 answers stand for those of a path no operation has. */
  private static final String ANY_ROUTE = "/v1/claims/any";
  private static final String ANY_FHIR_ROUTE = "/fhir/Claim/any";
  /** The conventions' "application/*+json" (other than FHIR's), which operations list as application/json. */
  private static final Pattern JSON_FAMILY = Pattern.compile("(?i)application/(?!fhir\\+json)[^;/]+\\+json\\s*(;.*)?");
  private static final String SENT_BODY = ContractRecorder.class.getName() + ".body";
  private static final AtomicLong EXCHANGES = new AtomicLong();
  private static final Set<String> OPERATIONS = ConcurrentHashMap.newKeySet();
  /** The document's path templates, as patterns of raw paths, with the methods each takes. */
  private static final Map<Pattern, Map.Entry<String, Set<String>>> PATHS = paths();

  static {
    // The figures of the run, as FuzzHttpTest writes its own; one file per test JVM.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Set<String> all = new TreeSet<>();
      PATHS.values().forEach(p -> p.getValue().forEach(m -> all.add(m + " " + p.getKey())));
      Set<String> untested = new TreeSet<>(all);
      untested.removeAll(OPERATIONS);
      try {
        Files.writeString(Path.of("target", "contract-figures.txt"), String.format(
            "%d exchanges checked against openapi.yaml; %d of %d operations exercised; not exercised: %s%n",
            EXCHANGES.get(), all.size() - untested.size(), all.size(), untested));
      } catch (IOException e) {
        System.err.println("ContractRecorder: cannot write its figures: " + e);
      }
    }));
  }

  private ContractRecorder() {}

  /** One request and its response as sent and received; {@code requestBody} null when it was streamed. */
  public record Exchange(String method, String uri, Map<String, List<String>> requestHeaders, byte[] requestBody,
      int status, Map<String, List<String>> responseHeaders, byte[] responseBody) {}

  /**
   * Checks one exchange against the document.
   *
   * @throws AssertionError listing every way the exchange differs from the document
   */
  public static void check(Exchange exchange) {
    if (exchange.uri().startsWith("/review/") || exchange.uri().equals("/review")) {
      return;
    }
    EXCHANGES.incrementAndGet();
    int question = exchange.uri().indexOf('?');
    // As the server does, a run of slashes is one.
    String path = (question < 0 ? exchange.uri() : exchange.uri().substring(0, question)).replaceAll("/{2,}", "/");
    String rawQuery = question < 0 ? null : exchange.uri().substring(question + 1);
    SimpleResponse response = response(exchange);
    String template = operationPath(path, exchange.method());
    List<String> problems = template == null ? routeless(exchange, path, response)
        : operation(exchange, template, path, rawQuery, response);
    if (!problems.isEmpty()) {
      throw new AssertionError("openapi.yaml does not describe " + exchange.method() + " " + exchange.uri()
          + " → " + exchange.status() + ":\n  " + String.join("\n  ", problems)
          + "\n  response body: " + abbreviated(exchange.responseBody()));
    }
  }

  /** An exchange on a path or method the document lacks: answered as the conventions say. */
  private static List<String> routeless(Exchange exchange, String path, SimpleResponse response) {
    List<String> problems = new ArrayList<>();
    if (exchange.status() != 401 && exchange.status() != 404 && exchange.status() != 405) {
      problems.add("a path or method the document lacks answered " + exchange.status());
    }
    problems.addAll(messages(VALIDATOR.validateResponse(path.startsWith("/fhir/") ? ANY_FHIR_ROUTE : ANY_ROUTE,
        Request.Method.GET, response), exchange));
    return problems;
  }

  /** An exchange on one of the document's operations: its response, and its request as the server judged it. */
  private static List<String> operation(Exchange exchange, String template, String path, String rawQuery,
      SimpleResponse response) {
    OPERATIONS.add(exchange.method() + " " + template);
    Request.Method method = Request.Method.valueOf(exchange.method());
    List<String> problems = new ArrayList<>(messages(VALIDATOR.validateResponse(path, method, response), exchange));
    ValidationReport requestReport;
    try {
      requestReport = VALIDATOR.validateRequest(request(exchange, path, rawQuery, method));
    } catch (IllegalArgumentException notPercentEncoded) {
      // A URI the document cannot describe: the conventions answer 400 for it.
      if (exchange.status() != 400) {
        problems.add("a URI that is not percent-encoded UTF-8 answered " + exchange.status());
      }
      return problems;
    }
    if (exchange.requestBody() == null && hasBody(exchange)) {
      return problems; // streamed: what was sent is not known
    }
    List<String> refusals = messages(requestReport, exchange).stream()
        .filter(m -> TOLERATED_WHEN_ACCEPTED.stream().noneMatch(m::startsWith) && !nullForOptional(m)).toList();
    if (exchange.status() / 100 == 2 && !refusals.isEmpty()) {
      problems.add("the server accepted a request the document refuses:");
      problems.addAll(refusals);
    } else if (exchange.status() == 400 && !requestReport.hasErrors() && jsonBody(exchange)
        && UNREADABLE.equals(problemType(exchange))) {
      problems.add("the server refused as unreadable a JSON body the document accepts");
    }
    return problems;
  }

  /** {@code client}, checking each exchange it completes; a discrepancy fails the request. */
  public static WebClient recording(WebClient client) {
    ((WebClientInternal) client).addInterceptor(context -> {
      if (context.phase() == ClientPhase.SEND_REQUEST) {
        // The context lets go of the body once sent.
        context.set(SENT_BODY, requestBody(context.body()));
      } else if (context.phase() == ClientPhase.DISPATCH_RESPONSE) {
        // On a worker: compiling a schema the first time takes seconds, and the tests' server
        // often shares the client's event loop.
        Exchange exchange = exchange(context);
        Vertx.currentContext().executeBlocking(() -> {
          check(exchange);
          return null;
        }).onComplete(checked -> {
          if (checked.failed()) {
            context.fail(checked.cause());
          } else {
            context.next();
          }
        });
        return;
      }
      context.next();
    });
    return client;
  }

  /** {@code client}, checking each exchange it completes; a discrepancy fails the request. */
  public static HttpClient recording(HttpClient client) {
    return new Recording(client);
  }

  private static Exchange exchange(HttpContext<?> context) {
    RequestOptions options = context.requestOptions();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().setAll(context.request().headers());
    if (options.getHeaders() != null) {
      headers.setAll(options.getHeaders());
    }
    if (context.contentType() != null && !headers.contains("Content-Type")) {
      headers.set("Content-Type", context.contentType());
    }
    byte[] requestBody = context.get(SENT_BODY);
    io.vertx.ext.web.client.HttpResponse<?> response = context.response();
    Buffer responseBody = response.bodyAsBuffer();
    return new Exchange(options.getMethod().name(), options.getURI(), map(headers), requestBody,
        response.statusCode(), map(response.headers()), responseBody == null ? new byte[0] : responseBody.getBytes());
  }

  private static String document() {
    try (InputStream in = ContractRecorder.class.getResourceAsStream("/openapi.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<Pattern, Map.Entry<String, Set<String>>> paths() {
    try {
      Map<Pattern, Map.Entry<String, Set<String>>> paths = new LinkedHashMap<>();
      new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT).path("paths").fields().forEachRemaining(path -> {
        Set<String> methods = new TreeSet<>();
        path.getValue().fieldNames().forEachRemaining(name -> {
          if (!name.equals("parameters")) {
            methods.add(name.toUpperCase(Locale.ROOT));
          }
        });
        // The router ignores a trailing slash, except on the ":action" routes, which match exactly.
        String pattern = Pattern.quote(path.getKey()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q")
            + (path.getKey().contains(":") ? "" : "/?");
        paths.put(Pattern.compile(pattern), Map.entry(path.getKey(), methods));
      });
      return paths;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The document's path template for a raw path and method, as the server routes it (a segment per
   * parameter); null when the document has no such operation.
   */
  private static String operationPath(String rawPath, String method) {
    return PATHS.entrySet().stream()
        .filter(p -> p.getKey().matcher(rawPath).matches() && p.getValue().getValue().contains(method))
        .map(p -> p.getValue().getKey()).findFirst().orElse(null);
  }

  /** The bytes of a Vert.x request body, none for no body, null for a stream. */
  private static byte[] requestBody(Object body) {
    return body == null ? new byte[0] : body instanceof Buffer buffer ? buffer.getBytes() : null;
  }

  private static Map<String, List<String>> map(MultiMap headers) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    headers.names().forEach(name -> map.put(name, headers.getAll(name)));
    return map;
  }

  private static SimpleRequest request(Exchange exchange, String path, String rawQuery, Request.Method method) {
    SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
    Map<String, List<String>> query = query(rawQuery);
    // FHIR's _format overrides Accept (openapi.yaml's FhirFormat): the document cannot say so of a
    // header, so the Accept such a request sent is not what chose the answer's type.
    boolean formatOverridesAccept = path.startsWith("/fhir/") && query.containsKey("_format");
    exchange.requestHeaders().forEach((name, values) -> {
      if (!(formatOverridesAccept && name.equalsIgnoreCase("Accept"))) {
        request.withHeader(name, name.equalsIgnoreCase("Content-Type")
            ? values.stream().map(ContractRecorder::jsonFamily).toList() : values);
      }
    });
    query.forEach(request::withQueryParam);
    if (exchange.requestBody() != null && exchange.requestBody().length > 0) {
      request.withBody(exchange.requestBody());
    }
    return request.build();
  }

  private static SimpleResponse response(Exchange exchange) {
    SimpleResponse.Builder response = new SimpleResponse.Builder(exchange.status());
    exchange.responseHeaders().forEach(response::withHeader);
    if (exchange.responseBody().length > 0) {
      response.withBody(exchange.responseBody());
    }
    return response.build();
  }

  private static String jsonFamily(String contentType) {
    return JSON_FAMILY.matcher(contentType).matches() ? "application/json" : contentType;
  }

  private static Map<String, List<String>> query(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  private static boolean jsonBody(Exchange exchange) {
    return exchange.requestBody() != null && exchange.requestBody().length > 0
        && json(exchange.requestHeaders());
  }

  /** Whether the headers declare JSON: application/json or any application/*+json (not NDJSON). */
  private static boolean json(Map<String, List<String>> headers) {
    return headers.entrySet().stream().anyMatch(h -> h.getKey().equalsIgnoreCase("Content-Type")
        && h.getValue().stream().anyMatch(v -> {
          String type = v.split(";")[0].trim().toLowerCase(Locale.ROOT);
          return type.equals("application/json") || type.endsWith("+json");
        }));
  }

  private static boolean hasBody(Exchange exchange) {
    return exchange.requestHeaders().entrySet().stream()
        .anyMatch(h -> h.getKey().equalsIgnoreCase("Content-Type") || h.getKey().equalsIgnoreCase("Transfer-Encoding"));
  }

  private static String problemType(Exchange exchange) {
    try {
      JsonNode problem = Json.mapper().readTree(exchange.responseBody());
      return problem == null ? "" : problem.path("type").asText();
    } catch (IOException e) {
      return "";
    }
  }

  /** The report's errors, but for an empty text (NDJSON, Prometheus) body, which is a text too. */
  private static List<String> messages(ValidationReport report, Exchange exchange) {
    boolean emptyText = exchange.responseBody().length == 0 && !json(exchange.responseHeaders());
    return report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .filter(m -> !(emptyText && m.getKey().equals("validation.response.body.missing")))
        .map(m -> m.getKey() + ": " + m.getMessage()
            + m.getContext().flatMap(c -> c.getPointers()).map(p -> " at " + p.getInstance()).orElse(""))
        .collect(Collectors.toList());
  }

  private static String abbreviated(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return text.length() <= 600 ? text : text.substring(0, 600) + "…";
  }

  /** A java.net.http client that checks what it sends and receives. */
  private static final class Recording extends HttpClient {
    private final HttpClient delegate;

    Recording(HttpClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
        throws IOException, InterruptedException {
      byte[] requestBody = body(request);
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      HttpResponse<T> response = delegate.send(request, teeing(handler, received));
      check(new Exchange(request.method(), uri(request.uri()), request.headers().map(), requestBody,
          response.statusCode(), headers(response.headers()), received.toByteArray()));
      return response;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
      byte[] requestBody = body(request);
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      return delegate.sendAsync(request, teeing(handler, received)).thenApply(response -> {
        check(new Exchange(request.method(), uri(request.uri()), request.headers().map(), requestBody,
            response.statusCode(), headers(response.headers()), received.toByteArray()));
        return response;
      });
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
        HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
      return sendAsync(request, handler);
    }

    @Override public Optional<CookieHandler> cookieHandler() { return delegate.cookieHandler(); }
    @Override public Optional<Duration> connectTimeout() { return delegate.connectTimeout(); }
    @Override public Redirect followRedirects() { return delegate.followRedirects(); }
    @Override public Optional<ProxySelector> proxy() { return delegate.proxy(); }
    @Override public SSLContext sslContext() { return delegate.sslContext(); }
    @Override public SSLParameters sslParameters() { return delegate.sslParameters(); }
    @Override public Optional<Authenticator> authenticator() { return delegate.authenticator(); }
    @Override public Version version() { return delegate.version(); }
    @Override public Optional<Executor> executor() { return delegate.executor(); }

    private static String uri(URI uri) {
      return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static Map<String, List<String>> headers(HttpHeaders headers) {
      return headers.map();
    }

    /** The body a replayable publisher (string, bytes, none) sends; null for a streamed one. */
    private static byte[] body(HttpRequest request) {
      Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
      if (publisher.isEmpty() || publisher.get().contentLength() == 0) {
        return new byte[0];
      }
      if (publisher.get().contentLength() < 0) {
        return null;
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      CompletableFuture<Void> done = new CompletableFuture<>();
      publisher.get().subscribe(new Flow.Subscriber<>() {
        @Override public void onSubscribe(Flow.Subscription subscription) { subscription.request(Long.MAX_VALUE); }
        @Override public void onNext(ByteBuffer item) { write(body, item); }
        @Override public void onError(Throwable throwable) { done.completeExceptionally(throwable); }
        @Override public void onComplete() { done.complete(null); }
      });
      done.join();
      return body.toByteArray();
    }

    private static <T> HttpResponse.BodyHandler<T> teeing(HttpResponse.BodyHandler<T> handler,
        ByteArrayOutputStream received) {
      return info -> {
        HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
        return new HttpResponse.BodySubscriber<>() {
          @Override public CompletableFuture<T> getBody() { return subscriber.getBody().toCompletableFuture(); }
          @Override public void onSubscribe(Flow.Subscription subscription) { subscriber.onSubscribe(subscription); }
          @Override public void onNext(List<ByteBuffer> items) {
            items.forEach(item -> write(received, item));
            subscriber.onNext(items);
          }
          @Override public void onError(Throwable throwable) { subscriber.onError(throwable); }
          @Override public void onComplete() { subscriber.onComplete(); }
        };
      };
    }

    private static void write(ByteArrayOutputStream out, ByteBuffer item) {
      ByteBuffer copy = item.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      synchronized (out) {
        out.write(bytes, 0, bytes.length);
      }
    }
  }
}

package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.arbiter.engine.Arbiter;
import io.arbiter.fhir.FhirSamples;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scoring.onnx.ModelRegistry;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Why one body per seed (seed + index) rather than one stream: the bodies are sent from several
 * threads, and a failure must be reproducible from its index alone, whatever thread sent it.
 * Why an H2 store and a model registry: with them every write route is live (the imports answer
 * 501 over a scheme's own population, and the model routes are absent without a registry).
 */

/**
 * Sends {@value #BODIES} malformed or hostile requests, generated from seed {@value #SEED}, to
 * every write endpoint of an in-process server, then {@value #FHIR_BODIES} more from the same
 * generator to {@code POST /fhir/Claim} alone (issue 15 §1: the FHIR route gets the same hostile
 * bodies as {@code /v1}), and requires that none gets a 5xx, that every answer comes within
 * {@value #MAX_ANSWER_MILLIS} ms, that every 4xx is a problem document (an OperationOutcome under
 * /fhir) and (issue 15 §6) that none names a library's internals. Prints the figures the README's
 * reliability section states.
 */
class FuzzHttpTest {
  static final int BODIES = 10_000;
  static final int FHIR_BODIES = 4_000;
  /** Longest a hostile request may take to be answered (issue 15 §1: no request runs without bound). */
  static final long MAX_ANSWER_MILLIS = 10_000;
  /** What no answer may show: a parser's settings and error codes, Java class names (issue 15 §6). */
  private static final java.util.regex.Pattern LIBRARY_WORDS = java.util.regex.Pattern.compile(
      "StreamReadConstraints|StreamReadFeature|JsonReadFeature|HAPI-\\d|ca\\.uhn|com\\.fasterxml|java\\.lang|Exception\\b");
  static final long SEED = 20261127L;
  private static final int THREADS = 16;

  @TempDir
  static Path dir;
  private static TestServer server;
  private static JdbcStore store;
  private static ModelRegistry models;
  private static int port;
  private static String schemeJson;

  /** A write endpoint and a valid body for it, which the mutations start from. */
  private record Target(String method, String path, String contentType, String seedBody) {
    boolean fhir() {
      return path.startsWith("/fhir");
    }

    boolean json() {
      return contentType.contains("json");
    }
  }

  private static final List<Target> TARGETS = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    try (InputStream in = FuzzHttpTest.class.getResourceAsStream("/scheme.json")) {
      schemeJson = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    store = JdbcStore.open(new JdbcStoreOptions().setUrl(JdbcStoreOptions.h2File(dir.resolve("db").toString())));
    models = ModelRegistry.open(Files.createDirectories(dir.resolve("models")));
    Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).store(store).scorer(models.scorer())
        .scheme(Json.mapper().readValue(schemeJson, SchemeDocument.class)).build();
    server = TestServer.start(arbiter, models, TestServer.options());
    port = server.port();
    String claim = "{\"code\": \"FZ0\", \"chfId\": \"111\", \"healthFacility\": \"HF1\", \"dateFrom\": \"2026-06-01\","
        + " \"dateClaimed\": \"2026-06-01\", \"icd\": \"A00\", \"visitType\": \"O\","
        + " \"items\": [{\"itemCode\": \"PARA\", \"qtyProvided\": 2, \"priceAsked\": 10}],"
        + " \"services\": [{\"serviceCode\": \"CONS\", \"qtyProvided\": 1, \"priceAsked\": 100}]}";
    String review = "{\"items\": [{\"lineNo\": 1, \"status\": 1, \"qtyApproved\": 1, \"priceApproved\": 10,"
        + " \"justification\": \"checked\"}], \"services\": [{\"lineNo\": 1, \"status\": 2, \"justification\": \"no\"}]}";
    TARGETS.add(new Target("POST", "/v1/claims", "application/json", claim));
    for (int i = 1; i <= 3; i++) {
      // Claims in the store to review and process; once one is processed its reviews get 409.
      HttpResponse<String> r = send("POST", "/v1/claims", "application/json",
          claim.replace("FZ0", "FZ" + i).getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      TARGETS.add(new Target("POST", "/v1/claims/FZ" + i + "/review", "application/json", review));
    }
    TARGETS.add(new Target("POST", "/v1/claims/FZ3/process", "application/json", "{}"));
    TARGETS.add(new Target("PUT", "/v1/scheme", "application/json", schemeJson));
    TARGETS.add(new Target("POST", "/v1/insurees:import", "application/x-ndjson",
        "{\"type\": \"family\", \"id\": \"ZF1\"}\n{\"type\": \"insuree\", \"chfId\": \"Z11\", \"family\": \"ZF1\"}\n"));
    TARGETS.add(new Target("POST", "/v1/insurees:import", "text/csv", "family,insuree\nZF2,Z21\n"));
    TARGETS.add(new Target("POST", "/v1/vouchers:import", "text/csv", "number,status\nZV1,new\n"));
    TARGETS.add(new Target("POST", "/fhir/Claim", "application/fhir+json",
        FhirSamples.claim("FZH", "111", "HF1", "2026-06-01", "PARA")));
    TARGETS.add(new Target("POST", "/v1/models", "application/json",
        "{\"onnx\": \"AAAA\", \"card\": {\"id\": \"m1\"}, \"stats\": {\"rows\": 1}}"));
    TARGETS.add(new Target("POST", "/v1/models/m1/activate", "application/json", "{}"));
    TARGETS.add(new Target("POST", "/v1/sampling-batches", "application/json",
        "{\"filter\": {\"healthFacility\": \"HF1\"}, \"percentage\": 10, \"seed\": 1}"));
    TARGETS.add(new Target("POST", "/v1/sampling-batches/unknown/extrapolate", "application/json", "{}"));
    TARGETS.add(new Target("POST", "/v1/review-selection", "application/json",
        "{\"modes\": [\"random\"], \"randomPercent\": 10}"));
  }

  @AfterAll
  static void stop() {
    server.close();
    models.close();
    store.close();
  }

  private static final HttpClient HTTP = ContractRecorder.recording(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build());

  private static HttpResponse<String> send(String method, String path, String contentType, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", TestKeys.ALL_BEARER)
        .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  // ---- the generator ----

  /** One generated request. */
  record Body(int index, Target target, String path, String contentType, byte[] bytes, String mutation) {}

  private static final String[] HOSTILE = {
    "null", "true", "false", "0", "-1", "-0", "1e999999", "-1e999999", "1e-999999", "123456789012345678901234567890",
    "9".repeat(200), "0.0000000000000000000001", "NaN", "-Infinity", "\"NaN\"", "\"Infinity\"", "\"-1\"", "\"\"",
    "\" \"", "[]", "{}", "[null]", "[null, null]", "[1, \"a\", null, {}]", "{\"\": null}", "\"\\u0000\"",
    "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\u202e\u200b\ufeff\"", "\"😀👨‍👩‍👧\"", "\"<script>alert(1)</script>\"",
    "\"'; DROP TABLE claim; --\"", "\"../../etc/passwd\"", "\"%00\"", "\"9999-99-99\"", "\"2026-02-30\"",
    "\"+999999999-12-31\"", "\"-0001-01-01\"", "\"1899-12-31\"", "20260101", "1.5", "2147483648", "-2147483649",
    "9223372036854775808", "\"A00\"", "{\"$ref\": \"#\"}", "1e999999999", "-1e999999999", "1e-999999999",
    "0e999999999", "1e309", "1e308",
  };

  private static final String[] WRONG_TYPES = {null, "text/plain", "application/xml", "multipart/form-data; boundary=x",
    "application/json; charset=utf-16", "application/x-www-form-urlencoded", "*/*", "application/jsonx", ""};

  static Body generate(int index) {
    Random random = new Random(SEED + index * 1_000_003L);
    Target chosen = TARGETS.get(random.nextInt(TARGETS.size()));
    Target target = index < BODIES ? chosen
        : TARGETS.stream().filter(t -> t.path().equals("/fhir/Claim")).findFirst().orElseThrow();
    String contentType = target.contentType();
    String path = target.path();
    String text = target.seedBody();
    byte[] bytes = null;
    String mutation;
    switch (random.nextInt(13)) {
      case 0 -> {
        mutation = "truncated";
        text = text.substring(0, random.nextInt(Math.max(1, text.length())));
      }
      case 1, 2 -> {
        mutation = "wrong type";
        text = replaceNode(text, target, random, HOSTILE[random.nextInt(HOSTILE.length)]);
      }
      case 3 -> {
        mutation = "deep nesting";
        int depth = new int[] {10, 63, 64, 65, 200, 5_000, 100_000}[random.nextInt(7)];
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        text = replaceNode(text, target, random, open.repeat(depth) + "1" + close.repeat(depth));
      }
      case 4 -> {
        mutation = "unicode";
        StringBuilder s = new StringBuilder("\"");
        for (int i = random.nextInt(64); i > 0; i--) {
          int cp = random.nextInt(4) == 0 ? random.nextInt(0x20) : random.nextInt(0x10FFFF);
          if (cp >= 0xD800 && cp <= 0xDFFF || cp < 0x20 || cp == '"' || cp == '\\') {
            s.append(String.format("\\u%04x", cp & 0xFFFF));
          } else {
            s.appendCodePoint(cp);
          }
        }
        text = replaceNode(text, target, random, s.append('"').toString());
      }
      case 5 -> {
        mutation = "nulls in arrays";
        text = text.replace("[{", random.nextBoolean() ? "[null, {" : "[null]").replace("}]", random.nextBoolean()
            ? "}, null]" : "}]");
        if (!text.contains("null")) {
          text = replaceNode(text, target, random, "[null, null, null]");
        }
      }
      case 6 -> {
        mutation = "giant string";
        int length = new int[] {5_000, 70_000, 600_000, 1_100_000}[random.nextInt(4)];
        text = replaceNode(text, target, random, "\"" + "x".repeat(length) + "\"");
      }
      case 7 -> {
        mutation = "duplicate keys";
        int brace = text.indexOf('{');
        text = brace < 0 ? text + text : text.substring(0, brace + 1) + "\"code\": \"DUP\", \"code\": 1, "
            + text.substring(brace + 1);
      }
      case 8 -> {
        mutation = "wrong content type";
        contentType = WRONG_TYPES[random.nextInt(WRONG_TYPES.length)];
      }
      case 9 -> {
        mutation = "random bytes";
        bytes = new byte[random.nextInt(2048)];
        random.nextBytes(bytes);
      }
      case 10 -> {
        mutation = "wrong shape";
        text = new String[] {"", " ", "[]", "\"x\"", "42", "null", "true", "{}", "[[]]", "{\"resourceType\": 1}",
          "\n\n", "\u0000"}[random.nextInt(12)];
      }
      case 12 -> {
        mutation = "not UTF-8";
        String marked = replaceNode(text, target, random, "\"" + MARK + "\"");
        byte[][] sequences = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF},
          {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {0}};
        byte[] bad = sequences[random.nextInt(sequences.length)];
        String[] parts = marked.split(MARK, 2);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bad);
        out.writeBytes(parts.length > 1 ? parts[1].getBytes(StandardCharsets.UTF_8) : new byte[0]);
        bytes = out.toByteArray();
      }
      default -> {
        mutation = "hostile path";
        String code = new String[] {"%00", "..%2F..%2Fetc", "x".repeat(3000), "%E2%80%AE", "%ff%fe", "a%20b",
          URLEncoder.encode("😀", StandardCharsets.UTF_8), "FZ1%3Freview"}[random.nextInt(8)];
        path = path.replaceFirst("/(FZ\\d|m1|unknown)/", "/" + code + "/");
        if (path.equals(target.path())) {
          text = replaceNode(text, target, random, HOSTILE[random.nextInt(HOSTILE.length)]);
        }
      }
    }
    return new Body(index, target, path, contentType, bytes != null ? bytes : text.getBytes(StandardCharsets.UTF_8),
        mutation);
  }

  private static final String MARK = "__fuzz_value__";

  /**
   * The seed body with one value (or, for CSV, one cell) replaced by a raw snippet, valid JSON or
   * not. NDJSON mutates one line.
   */
  private static String replaceNode(String text, Target target, Random random, String snippet) {
    if (!target.json() && !target.contentType().contains("ndjson")) {
      String[] cells = text.split("[,\n]", -1);
      String cell = cells[random.nextInt(cells.length)];
      String unquoted = snippet.startsWith("\"") && snippet.length() > 1 ? snippet.substring(1, snippet.length() - 1)
          : snippet;
      return cell.isEmpty() ? text + unquoted : text.replaceFirst(java.util.regex.Pattern.quote(cell),
          java.util.regex.Matcher.quoteReplacement(unquoted));
    }
    try {
      JsonNode root = Json.mapper().readTree(target.contentType().contains("ndjson") ? text.lines().findFirst().orElse("{}")
          : text);
      List<JsonNode> containers = new ArrayList<>();
      collect(root, containers);
      JsonNode container = containers.get(random.nextInt(containers.size()));
      if (container instanceof ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        String name = names.isEmpty() || random.nextInt(5) == 0 ? "unknownField" : names.get(random.nextInt(names.size()));
        o.set(name, TextNode.valueOf(MARK));
      } else {
        ArrayNode a = (ArrayNode) container;
        if (a.isEmpty() || random.nextBoolean()) {
          a.add(TextNode.valueOf(MARK));
        } else {
          a.set(random.nextInt(a.size()), TextNode.valueOf(MARK));
        }
      }
      String mutated = Json.mapper().writeValueAsString(root).replace("\"" + MARK + "\"", snippet);
      return target.contentType().contains("ndjson") ? mutated + "\n" + text : mutated;
    } catch (IOException e) {
      throw new IllegalStateException("the seed bodies are JSON", e);
    }
  }

  private static void collect(JsonNode node, List<JsonNode> containers) {
    if (node.isContainerNode()) {
      containers.add(node);
      node.forEach(child -> collect(child, containers));
    }
  }

  // ---- the run ----

  @Test
  void writeEndpoints_hostileBodies_noServerErrorAndEveryRefusalIsAProblem() throws Exception {
    Map<Integer, AtomicInteger> histogram = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> byMutation = new ConcurrentHashMap<>();
    List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicLong bytesSent = new AtomicLong();
    AtomicLong slowest = new AtomicLong();
    Map<Integer, AtomicInteger> fhirHistogram = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long started = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < BODIES + FHIR_BODIES; i = next.getAndIncrement()) {
          Body body = generate(i);
          bytesSent.addAndGet(body.bytes().length);
          byMutation.computeIfAbsent(body.mutation(), k -> new AtomicInteger()).incrementAndGet();
          String violation;
          try {
            long sent = System.nanoTime();
            HttpResponse<String> r = send(body.target().method(), body.path(), body.contentType(), body.bytes());
            long answerMillis = (System.nanoTime() - sent) / 1_000_000;
            slowest.accumulateAndGet(answerMillis, Math::max);
            histogram.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
            if (body.target().fhir()) {
              fhirHistogram.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
            }
            violation = answerMillis > MAX_ANSWER_MILLIS ? "answered after " + answerMillis + " ms" : check(body, r);
          } catch (IOException e) {
            // The server may cut an upload it refused before reading it all (413); anything else is not allowed.
            histogram.computeIfAbsent(-1, k -> new AtomicInteger()).incrementAndGet();
            violation = body.bytes().length > ArbiterServerOptions.DEFAULT_BODY_LIMIT ? null : "connection failed: " + e;
          }
          if (violation != null) {
            violations.add("#" + i + " " + body.mutation() + " " + body.target().method() + " " + body.path() + " ("
                + body.contentType() + "): " + violation);
          }
        }
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();
    long millis = (System.nanoTime() - started) / 1_000_000;
    String figures = "fuzz: " + (BODIES + FHIR_BODIES) + " requests (seed " + SEED + ", " + TARGETS.size()
        + " targets, then " + FHIR_BODIES + " to /fhir/Claim alone; " + bytesSent.get() / 1_000_000 + " MB) in "
        + millis + " ms, slowest answer " + slowest.get() + " ms; statuses " + new TreeMap<>(histogram)
        + "; of which /fhir/Claim " + new TreeMap<>(fhirHistogram) + "; mutations " + new TreeMap<>(byMutation)
        + "; violations " + violations.size();
    System.out.println(figures);
    Files.writeString(Path.of("target", "fuzz-figures.txt"), figures + "\n");
    assertThat(violations).as(figures).isEmpty();
    assertThat(histogram.keySet()).as("nothing answered 5xx").allSatisfy(s -> assertThat(s).isLessThan(500));
    assertThat(histogram.entrySet().stream().filter(e -> e.getKey() >= 400).mapToInt(e -> e.getValue().get()).sum())
        .as("the bodies are mostly refused").isGreaterThan((BODIES + FHIR_BODIES) / 2);
  }

  /** What is wrong with an answer, or null. */
  private static String check(Body body, HttpResponse<String> r) {
    int status = r.statusCode();
    if (status >= 500) {
      return "answered " + status + ": " + abbreviate(r.body());
    }
    if (status < 400) {
      return null;
    }
    String type = r.headers().firstValue("Content-Type").orElse("");
    java.util.regex.Matcher library = LIBRARY_WORDS.matcher(r.body());
    if (library.find()) {
      return status + " names a library's internals (" + library.group() + "): " + abbreviate(r.body());
    }
    try {
      JsonNode answer = Json.mapper().readTree(r.body());
      if (body.target().fhir()) {
        return type.startsWith("application/fhir+json") && "OperationOutcome".equals(answer.path("resourceType").asText())
            ? null : status + " is not an OperationOutcome: " + type + " " + abbreviate(r.body());
      }
      return type.equals(ProblemDetails.MEDIA_TYPE) && answer.path("status").asInt() == status
          ? null : status + " is not a problem document: " + type + " " + abbreviate(r.body());
    } catch (IOException e) {
      return status + " with a body that is not JSON: " + type + " " + abbreviate(r.body());
    }
  }

  private static String abbreviate(String s) {
    return s == null || s.length() < 300 ? s : s.substring(0, 300) + "…";
  }
}

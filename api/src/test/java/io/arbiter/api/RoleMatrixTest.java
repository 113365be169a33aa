package io.arbiter.api;

import static io.arbiter.access.Role.ADMIN;
import static io.arbiter.access.Role.BACKEND;
import static io.arbiter.access.Role.MODELER;
import static io.arbiter.access.Role.REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.access.Role;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scoring.onnx.ModelRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/*
 * Why the table is written out here rather than read from Access.RULES: this is the specification
 * the server is checked against; a test that read the server's own table would pass whatever it said.
 */

/**
 * Every route × every role and no token: no token (or an unknown one) gets 401, a key without the
 * route's role 403, a key with it neither (its request is then judged on its merits: 2xx or 4xx,
 * never 5xx). The table must list exactly the routes the server serves.
 */
class RoleMatrixTest {
  private static final Set<Role> OPEN = Set.of();

  /** Route ("METHOD template") → a path to call it with, and the roles that may. */
  private record Entry(String path, Set<Role> roles) {}

  private static final Map<String, Entry> MATRIX = new LinkedHashMap<>();

  static {
    entry("GET /health", "/health", OPEN);
    entry("GET /health/live", "/health/live", OPEN);
    entry("GET /health/ready", "/health/ready", OPEN);
    entry("GET /metrics", "/metrics", Set.of(ADMIN));
    entry("GET /openapi.yaml", "/openapi.yaml", OPEN);
    entry("GET /review", "/review", OPEN);
    entry("GET /v1/scheme", "/v1/scheme", Set.of(BACKEND, ADMIN));
    entry("PUT /v1/scheme", "/v1/scheme", Set.of(ADMIN));
    entry("POST /v1/claims", "/v1/claims", Set.of(BACKEND));
    entry("GET /v1/claims/:code", "/v1/claims/NONE", Set.of(BACKEND, REVIEWER));
    entry("POST /v1/claims/:code/review", "/v1/claims/NONE/review", Set.of(REVIEWER));
    entry("POST /v1/claims/:code/process", "/v1/claims/NONE/process", Set.of(BACKEND));
    entry("GET /v1/insurees/:chfId/balance", "/v1/insurees/NONE/balance", Set.of(BACKEND));
    entry("POST /v1/review-selection", "/v1/review-selection", Set.of(REVIEWER));
    entry("POST /v1/sampling-batches", "/v1/sampling-batches", Set.of(REVIEWER));
    entry("GET /v1/sampling-batches", "/v1/sampling-batches", Set.of(REVIEWER));
    entry("GET /v1/sampling-batches/:id", "/v1/sampling-batches/NONE", Set.of(REVIEWER));
    entry("GET /v1/sampling-batches/:id/claims", "/v1/sampling-batches/NONE/claims", Set.of(REVIEWER));
    entry("POST /v1/sampling-batches/:id/extrapolate", "/v1/sampling-batches/NONE/extrapolate", Set.of(REVIEWER));
    entry("GET /v1/sampling-batches/:id/report", "/v1/sampling-batches/NONE/report", Set.of(REVIEWER));
    entry("GET /v1/review-queue", "/v1/review-queue", Set.of(REVIEWER));
    entry("GET /v1/audit", "/v1/audit", Set.of(ADMIN));
    entry("POST /v1/claims:batch", "/v1/claims:batch", Set.of(BACKEND));
    entry("POST /v1/insurees:import", "/v1/insurees:import", Set.of(ADMIN));
    entry("POST /v1/vouchers:import", "/v1/vouchers:import", Set.of(ADMIN));
    entry("POST /v1/openimis-imports", "/v1/openimis-imports", Set.of(ADMIN));
    entry("GET /v1/openimis-imports/:id", "/v1/openimis-imports/J1", Set.of(ADMIN));
    entry("POST /v1/rules:reload", "/v1/rules:reload", Set.of(ADMIN));
    entry("GET /v1/models", "/v1/models", Set.of(MODELER));
    entry("POST /v1/models", "/v1/models", Set.of(MODELER));
    entry("GET /v1/models/active/drift", "/v1/models/active/drift", Set.of(MODELER));
    entry("DELETE /v1/models/shadow", "/v1/models/shadow", Set.of(MODELER));
    entry("POST /v1/models/:id/activate", "/v1/models/NONE/activate", Set.of(MODELER));
    entry("POST /v1/models/:id/shadow", "/v1/models/NONE/shadow", Set.of(MODELER));
    entry("POST /fhir/Claim", "/fhir/Claim", Set.of(BACKEND));
    entry("GET /fhir/Claim/:id", "/fhir/Claim/NONE", Set.of(BACKEND));
    entry("GET /fhir/ClaimResponse/:id", "/fhir/ClaimResponse/NONE", Set.of(BACKEND));
    entry("GET /fhir/metadata", "/fhir/metadata", Set.of(BACKEND));
  }

  private static void entry(String route, String path, Set<Role> roles) {
    MATRIX.put(route, new Entry(path, roles));
  }

  @TempDir
  static Path models;

  private static TestServer fixture;
  private static Vertx vertx;
  private static WebClient client;
  private static ArbiterServer server;
  private static ModelRegistry registry;

  @BeforeAll
  static void start() throws Exception {
    SchemeDocument scheme;
    try (InputStream in = RoleMatrixTest.class.getResourceAsStream("/scheme.json")) {
      scheme = Json.mapper().readValue(in, SchemeDocument.class);
    }
    registry = ModelRegistry.open(models);
    Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme).scorer(registry.scorer()).build();
    fixture = TestServer.start(arbiter, registry, TestServer.options());
    vertx = fixture.vertx();
    server = fixture.server();
    client = fixture.webClient();
  }

  @AfterAll
  static void stop() {
    fixture.close();
    registry.close();
  }

  @Test
  void routes_eachServedRouteIsInTheMatrixAndNoMore() {
    assertThat(server.routes()).containsExactlyInAnyOrderElementsOf(MATRIX.keySet());
  }

  @Test
  void checkCovered_routeWithoutAnEntry_refusesToStart() {
    io.vertx.ext.web.Router router = io.vertx.ext.web.Router.router(vertx);
    router.post("/v1/claims").handler(ctx -> { });
    Access.checkCovered(router.getRoutes(), "", Set.of());
    router.post("/v1/unlisted").handler(ctx -> { });
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Access.checkCovered(router.getRoutes(), "", Set.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("/v1/unlisted");
    io.vertx.ext.web.Router regex = io.vertx.ext.web.Router.router(vertx);
    regex.routeWithRegex(java.util.regex.Pattern.quote("/v1/claims:unlisted")).handler(ctx -> { });
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Access.checkCovered(regex.getRoutes(), "", Set.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("/v1/claims:unlisted");
  }

  @TestFactory
  Stream<DynamicTest> everyRoute_everyRoleAndNoToken_answersAsTheMatrixSays() {
    List<DynamicTest> tests = new ArrayList<>();
    MATRIX.forEach((route, entry) -> {
      HttpMethod method = HttpMethod.valueOf(route.substring(0, route.indexOf(' ')));
      tests.add(DynamicTest.dynamicTest(route + " without a token", () -> {
        HttpResponse<Buffer> r = send(method, entry.path(), null);
        if (route.equals("GET /health/ready")) {
          // Open, and on its merits 503 here: this server's registry has no active model.
          assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(503);
        } else if (entry.roles().isEmpty()) {
          assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 399);
        } else {
          assertRefused(r, 401, entry.path());
          assertThat(r.getHeader("WWW-Authenticate")).startsWith("Bearer");
        }
      }));
      tests.add(DynamicTest.dynamicTest(route + " with an unknown token", () -> {
        if (!entry.roles().isEmpty()) {
          assertRefused(send(method, entry.path(), "arb.unknown." + "x".repeat(43)), 401, entry.path());
        }
      }));
      for (Role role : Role.values()) {
        tests.add(DynamicTest.dynamicTest(route + " as " + role.id(), () -> {
          HttpResponse<Buffer> r = send(method, entry.path(), TestKeys.token(role));
          if (route.equals("GET /health/ready")) {
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(503);
          } else if (entry.roles().isEmpty() || entry.roles().contains(role)) {
            assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 499).isNotIn(401, 403);
          } else {
            assertRefused(r, 403, entry.path());
          }
        }));
      }
    });
    return tests.stream();
  }

  @Test
  void unknownPath_withoutToken_401AndWithAnyKey_404() {
    assertThat(send(HttpMethod.GET, "/v1/nothing", null).statusCode()).isEqualTo(401);
    for (Role role : EnumSet.allOf(Role.class)) {
      assertThat(send(HttpMethod.GET, "/v1/nothing", TestKeys.token(role)).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void knownPathOtherMethod_withoutToken_401AndWithAKey_405() {
    assertThat(send(HttpMethod.DELETE, "/v1/claims/NONE", null).statusCode()).isEqualTo(401);
    assertThat(send(HttpMethod.DELETE, "/v1/claims/NONE", TestKeys.token(BACKEND)).statusCode()).isEqualTo(405);
  }

  private static void assertRefused(HttpResponse<Buffer> r, int status, String path) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    if (path.startsWith("/fhir/")) {
      assertThat(r.getHeader("Content-Type")).startsWith("application/fhir+json");
      assertThat(r.bodyAsJsonObject().getString("resourceType")).isEqualTo("OperationOutcome");
    } else {
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.bodyAsJsonObject().getInteger("status")).isEqualTo(status);
    }
  }

  private static HttpResponse<Buffer> send(HttpMethod method, String path, String token) {
    HttpRequest<Buffer> request = client.request(method, server.port(), "127.0.0.1", path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    if (method == HttpMethod.POST || method == HttpMethod.PUT) {
      request.putHeader("Content-Type", "application/json");
      return request.sendBuffer(Buffer.buffer("{}")).await();
    }
    return request.send().await();
  }
}

package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Review selection and sampling batches through the HTTP API (scheme.json, PARA at 10). The server
 * is shared: each test submits its claims on a day of its own and filters on that day. Every request
 * carries a key (TestKeys.ALL): the batches' reads need the reviewer role.
 */
class SamplingHttpTest {
  private static final HttpClient HTTP = TestServer.http();
  private static TestServer server;
  private static int port;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestServer.arbiter("/scheme.json"));
    port = server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private record Answer(int status, JsonNode json, HttpResponse<String> response) {}

  private static Answer send(String method, String path, String body) throws Exception {
    return send(method, path, body, TestKeys.ALL_BEARER);
  }

  private static Answer send(String method, String path, String body, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> r = HTTP.send(request
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body().isEmpty() ? null : Json.mapper().readTree(r.body()), r);
  }

  /** Submits claims of PARA × qty, one per code, on {@code day}. */
  private static void submit(String day, String prefix, int n, int qty) throws Exception {
    for (int i = 0; i < n; i++) {
      Answer a = send("POST", "/v1/claims", "{\"code\": \"" + prefix + i + "\", \"chfId\": \"111\","
          + " \"healthFacility\": \"HF1\", \"dateFrom\": \"" + day + "\", \"dateClaimed\": \"" + day + "\","
          + " \"icd\": \"A00\", \"items\": [{\"itemCode\": \"PARA\", \"qtyProvided\": " + qty
          + ", \"priceAsked\": 10}]}");
      assertThat(a.status()).as(a.json().toString()).isEqualTo(201);
    }
  }

  private static String filter(String day) {
    return "{\"dateFrom\": \"" + day + "\", \"dateTo\": \"" + day + "\"}";
  }

  @Test
  void reviewSelection_valueModeSelectsAndRecordsWhy() throws Exception {
    submit("2026-03-02", "RSV", 1, 10);
    submit("2026-03-02", "RSW", 1, 9);
    Answer a = send("POST", "/v1/review-selection", "{\"filter\": " + filter("2026-03-02")
        + ", \"modes\": [\"value\"], \"value\": 100}");
    assertThat(a.status()).as(a.json().toString()).isEqualTo(200);
    assertThat(a.json().get("selected")).extracting(JsonNode::asText).containsExactly("RSV0");
    assertThat(a.json().get("notSelected")).extracting(JsonNode::asText).containsExactly("RSW0");
    JsonNode claim = send("GET", "/v1/claims/RSV0", null).json();
    assertThat(claim.get("reviewStatus").asInt()).isEqualTo(4);
    assertThat(claim.at("/selection/mode").asText()).isEqualTo("value");
    assertThat(claim.at("/selection/policyVersion").asText()).startsWith("review-");
  }

  @Test
  void reviewSelection_missingParameterIs422NamingIt() throws Exception {
    Answer a = send("POST", "/v1/review-selection", "{\"modes\": [\"random\"]}");
    assertThat(a.status()).isEqualTo(422);
    assertThat(a.response().headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(a.json().at("/errors/0/field").asText()).isEqualTo("/randomPercent");
  }

  @Test
  void reviewSelection_unknownFieldIs400() throws Exception {
    assertThat(send("POST", "/v1/review-selection", "{\"modes\": [\"value\"], \"treshold\": 3}").status())
        .isEqualTo(400);
  }

  @Test
  void samplingBatch_createReviewExtrapolateAndReport() throws Exception {
    submit("2026-03-03", "SB", 4, 10);
    Answer created = send("POST", "/v1/sampling-batches", "{\"filter\": " + filter("2026-03-03")
        + ", \"percentage\": 50, \"seed\": 9}");
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    String id = created.json().get("id").asText();
    assertThat(created.response().headers().firstValue("Location")).hasValue("/v1/sampling-batches/" + id);
    List<String> sampled = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    created.json().get("claims").forEach(m -> (m.get("sampled").asBoolean() ? sampled : skipped)
        .add(m.get("code").asText()));
    assertThat(sampled).hasSize(2);

    Answer early = send("POST", "/v1/sampling-batches/" + id + "/extrapolate", null);
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.json().at("/errors/0/field").asText()).isEqualTo("/claims");

    for (String code : sampled) {
      assertThat(send("POST", "/v1/claims/" + code + "/review",
          "{\"items\": [{\"lineNo\": 1, \"priceApproved\": 6}]}").status()).isEqualTo(200);
    }
    Answer report = send("GET", "/v1/sampling-batches/" + id + "/report", null);
    assertThat(report.status()).isEqualTo(200);
    assertThat(report.json().at("/batchTotal/total").asDouble()).isEqualTo(240.0);
    assertThat(report.json().at("/leakage/total").asDouble()).as("2 unreviewed × (100 − 60)").isEqualTo(80.0);

    Answer done = send("POST", "/v1/sampling-batches/" + id + "/extrapolate", null);
    assertThat(done.status()).as(done.json().toString()).isEqualTo(200);
    assertThat(done.json().at("/extrapolation/ratio").decimalValue()).isEqualByComparingTo("0.6");
    JsonNode skippedClaim = send("GET", "/v1/claims/" + skipped.get(0), null).json();
    assertThat(skippedClaim.at("/items/0/priceApproved").decimalValue()).isEqualByComparingTo("6.00");
    assertThat(skippedClaim.get("reviewStatus").asInt()).isEqualTo(16);
    assertThat(skippedClaim.get("status").asInt()).isEqualTo(16);
    assertThat(send("GET", "/v1/sampling-batches/" + id, null).json().at("/extrapolation/extrapolated"))
        .hasSize(2);
    // Issue 15 §7b: the reviewed drawn claims are processed in the same step, none stays checked.
    assertThat(done.json().at("/extrapolation/reviewedProcessed")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrderElementsOf(sampled);
    for (String code : sampled) {
      JsonNode reviewed = send("GET", "/v1/claims/" + code, null).json();
      assertThat(reviewed.get("status").asInt()).isEqualTo(16);
      assertThat(reviewed.get("reviewStatus").asInt()).isEqualTo(8);
      assertThat(reviewed.get("valuated").decimalValue()).as("10 × the reviewed 6").isEqualByComparingTo("60.00");
    }
  }

  @Test
  void samplingBatch_percentageOutside1To100Is422() throws Exception {
    submit("2026-03-04", "SP", 1, 1);
    Answer a = send("POST", "/v1/sampling-batches", "{\"filter\": " + filter("2026-03-04") + ", \"percentage\": 0}");
    assertThat(a.status()).isEqualTo(422);
    assertThat(a.json().at("/errors/0/field").asText()).isEqualTo("/percentage");
  }

  @Test
  void samplingBatch_claimsAlreadyInABatchAre409() throws Exception {
    submit("2026-03-05", "SC", 3, 1);
    String body = "{\"filter\": " + filter("2026-03-05") + ", \"percentage\": 34}";
    assertThat(send("POST", "/v1/sampling-batches", body).status()).isEqualTo(201);
    Answer again = send("POST", "/v1/sampling-batches", body);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().at("/errors/0/field").asText()).isEqualTo("/filter");
  }

  @Test
  void samplingBatch_unknownBatchIs404() throws Exception {
    assertThat(send("GET", "/v1/sampling-batches/none", null).status()).isEqualTo(404);
    assertThat(send("GET", "/v1/sampling-batches/none/report", null).status()).isEqualTo(404);
    assertThat(send("POST", "/v1/sampling-batches/none/extrapolate", null).status()).isEqualTo(404);
  }

  /** Draws a plain batch over the claims of {@code day}; answers its id. */
  private static String batch(String day, int percentage) throws Exception {
    Answer created = send("POST", "/v1/sampling-batches", "{\"filter\": " + filter(day)
        + ", \"percentage\": " + percentage + ", \"seed\": 3}");
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    return created.json().get("id").asText();
  }

  @Test
  void samplingBatchReads_withoutReviewerToken_401() throws Exception {
    submit("2026-03-06", "SA", 1, 1);
    String id = batch("2026-03-06", 100);
    for (String path : List.of("/v1/sampling-batches", "/v1/sampling-batches/" + id,
        "/v1/sampling-batches/" + id + "/claims", "/v1/sampling-batches/" + id + "/report")) {
      Answer anonymous = send("GET", path, null, null);
      assertThat(anonymous.status()).as(path).isEqualTo(401);
      assertThat(anonymous.response().body()).as(path).doesNotContain("SA0");
      assertThat(send("GET", path, null, "Bearer wrong").status()).as(path).isEqualTo(401);
    }
  }

  @Test
  void samplingBatches_listsTheNewestFirstWithItsClaimCount() throws Exception {
    submit("2026-03-07", "SL", 3, 1);
    String id = batch("2026-03-07", 34);
    Answer list = send("GET", "/v1/sampling-batches", null);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().at("/0/id").asText()).isEqualTo(id);
    assertThat(list.json().at("/0/claims").asInt()).isEqualTo(3);
    assertThat(list.json().at("/0/createdAt").asText()).isNotBlank();
    assertThat(send("GET", "/v1/sampling-batches?size=1", null).json()).hasSize(1);
    assertThat(send("GET", "/v1/sampling-batches?size=0", null).status()).isEqualTo(400);
    assertThat(send("GET", "/v1/sampling-batches?page=2", null).status()).isEqualTo(400);
  }

  @Test
  void samplingBatchClaims_tellDrawnFromSkippedAndWhetherReviewed() throws Exception {
    submit("2026-03-09", "SR", 4, 10);
    String id = batch("2026-03-09", 50);
    Answer before = send("GET", "/v1/sampling-batches/" + id + "/claims", null);
    assertThat(before.status()).isEqualTo(200);
    List<String> drawn = new ArrayList<>();
    before.json().forEach(c -> {
      if (c.get("sampled").asBoolean()) {
        drawn.add(c.get("code").asText());
        assertThat(c.get("reviewStatus").asInt()).isEqualTo(4);
      } else {
        assertThat(c.get("reviewStatus").asInt()).isEqualTo(2);
      }
      assertThat(c.get("reviewed").asBoolean()).isFalse();
      assertThat(c.get("inclusionProbability").asDouble()).isEqualTo(0.5);
    });
    assertThat(drawn).hasSize(2);
    assertThat(send("POST", "/v1/claims/" + drawn.get(0) + "/review",
        "{\"items\": [{\"lineNo\": 1, \"priceApproved\": 6}]}").status()).isEqualTo(200);
    Answer after = send("GET", "/v1/sampling-batches/" + id + "/claims", null);
    List<String> reviewed = new ArrayList<>();
    after.json().forEach(c -> {
      if (c.get("reviewed").asBoolean()) {
        reviewed.add(c.get("code").asText());
      }
    });
    assertThat(reviewed).containsExactly(drawn.get(0));
    assertThat(send("GET", "/v1/sampling-batches/none/claims", null).status()).isEqualTo(404);
  }

  @Test
  void openApi_documentsTheEndpoints() throws Exception {
    HttpResponse<String> spec = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/openapi.yaml")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(spec.body()).contains("/v1/review-selection:", "/v1/sampling-batches:",
        "/v1/sampling-batches/{id}/extrapolate:", "/v1/sampling-batches/{id}/report:",
        "/v1/sampling-batches/{id}/claims:", "listSamplingBatches");
  }
}

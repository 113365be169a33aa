package io.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.claim.Claim;
import io.arbiter.demo.DemoClaims;
import io.arbiter.demo.DemoScheme;
import io.arbiter.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code arbiter serve} starts: on an in-memory store, and outside the project folder. */
class ServeStoreTest {
  private static final Duration START = Duration.ofSeconds(90);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path workingDirectory;

  @TempDir
  Path logs;

  /**
   * Issue 15 §6: {@code serve --store memory} adjudicates with the demo scheme, writes no file where
   * it runs, and starts empty again after a restart.
   */
  @Test
  void serveStoreMemory_adjudicatesWritesNoFileAndIsEmptyAtEveryStart() throws Exception {
    Claim claim = new DemoClaims(DemoScheme.generate(DemoScheme.DEFAULT_SEED), DemoScheme.DEFAULT_SEED, "MEM-")
        .next(2);
    try (ServiceProcess service = ServiceProcess.start(List.of("--store", "memory", "--no-scoring"),
        workingDirectory, logs.resolve("first.log"), START)) {
      assertThat(service.output()).contains("NOT durable");
      String backend = service.key("backend");
      HttpResponse<String> submitted = HTTP.send(HttpRequest.newBuilder(service.uri("/v1/claims"))
          .header("Authorization", "Bearer " + backend).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(claim))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
      assertThat(get(service, "/v1/claims/" + claim.code(), backend)).isEqualTo(200);
    }
    try (Stream<Path> written = Files.list(workingDirectory)) {
      assertThat(written).as("files the service wrote where it ran").isEmpty();
    }
    try (ServiceProcess again = ServiceProcess.start(List.of("--store", "memory", "--no-scoring"),
        workingDirectory, logs.resolve("again.log"), START)) {
      assertThat(get(again, "/v1/claims/" + claim.code(), again.key("backend"))).isEqualTo(404);
    }
  }

  /**
   * Issue 15 §6: started where there is no models folder, serve says loudly (a WARN log line and a
   * printed warning) which folder it looked in and the flags that fix it, not just that claims go
   * unscored.
   */
  @Test
  void serve_noModelsFolder_warnsWithTheFolderItLookedInAndTheFlagThatFixesIt() throws Exception {
    try (ServiceProcess service = ServiceProcess.start(List.of("--store", "memory"), workingDirectory,
        logs.resolve("models.log"), START)) {
      String folder = workingDirectory.toRealPath().resolve("models").toString();
      // Log lines are written by a background thread: the warning may trail the printed lines a little.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline && !service.output().contains("\"message\":\"no active risk model")) {
        Thread.sleep(50);
      }
      assertThat(service.output().lines().filter(l -> l.contains("\"level\":\"WARN\"")))
          .anySatisfy(l -> assertThat(l).contains("no active risk model in " + folder, "--models DIR",
              "--no-scoring"));
      assertThat(service.output()).contains("WARNING: no active risk model in " + folder);
      assertThat(get(service, "/health/ready", null)).isEqualTo(503);
    }
  }

  private static int get(ServiceProcess service, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}

package io.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code arbiter serve} gets its reviewer token: given on the command line, or made and printed. */
class ServeReviewerTokenTest {
  private static final Duration START = Duration.ofSeconds(90);
  private static final Pattern PRINTED =
      Pattern.compile("Reviewer page http://127\\.0\\.0\\.1:\\d+/review/ with token (\\S+)");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  @Test
  void serve_givenToken_guardsTheQueueAndIsNotPrinted() throws Exception {
    try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, dir);
        ServiceProcess service = ServiceProcess.start(
            with(db.serveArgs(), "--demo", "--reviewer-token", "given-token-123"), dir.resolve("given.log"), START)) {
      assertThat(queueStatus(service, "given-token-123")).isEqualTo(200);
      assertThat(queueStatus(service, null)).isEqualTo(401);
      assertThat(queueStatus(service, "other")).isEqualTo(401);
      assertThat(service.output()).doesNotContain("given-token-123").doesNotContain("with token");
    }
  }

  @Test
  void serve_withoutToken_printsARandomOneThatOpensTheQueue() throws Exception {
    try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, dir);
        ServiceProcess service = ServiceProcess.start(with(db.serveArgs(), "--demo"), dir.resolve("made.log"), START)) {
      Matcher printed = PRINTED.matcher(service.output());
      assertThat(printed.find()).as(service.output()).isTrue();
      String token = printed.group(1);
      assertThat(token).hasSizeGreaterThanOrEqualTo(43);
      assertThat(queueStatus(service, token)).isEqualTo(200);
      assertThat(queueStatus(service, null)).isEqualTo(401);
    }
  }

  private static int queueStatus(ServiceProcess service, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(service.uri("/v1/review-queue")).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static List<String> with(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all;
  }
}

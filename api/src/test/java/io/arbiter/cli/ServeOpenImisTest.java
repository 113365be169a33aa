package io.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.openimis.OpenImisDemo;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 §2: {@code serve --openimis URL --refresh PT…} keeps a running service in step with
 * openIMIS's demo database (skipped with the reason where it is absent): the full import when it
 * starts, then an insuree enrolled in openIMIS is served after a later refresh, with no restart
 * (what a refresh reads and writes is tested in openimis' RefreshTest).
 */
class ServeOpenImisTest {
  private static final Duration START = Duration.ofSeconds(90);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path workingDirectory;

  @TempDir
  Path logs;

  @Test
  void serveOpenImis_refreshEvery2s_newInsureeServedWithoutRestart() throws Exception {
    String url = OpenImisDemo.copy();
    // The embedded default database (./data of the working folder), so the service prints demo keys.
    try (ServiceProcess service = ServiceProcess.start(List.of("--no-scoring", "--openimis", url,
        "--openimis-user", OpenImisDemo.USER, "--refresh", "PT2S"), workingDirectory, logs.resolve("serve.log"), START)) {
      String backend = service.key("backend");
      assertThat(awaitBalance(service, backend, "172000001", s -> s == 200)).as("the full import at start")
          .isEqualTo(200);
      int unknown = balance(service, backend, "999000001");
      assertThat(unknown).isNotEqualTo(200);

      // openIMIS enrols a new insuree (in the family of 172000001).
      OpenImisDemo.execute(url, String.join(";\n",
          "CREATE TEMPORARY TABLE n AS SELECT * FROM \"tblInsuree\" WHERE \"CHFID\" = '172000001'"
              + " AND \"ValidityTo\" IS NULL",
          "UPDATE n SET \"InsureeID\" = 90011, \"CHFID\" = '999000001', \"InsureeUUID\" = 'serve-refresh',"
              + " \"IsHead\" = false, \"ValidityFrom\" = CURRENT_TIMESTAMP",
          "INSERT INTO \"tblInsuree\" SELECT * FROM n"));

      assertThat(awaitBalance(service, backend, "999000001", s -> s == 200))
          .as("the new insuree, served after a refresh\n" + service.output()).isEqualTo(200);
      assertThat(service.output()).contains("openIMIS refresh from " + url);
    }
  }

  /** The status of the balance of {@code chfId}, polled for up to 60 s until {@code done}. */
  private static int awaitBalance(ServiceProcess service, String key, String chfId, IntPredicate done)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int status;
    do {
      status = balance(service, key, chfId);
      if (done.test(status)) {
        return status;
      }
      Thread.sleep(250);
    } while (System.nanoTime() < deadline);
    return status;
  }

  private static int balance(ServiceProcess service, String key, String chfId) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(service.uri("/v1/insurees/" + chfId + "/balance?date=2019-09-01"))
        .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}

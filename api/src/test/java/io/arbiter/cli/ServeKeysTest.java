package io.arbiter.cli;

import io.arbiter.main.ArbiterCommand;
import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.api.ContractRecorder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.io.IOException;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The keys of {@code arbiter serve}: a demo's printed keys, and {@code arbiter keys create|list|revoke}. */
class ServeKeysTest {
  private static final Duration START = Duration.ofSeconds(90);
  private static final HttpClient HTTP = ContractRecorder.recording(HttpClient.newHttpClient());

  @TempDir
  Path dir;

  @Test
  void serve_newDemoDatabase_printsOneKeyPerRoleOnceAndEachOpensOnlyItsRoutes() throws Exception {
    try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, dir)) {
      String reviewer;
      String backend;
      try (ServiceProcess service = ServiceProcess.start(with(db.serveArgs(), "--demo"), dir.resolve("first.log"),
          START)) {
        reviewer = service.key("reviewer");
        backend = service.key("backend");
        assertThat(service.key("modeler")).isNotEqualTo(service.key("admin"));
        assertThat(status(service, "/v1/review-queue", reviewer)).isEqualTo(200);
        assertThat(status(service, "/v1/review-queue", backend)).isEqualTo(403);
        assertThat(status(service, "/v1/review-queue", null)).isEqualTo(401);
        assertThat(status(service, "/v1/audit", service.key("admin"))).isEqualTo(200);
        assertThat(status(service, "/health", null)).isEqualTo(200);
      }
      try (ServiceProcess again = ServiceProcess.start(with(db.serveArgs(), "--demo"), dir.resolve("again.log"),
          START)) {
        assertThat(again.output()).doesNotContain(" key arb.").doesNotContain(reviewer);
        assertThat(status(again, "/v1/review-queue", reviewer)).isEqualTo(200);
      }
    }
  }

  @Test
  void serve_embeddedDefaultDatabase_writesTheDemoKeysAsShellVariablesOnce() throws Exception {
    Path keys = dir.resolve("data").resolve("demo-keys.env");
    Map<String, String> written;
    try (ServiceProcess service = ServiceProcess.start(List.of("--no-scoring"), dir, dir.resolve("first.log"),
        START)) {
      written = variables(keys);
      assertThat(written).containsOnlyKeys("BACKEND_KEY", "REVIEWER_KEY", "MODELER_KEY", "ADMIN_KEY")
          .containsEntry("REVIEWER_KEY", service.key("reviewer")).containsEntry("ADMIN_KEY", service.key("admin"));
      assertThat(Files.getPosixFilePermissions(keys)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE);
      assertThat(service.output()).contains(". data/demo-keys.env");
      assertThat(status(service, "/v1/review-queue", written.get("REVIEWER_KEY"))).isEqualTo(200);
    }
    try (ServiceProcess again = ServiceProcess.start(List.of("--no-scoring"), dir, dir.resolve("again.log"),
        START)) {
      assertThat(again.output()).doesNotContain(" key arb.").doesNotContain("demo-keys.env");
      assertThat(variables(keys)).isEqualTo(written);
      assertThat(status(again, "/v1/scheme", written.get("BACKEND_KEY"))).isEqualTo(200);
    }
  }

  private static Map<String, String> variables(Path file) throws IOException {
    Map<String, String> variables = new java.util.HashMap<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.startsWith("#")) {
        variables.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
    }
    return variables;
  }

  // An embedded H2 file admits one process at a time, so the commands run while the service is down.
  @Test
  void keys_createdListedAndRevokedOnTheDatabase_openAndThenCloseTheService() throws Exception {
    try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, dir)) {
      String[] dbArgs = db.serveArgs().toArray(String[]::new);
      Run created = run(with(List.of("keys", "create", "--role", "reviewer,modeler", "--name", "alice"), dbArgs));
      assertThat(created.status).as(created.err).isZero();
      String[] idAndToken = created.out.trim().split(" ");
      String token = idAndToken[1];
      try (ServiceProcess service = ServiceProcess.start(with(db.serveArgs(), "--demo"), dir.resolve("keys.log"),
          START)) {
        assertThat(service.output()).as("no demo keys on a database that holds keys").doesNotContain(" key arb.");
        assertThat(status(service, "/v1/review-queue", token)).isEqualTo(200);
        assertThat(status(service, "/v1/models", token)).isEqualTo(200);
        assertThat(post(service, "/v1/claims/X/process", token)).isEqualTo(403);
      }

      Run listed = run(with(List.of("keys", "list"), dbArgs));
      assertThat(listed.out).contains(idAndToken[0], "reviewer,modeler", "alice").doesNotContain(token)
          .doesNotContain(token.substring(token.lastIndexOf('.') + 1));
      Run revoked = run(with(List.of("keys", "revoke", idAndToken[0]), dbArgs));
      assertThat(revoked.status).as(revoked.err).isZero();
      assertThat(run(with(List.of("keys", "list"), dbArgs)).out).contains("revoked");

      try (ServiceProcess service = ServiceProcess.start(db.serveArgs(), dir.resolve("revoked.log"), START)) {
        assertThat(status(service, "/v1/review-queue", token)).isEqualTo(401);
      }
    }
  }

  @Test
  void keysCreate_unknownRole_usageError() {
    Run run = run(List.of("keys", "create", "--role", "root", "--db", "jdbc:h2:mem:keys-unknown-role"));
    assertThat(run.status).isEqualTo(2);
    assertThat(run.err).contains("unknown role 'root'");
  }

  /** Issue 15 §1: a key's name is an identifier; a control character in it is refused before any store write. */
  @Test
  void keysCreate_nameWithAControlCharacter_usageError() {
    Run run = run(List.of("keys", "create", "--role", "backend", "--name", "desk\u0000", "--db",
        "jdbc:h2:mem:keys-bad-name"));
    assertThat(run.status).isEqualTo(2);
    assertThat(run.err).contains("--name: must not hold a control character, has U+0000 at character 4");
  }

  @Test
  void keysRevoke_unknownId_refused() {
    Run run = run(List.of("keys", "revoke", "nope", "--db", "jdbc:h2:mem:keys-unknown-id"));
    assertThat(run.status).isEqualTo(1);
    assertThat(run.err).contains("no key nope");
  }

  private record Run(int status, String out, String err) {}

  private static Run run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = ArbiterCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute(args.toArray(String[]::new));
    return new Run(status, out.toString(), err.toString());
  }

  private static int status(ServiceProcess service, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static int post(ServiceProcess service, String path, String token) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(service.uri(path)).header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static List<String> with(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all;
  }
}

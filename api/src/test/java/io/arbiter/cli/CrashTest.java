package io.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.arbiter.api.ContractRecorder;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.demo.DemoClaims;
import io.arbiter.demo.DemoScheme;
import io.arbiter.json.Json;
import io.arbiter.scheme.Family;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.SchemeDocument;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/*
 * Why claims crowd into a few families: a family's claims share deductibles, ceilings, frequencies
 * and one ledger version row, and are serialised by one lock; a crash is most likely to tear
 * something there. The other claims spread over the whole population, as in real traffic.
 * Why the audit runs after the restart: the restarted service does the database's crash recovery
 * itself, as in production, and on H2 the test can only open the file once no service holds it.
 */

/**
 * What a stopped service leaves behind, on H2 and on PostgreSQL: the service runs in its own JVM
 * with the demo scheme, client threads submit valid claims, and the process is killed (SIGKILL) or
 * terminated (SIGTERM) while requests are under way. Every acknowledged decision must then be
 * stored as it was answered, and the tables must agree with each other ({@link StoreAudit}).
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class CrashTest {
  private static final int THREADS = 6;
  private static final int KILL_AFTER = 300;
  private static final int TERMINATE_AFTER = 150;
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration LOAD = Duration.ofSeconds(40);
  private static final Duration REQUESTS_END = Duration.ofSeconds(30);
  /** Arbiter's shutdown hook gives Vert.x up to 10 s before it closes the store; longer is a hang. */
  private static final Duration EXIT = Duration.ofSeconds(15);

  private static final List<Claim> CLAIMS = claims(2000);
  private static final HttpClient HTTP = ContractRecorder.recording(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build());

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.Kind.class)
  void sigkillUnderLoad_losesNoAcknowledgedDecisionAndBooksEachClaimOnce(TestDatabase.Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind, dir)) {
      ClaimLoad load;
      int inFlightAtKill;
      String scheme;
      String backend;
      try (ServiceProcess service =
          ServiceProcess.start(with(db.serveArgs(), "--demo"), dir.resolve("service.log"), START)) {
        scheme = service.schemeVersion();
        backend = service.key("backend");
        load = new ClaimLoad(service.uri("/v1/claims"), backend, CLAIMS, THREADS);
        load.start();
        assertThat(load.awaitAcknowledged(KILL_AFTER, LOAD))
            .as("%d claims acknowledged within %s; refusals %s%n%s", KILL_AFTER, LOAD, load.refusals(),
                service.output())
            .isTrue();
        load.stop();
        inFlightAtKill = load.inFlight();
        service.kill();
        assertThat(load.awaitEnd(REQUESTS_END)).as("client threads ended").isTrue();
      }
      assertThat(load.refusals()).as("answers other than 201/200").isEmpty();
      assertThat(load.unanswered()).as("requests the kill cut off").isNotEmpty();
      Map<String, ClaimDecision> acknowledged = load.acknowledged();

      Claim after = copy(CLAIMS.stream()
          .filter(c -> acknowledged.get(c.code()) != null
              && acknowledged.get(c.code()).status() == ClaimStatus.CHECKED)
          .findFirst().orElseThrow(), "AFTER-RESTART");
      try (ServiceProcess restarted =
          ServiceProcess.start(db.serveArgs(), dir.resolve("restarted.log"), START)) {
        assertThat(restarted.schemeVersion()).as("scheme served from the database").isEqualTo(scheme);
        List<String> lost = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        acknowledged.forEach((code, decision) -> {
          HttpResponse<String> got = send(HttpRequest.newBuilder(restarted.uri("/v1/claims/" + code))
              .header("Authorization", "Bearer " + backend).GET());
          if (got.statusCode() != 200) {
            lost.add(code + " (" + got.statusCode() + ")");
          } else if (!decision(got.body()).equals(decision)) {
            changed.add(code + ": acknowledged " + decision + ", stored " + got.body());
          }
        });
        assertThat(lost).as("acknowledged claims missing after the restart, of %d", acknowledged.size()).isEmpty();
        assertThat(changed).as("acknowledged claims whose decision changed").isEmpty();
        // Same insuree, lines and dates as a claim booked before the kill: it must read that
        // family's ledger (and bump its version) after recovery.
        HttpResponse<String> posted = send(HttpRequest.newBuilder(restarted.uri("/v1/claims"))
            .header("Authorization", "Bearer " + backend).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(after))));
        assertThat(posted.statusCode()).as("new claim after the restart: %s", posted.body()).isEqualTo(201);
        restarted.terminate(EXIT);
      }

      StoreAudit audit = audit(db);
      assertThat(audit.problems()).as("store audit").isEmpty();
      assertThat(audit.decisions()).containsAllEntriesOf(acknowledged);
      Set<String> stored = new HashSet<>(audit.decisions().keySet());
      assertThat(stored.remove(after.code())).isTrue();
      assertThat(load.posted()).as("claims posted").containsAll(stored);
      System.out.printf("CrashTest SIGKILL %s: %d posted, %d acknowledged, %d in flight at the kill, %d unanswered"
              + " (%d of them stored), %d stored in all (%d checked)%n",
          kind, load.posted().size(), acknowledged.size(), inFlightAtKill, load.unanswered().size(),
          load.unanswered().stream().filter(stored::contains).count(), stored.size(),
          audit.decisions().values().stream().filter(d -> d.status() == ClaimStatus.CHECKED).count());
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.Kind.class)
  void sigtermUnderLoad_exitsPromptlyAndKeepsEveryAnsweredDecision(TestDatabase.Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind, dir)) {
      ClaimLoad load;
      int inFlightAtSignal;
      Duration exit;
      String output;
      try (ServiceProcess service =
          ServiceProcess.start(with(db.serveArgs(), "--demo"), dir.resolve("service.log"), START)) {
        load = new ClaimLoad(service.uri("/v1/claims"), service.key("backend"), CLAIMS, THREADS);
        load.start();
        assertThat(load.awaitAcknowledged(TERMINATE_AFTER, LOAD))
            .as("%d claims acknowledged within %s%n%s", TERMINATE_AFTER, LOAD, service.output()).isTrue();
        // Clients go on posting through the stop, as they do while a service manager stops a service.
        inFlightAtSignal = load.inFlight();
        exit = service.terminate(EXIT);
        load.stop();
        assertThat(load.awaitEnd(REQUESTS_END)).as("client threads ended").isTrue();
        output = service.output();
      }

      StoreAudit audit = audit(db);
      assertThat(audit.problems()).as("store audit").isEmpty();
      assertThat(audit.decisions()).containsAllEntriesOf(load.acknowledged());
      assertThat(load.posted()).containsAll(audit.decisions().keySet());
      List<ClaimLoad.Refusal> refusals = load.refusals();
      List<String> failed = output.lines().filter(l -> l.contains(" ERROR ")).toList();
      System.out.printf("CrashTest SIGTERM %s: exit after %d ms; %d posted, %d acknowledged, %d other answers %s,"
              + " %d requests failed in the service, %d in flight at the signal, %d unanswered (%d of them stored)%n",
          kind, exit.toMillis(), load.posted().size(), load.acknowledged().size(), refusals.size(),
          refusals.stream().map(ClaimLoad.Refusal::status).distinct().toList(), failed.size(), inFlightAtSignal,
          load.unanswered().size(), load.unanswered().stream().filter(audit.decisions()::containsKey).count());
      assertThat(refusals).as("answers other than 201/200 during the stop").isEmpty();
      // Requests posted as the service stopped accepting may go unanswered, but none that it took:
      // a decision stored without its answer would mean SIGTERM cut a request in flight.
      assertThat(load.unanswered()).as("unanswered requests whose decision was stored")
          .noneMatch(audit.decisions()::containsKey);
      assertThat(failed).as("requests that failed in the service during the stop").isEmpty();
    }
  }

  /**
   * {@code count} claims of 1 to 8 lines for the demo scheme: all of those that fall on 24 of its
   * 694 families, and one in twenty of the others (about 40 % and 60 % of the claims).
   */
  private static List<Claim> claims(int count) {
    SchemeDocument scheme = DemoScheme.generate(DemoScheme.DEFAULT_SEED);
    Map<String, String> familyOf = scheme.insurees().stream()
        .collect(Collectors.toMap(Insuree::chfId, Insuree::familyId));
    List<String> families = scheme.families().stream().map(Family::id).toList();
    Set<String> crowded = Stream.iterate(0, i -> i + families.size() / 24).limit(24).map(families::get)
        .collect(Collectors.toSet());
    DemoClaims generator = new DemoClaims(scheme, DemoScheme.DEFAULT_SEED, "CRASH-");
    SplittableRandom random = new SplittableRandom(DemoScheme.DEFAULT_SEED);
    List<Claim> claims = new ArrayList<>(count);
    while (claims.size() < count) {
      Claim claim = generator.next(1 + random.nextInt(8));
      if (crowded.contains(familyOf.get(claim.chfId())) || random.nextInt(20) == 0) {
        claims.add(claim);
      }
    }
    return claims;
  }

  private static Claim copy(Claim c, String code) {
    return new Claim(code, c.chfId(), c.healthFacility(), c.dateFrom(), c.dateTo(), c.dateClaimed(), c.visitType(),
        c.icd(), c.icd1(), c.icd2(), c.icd3(), c.icd4(), c.items(), c.services(), c.voucher());
  }

  private static List<String> with(List<String> options, String... more) {
    return Stream.concat(options.stream(), Stream.of(more)).toList();
  }

  private static StoreAudit audit(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      return StoreAudit.of(c);
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(request.build().uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** A decision as GET /v1/claims/{code} answers it, less the claim's ledger entry shown beside it. */
  private static ClaimDecision decision(String json) {
    try {
      // Not through a tree: a JsonNode drops the decimals' scale (2500.00 would read back as 2500).
      return Json.mapper().readerFor(ClaimDecision.class)
          .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not a decision: " + json, e);
    }
  }

  private static String json(Claim claim) throws JsonProcessingException {
    return Json.mapper().writeValueAsString(claim);
  }
}

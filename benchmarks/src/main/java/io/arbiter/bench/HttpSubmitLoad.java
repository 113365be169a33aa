package io.arbiter.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.arbiter.claim.Claim;
import io.arbiter.demo.DemoClaims;
import io.arbiter.demo.DemoScheme;
import io.arbiter.json.Json;
import io.arbiter.scheme.SchemeDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/*
 * Why a closed loop (each client posts its next claim when it has the answer to the last): it
 * measures what the service sustains without queueing requests it cannot serve, and it bounds the
 * requests in flight to the number of clients.
 * Why only loopback: this is a load generator; it must never be pointed at another machine.
 */

/**
 * A bounded HTTP load on a running {@code arbiter serve} with the demo scheme: {@code clients}
 * threads post new 10-line {@link DemoClaims} claims to {@code POST /v1/claims} for a warm-up, then
 * for the measured seconds, and it prints the acknowledged claims per second and latency
 * percentiles. Usage: {@code HttpSubmitLoad URL CLIENTS WARMUP_SECONDS SECONDS [CODE_PREFIX]}, URL on
 * 127.0.0.1, localhost or [::1] only. The backend key is read from {@code ARBITER_KEY} (a demo
 * {@code serve} prints one at its first start).
 */
public final class HttpSubmitLoad {
  private static final int LINES = 10;
  /** Upper bound on the claims a client posts, whatever the duration. */
  private static final int MAX_PER_CLIENT = 500_000;
  private static final int NO_ANSWER = -1;
  private static final int GONE = -2;

  private HttpSubmitLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: HttpSubmitLoad URL CLIENTS WARMUP_SECONDS SECONDS [CODE_PREFIX]");
      System.exit(2);
    }
    URI base = URI.create(args[0]);
    if (!InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
      System.err.println("refusing " + base + ": only a service on this machine's loopback may be loaded");
      System.exit(2);
    }
    int clients = Integer.parseInt(args[1]);
    Duration warmup = Duration.ofSeconds(Long.parseLong(args[2]));
    Duration measured = Duration.ofSeconds(Long.parseLong(args[3]));
    String prefix = args.length > 4 ? args[4] : "HTTP" + Long.toString(System.currentTimeMillis(), 36) + "-";

    SchemeDocument scheme = DemoScheme.generate(DemoScheme.DEFAULT_SEED);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    URI claims = base.resolve("/v1/claims");
    long measureFrom = System.nanoTime() + warmup.toNanos();
    long end = measureFrom + measured.toNanos();
    List<Client> all = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Client client = new Client(http, claims, new DemoClaims(scheme, DemoScheme.DEFAULT_SEED + i, prefix + i + "-"),
          measureFrom, end);
      client.thread.start();
      all.add(client);
    }
    long refused = 0;
    long unanswered = 0;
    List<long[]> latencies = new ArrayList<>();
    for (Client c : all) {
      c.thread.join();
      refused += c.refused;
      unanswered += c.unanswered;
      latencies.add(Arrays.copyOf(c.micros, c.acknowledged));
    }
    long[] sorted = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    System.out.printf("%d clients, %d s measured after %d s warm-up: %d acknowledged (%.0f claims/s), %d other"
            + " answers, %d unanswered; latency ms p50 %.1f p90 %.1f p99 %.1f max %.1f%n",
        clients, measured.toSeconds(), warmup.toSeconds(), sorted.length, sorted.length / (measured.toNanos() / 1e9),
        refused, unanswered, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), pct(sorted, 100));
  }

  /** One client thread and what it saw during the measured seconds. */
  private static final class Client {
    final Thread thread;
    final long[] micros = new long[MAX_PER_CLIENT];
    int acknowledged;
    long refused;
    long unanswered;

    Client(HttpClient http, URI claims, DemoClaims generator, long measureFrom, long end) {
      thread = new Thread(() -> {
        for (int sent = 0; sent < MAX_PER_CLIENT && System.nanoTime() < end; sent++) {
          HttpRequest request = HttpRequest.newBuilder(claims).timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + System.getenv().getOrDefault("ARBITER_KEY", ""))
              .POST(HttpRequest.BodyPublishers.ofString(json(generator.next(LINES)))).build();
          long t0 = System.nanoTime();
          int status = post(http, request);
          long t1 = System.nanoTime();
          if (status == GONE) {
            unanswered++;
            break;
          }
          if (t0 < measureFrom || t1 > end) {
            continue;
          }
          if (status == 201) {
            micros[acknowledged++] = (t1 - t0) / 1000;
          } else if (status == NO_ANSWER) {
            unanswered++;
          } else {
            refused++;
          }
        }
      });
    }
  }

  /** The answer's status; NO_ANSWER; or GONE when no service listens any more (the client then stops). */
  private static int post(HttpClient http, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (ConnectException e) {
      return GONE;
    } catch (IOException e) {
      return NO_ANSWER;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return GONE;
    }
  }

  private static double pct(long[] sortedMicros, int percent) {
    return sortedMicros.length == 0 ? 0
        : sortedMicros[Math.min(sortedMicros.length - 1, (int) ((long) sortedMicros.length * percent / 100))] / 1000.0;
  }

  private static String json(Claim claim) {
    try {
      return Json.mapper().writeValueAsString(claim);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}

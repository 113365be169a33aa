package io.arbiter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.arbiter.api.ContractRecorder;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/*
 * Why a request that ends without a status is only "unanswered", not "lost": the service may have
 * committed it before it died, or not; only an answered 201/200 promises anything. A refused
 * connection never reached the service, so it is not even that.
 */

/**
 * Submits a bounded list of claims to a service from a few client threads, each posting its next
 * claim as soon as it has the answer to the last, until the list is exhausted, {@link #stop} is
 * called or the service refuses a connection. Records every acknowledged decision (201 or 200),
 * every other answer, and every request sent that got no answer.
 */
final class ClaimLoad {
  /** An answer other than an acknowledgement. */
  record Refusal(String code, int status, String body) {}

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

  private final HttpClient http = ContractRecorder.recording(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build());
  private final URI claims;
  private final List<Claim> pending;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<String, ClaimDecision> acknowledged = new ConcurrentHashMap<>();
  private final Set<String> posted = ConcurrentHashMap.newKeySet();
  private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
  private final List<Refusal> refusals = new ArrayList<>();
  private final List<Thread> workers = new ArrayList<>();
  private final CountDownLatch done;
  private volatile boolean stopped;

  private final String authorization;

  /** @param token the backend key's bearer token the claims are posted with */
  ClaimLoad(URI claims, String token, List<Claim> pending, int threads) {
    this.claims = claims;
    this.authorization = "Bearer " + token;
    this.pending = List.copyOf(pending);
    this.done = new CountDownLatch(threads);
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(this::work, "claim-load-" + i);
      t.setDaemon(true);
      workers.add(t);
    }
  }

  void start() {
    workers.forEach(Thread::start);
  }

  private void work() {
    try {
      for (int i = next.getAndIncrement(); i < pending.size() && !stopped; i = next.getAndIncrement()) {
        post(pending.get(i));
      }
    } finally {
      done.countDown();
    }
  }

  private void post(Claim claim) {
    HttpRequest request = HttpRequest.newBuilder(claims).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json").header("Authorization", authorization)
        .POST(HttpRequest.BodyPublishers.ofString(json(claim))).build();
    posted.add(claim.code());
    inFlight.incrementAndGet();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 201 || response.statusCode() == 200) {
        acknowledged.put(claim.code(), Json.mapper().readValue(response.body(), ClaimDecision.class));
      } else {
        synchronized (refusals) {
          refusals.add(new Refusal(claim.code(), response.statusCode(), response.body()));
        }
      }
    } catch (ConnectException e) {
      // The service is gone (or going): nothing more to learn from posting.
      posted.remove(claim.code());
      stopped = true;
    } catch (IOException e) {
      unanswered.add(claim.code());
    } catch (InterruptedException e) {
      unanswered.add(claim.code());
      Thread.currentThread().interrupt();
      stopped = true;
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private static String json(Claim claim) {
    try {
      return Json.mapper().writeValueAsString(claim);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until at least {@code count} claims are acknowledged; false if the time ran out first. */
  boolean awaitAcknowledged(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (acknowledged.size() < count && System.nanoTime() < deadline && done.getCount() > 0) {
      Thread.sleep(5);
    }
    return acknowledged.size() >= count;
  }

  /** No claim is posted from now on; requests already sent go on. */
  void stop() {
    stopped = true;
  }

  /** Waits for the requests under way to end; false if some are still running at the timeout. */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Requests sent and not yet answered. */
  int inFlight() {
    return inFlight.get();
  }

  /** Codes of the claims posted so far. */
  Set<String> posted() {
    return Set.copyOf(posted);
  }

  Map<String, ClaimDecision> acknowledged() {
    return Map.copyOf(acknowledged);
  }

  Set<String> unanswered() {
    return Set.copyOf(unanswered);
  }

  List<Refusal> refusals() {
    synchronized (refusals) {
      return List.copyOf(refusals);
    }
  }
}

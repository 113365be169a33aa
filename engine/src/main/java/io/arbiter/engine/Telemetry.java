package io.arbiter.engine;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineStatus;
import io.arbiter.rules.ClaimRules;
import io.arbiter.store.ReviewQueueFilter;
import io.arbiter.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Why the review queue gauge is cached: a scrape must not cost a table scan per instance every
 * 15 s, and the queue is shared by every instance on the database, so counting it incrementally in
 * one process would be wrong. The first scrape counts; a scrape that finds the count older than
 * QUEUE_REFRESH shows it and recounts in the background (the next scrape shows the new count), so
 * the database is asked at most once per QUEUE_REFRESH; a failed count keeps the last value.
 */

/**
 * The engine's meters and its decision log line. Meters are registered on the registry the
 * Arbiter was built with (none by default: an empty composite registry records nothing).
 * Thread-safe.
 */
final class Telemetry {
  private static final Logger DECISIONS = LoggerFactory.getLogger("arbiter.decision");
  static final Duration QUEUE_REFRESH = Duration.ofSeconds(10);
  private static final Duration[] LATENCY_BUCKETS = Stream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500)
      .map(Duration::ofMillis).toArray(Duration[]::new);

  private final MeterRegistry meters;
  private final Timer adjudication;
  private final Timer transaction;
  private final Timer book;
  private final DistributionSummary score;
  private final LoadingCache<Boolean, Long> queue;
  private final Supplier<ClaimRules> rules;

  Telemetry(MeterRegistry meters, Supplier<ClaimRules> rules, Store store) {
    this.meters = meters;
    this.adjudication = timer("arbiter.adjudication", "Rules, valuation and scoring of one claim");
    this.transaction = timer("arbiter.ledger.transaction",
        "A submission's family-locked database transaction, adjudication and commit included");
    this.book = timer("arbiter.ledger.book", "Booking a checked claim's usage in the ledger");
    this.score = DistributionSummary.builder("arbiter.risk.score").description("Risk scores of scored claims")
        .serviceLevelObjectives(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0).register(meters);
    // A gauge holds its object weakly: this one, which the Arbiter keeps, not a lambda of its own.
    this.rules = rules;
    Gauge.builder("arbiter.rules.sessions", this, t -> t.rules.get().sessionsInUse()).tag("state", "in_use")
        .description("Drools sessions firing rules now").register(meters);
    Gauge.builder("arbiter.rules.sessions", this, t -> t.rules.get().sessionPoolSize()).tag("state", "pooled")
        .description("Drools sessions the pool keeps ready").register(meters);
    this.queue = Caffeine.newBuilder().refreshAfterWrite(QUEUE_REFRESH)
        .build(all -> store.reviewQueueStore().orElseThrow().reviewQueue(ReviewQueueFilter.ALL, 0, 1).total());
    Gauge.builder("arbiter.review.queue", this, Telemetry::queueLength).baseUnit("claims")
        .description("Claims awaiting review (read at most every " + QUEUE_REFRESH.toSeconds() + " s)")
        .register(meters);
  }

  private Timer timer(String name, String description) {
    return Timer.builder(name).description(description).serviceLevelObjectives(LATENCY_BUCKETS).register(meters);
  }

  private double queueLength() {
    try {
      return queue.get(Boolean.TRUE);
    } catch (RuntimeException e) {
      return Double.NaN; // no count yet (database down, or a store without a queue)
    }
  }

  Timer adjudication() {
    return adjudication;
  }

  Timer transaction() {
    return transaction;
  }

  Timer book() {
    return book;
  }

  /** Counts a new claim's decision and writes its log line. */
  void decided(ClaimDecision d, long startNanos) {
    long nanos = System.nanoTime() - startNanos;
    Counter.builder("arbiter.claims").description("Claims adjudicated, by claim status and category")
        .tag("status", d.status().label()).tag("category", d.category() == null ? "none" : d.category())
        .register(meters).increment();
    List<Integer> codes = rejectionCodes(d);
    for (int code : codes) {
      Counter.builder("arbiter.claim.lines.rejected").description("Claim lines rejected, by rejection code")
          .tag("code", String.valueOf(code)).register(meters).increment();
    }
    if (d.risk() != null) {
      Counter.builder("arbiter.risk.band").description("Claims by risk band").tag("band", d.risk().band())
          .register(meters).increment();
      if (d.risk().score() != null) {
        score.record(d.risk().score());
      }
    }
    log(d, "submitted", codes, nanos);
  }

  /** Writes the log line of a later decision on a claim (its review or processing). */
  void changed(ClaimDecision d, String action, long startNanos) {
    log(d, action, rejectionCodes(d), System.nanoTime() - startNanos);
  }

  private static List<Integer> rejectionCodes(ClaimDecision d) {
    return Stream.concat(d.items().stream(), d.services().stream())
        .filter(l -> l.status() == LineStatus.REJECTED).map(l -> l.rejectionReason().code()).toList();
  }

  private static void log(ClaimDecision d, String action, List<Integer> codes, long nanos) {
    DECISIONS.atInfo().setMessage("decision")
        .addKeyValue("action", action)
        .addKeyValue("claimCode", d.code())
        .addKeyValue("chfId", d.chfId())
        .addKeyValue("status", d.status().code())
        .addKeyValue("category", d.category())
        .addKeyValue("rejectionCodes", codes.stream().distinct().sorted().toList())
        .addKeyValue("riskBand", d.risk() == null ? null : d.risk().band())
        .addKeyValue("rulesetVersion", d.rulesetVersion())
        .addKeyValue("modelVersion", d.modelVersion())
        .addKeyValue("durationMs", TimeUnit.NANOSECONDS.toMicros(nanos) / 1000.0)
        .log();
  }
}

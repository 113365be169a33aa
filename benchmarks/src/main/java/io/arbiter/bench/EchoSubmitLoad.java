package io.arbiter.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.arbiter.access.MemoryKeyStore;
import io.arbiter.access.Role;
import io.arbiter.api.ArbiterServer;
import io.arbiter.api.ArbiterServerOptions;
import io.arbiter.demo.DemoClaims;
import io.arbiter.demo.DemoScheme;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import io.arbiter.store.MemoryStore;
import io.arbiter.store.Store;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/*
 * Why an echo beside the real route: the ratio submit ÷ echo says how much of what HTTP on this
 * machine allows the service keeps, independent of how fast the machine or the load generator is.
 * The echo parses the same claim body into a JSON tree and writes it back, on the event loop: HTTP,
 * routing and JSON, with no engine. Why a closed loop of N connections: each connection sends its
 * next request when it has the answer, so requests in flight are bounded by N and nothing queues
 * without limit. Why in-process: one command, no service to start; the load generator then shares
 * the cores with the servers (it runs on one event loop of its own), which the figures include.
 */

/**
 * Loads, one after the other, (a) a bare Vert.x echo of a claim's JSON and (b) {@code POST
 * /v1/claims} of an Arbiter server started in this JVM with the demo scheme, each on 127.0.0.1 only,
 * for a warm-up then a fixed measured time, with N connections posting new 10-line
 * {@link DemoClaims} claims; prints requests/s, latency p50/p99/p99.9 and the process's CPU per
 * request for both, and the ratios submit ÷ echo (throughput) and echo ÷ submit (CPU a request: the
 * throughput ratio two idle cores would give, if both phases were CPU-bound). Usage: {@code EchoSubmitLoad CONNECTIONS WARMUP_SECONDS SECONDS [memory|h2]}
 * (store of the Arbiter server: in memory, or an H2 file database in a new temporary folder, which
 * is what {@code serve} uses by default). Stops by itself.
 */
public final class EchoSubmitLoad {
  private static final String HOST = "127.0.0.1";
  private static final int LINES = 10;
  /** Upper bound on the latencies kept, whatever the duration. */
  private static final int MAX_SAMPLES = 20_000_000;

  private EchoSubmitLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: EchoSubmitLoad CONNECTIONS WARMUP_SECONDS SECONDS [memory|h2]");
      System.exit(2);
    }
    int connections = Integer.parseInt(args[0]);
    long warmup = Long.parseLong(args[1]);
    long seconds = Long.parseLong(args[2]);
    String storeName = args.length > 3 ? args[3] : "memory";
    SchemeDocument scheme = DemoScheme.generate(DemoScheme.DEFAULT_SEED);

    Result echo;
    Vertx echoVertx = Vertx.vertx();
    try {
      HttpServer server = echoServer(echoVertx).await();
      echo = load("echo", server.actualPort(), "/echo", null, scheme, connections, warmup, seconds);
    } finally {
      echoVertx.close().await();
    }

    MemoryKeyStore keys = new MemoryKeyStore();
    String token = keys.create("load", Set.of(Role.BACKEND)).token();
    Path dbDir = storeName.equals("h2") ? Files.createTempDirectory("arbiter-load") : null;
    Store store = dbDir == null ? new MemoryStore()
        : JdbcStore.open(new JdbcStoreOptions().setUrl(JdbcStoreOptions.h2File(dbDir.resolve("arbiter").toString())));
    Result submit;
    Vertx vertx = Vertx.vertx();
    try {
      Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme).store(store).build();
      ArbiterServer server = ArbiterServer.start(vertx, arbiter,
          new ArbiterServerOptions().setHost(HOST).setPort(0).setKeys(keys)).await();
      submit = load("submit (" + storeName + ")", server.port(), "/v1/claims", token, scheme, connections, warmup,
          seconds);
    } finally {
      vertx.close().await();
      store.close();
    }
    System.out.printf(Locale.ROOT, "ratio submit ÷ echo: throughput %.3f, p50 latency %.2f×, p99 latency %.2f×;"
            + " CPU a request: echo ÷ submit %.3f%n", submit.perSecond() / echo.perSecond(), submit.p50 / echo.p50,
        submit.p99 / echo.p99, echo.cpuMicros / submit.cpuMicros);
  }

  /** POST /echo: the body parsed as JSON and written back, on the event loop. */
  private static io.vertx.core.Future<HttpServer> echoServer(Vertx vertx) {
    Router router = Router.router(vertx);
    router.post("/echo").handler(BodyHandler.create().setBodyLimit(ArbiterServerOptions.DEFAULT_BODY_LIMIT))
        .handler(ctx -> {
          try {
            byte[] json = Json.mapper().writeValueAsBytes(Json.mapper().readTree(ctx.body().buffer().getBytes()));
            ctx.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(json));
          } catch (java.io.IOException e) {
            ctx.fail(400, e);
          }
        });
    return vertx.createHttpServer().requestHandler(router).listen(0, HOST);
  }

  /**
   * What one phase measured; latencies in ms; {@code cpuMicros} the process's CPU time (servers,
   * client, collector) per answered request during the measured seconds, which other load on the
   * machine changes far less than the rate.
   */
  private record Result(String name, long ok, long other, double seconds, double p50, double p99, double p999,
      double max, double cpuMicros) {
    double perSecond() {
      return ok / seconds;
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Runs one phase: N connections in a closed loop on a client Vert.x of its own, one event loop. */
  private static Result load(String name, int port, String path, String token, SchemeDocument scheme,
      int connections, long warmupSeconds, long seconds) throws Exception {
    Vertx client = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
    try {
      HttpClientAgent http = client.createHttpClient(new HttpClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(connections));
      DemoClaims claims = new DemoClaims(scheme, DemoScheme.DEFAULT_SEED, "L" + Long.toString(System.nanoTime(), 36)
          + "-");
      long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
      long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
      long[] micros = new long[MAX_SAMPLES];
      long[] counts = new long[2]; // ok, other answers (measured window only)
      int[] taken = new int[1];
      Promise<Void> done = Promise.promise();
      int[] running = {connections};
      client.runOnContext(v -> {
        for (int i = 0; i < connections; i++) {
          loop(http, port, path, token, claims, measureFrom, end, micros, taken, counts, () -> {
            if (--running[0] == 0) {
              done.complete();
            }
          });
        }
      });
      long[] cpu = new long[2];
      client.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(measureFrom - System.nanoTime())),
          t -> cpu[0] = processCpuNanos());
      client.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())),
          t -> cpu[1] = processCpuNanos());
      done.future().await(warmupSeconds + seconds + 60, TimeUnit.SECONDS);
      long[] sorted = Arrays.copyOf(micros, taken[0]);
      Arrays.sort(sorted);
      Result r = new Result(name, counts[0], counts[1], seconds, pct(sorted, 0.50), pct(sorted, 0.99),
          pct(sorted, 0.999), pct(sorted, 1.0), (cpu[1] - cpu[0]) / 1000.0 / Math.max(1, counts[0]));
      System.out.printf(Locale.ROOT, "%-18s %d connections, %d s after %d s warm-up: %,d answered (%,.0f/s), %d other;"
              + " latency ms p50 %.2f p99 %.2f p99.9 %.2f max %.2f; process CPU %.0f µs a request%n", name, connections,
          seconds, warmupSeconds, r.ok, r.perSecond(), r.other, r.p50, r.p99, r.p999, r.max, r.cpuMicros);
      return r;
    } finally {
      client.close().await();
    }
  }

  /** One connection's loop: post, time, post again until the end; all on the client's event loop. */
  private static void loop(HttpClient http, int port, String path, String token, DemoClaims claims, long measureFrom,
      long end, long[] micros, int[] taken, long[] counts, Runnable finished) {
    if (System.nanoTime() >= end) {
      finished.run();
      return;
    }
    Buffer body = Buffer.buffer(json(claims));
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(HOST).setPort(port).setURI(path)
        .putHeader("Content-Type", "application/json");
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    long t0 = System.nanoTime();
    http.request(options).compose(req -> req.send(body)).compose(resp -> resp.body().map(b -> resp.statusCode()))
        .onComplete(answered -> {
          long t1 = System.nanoTime();
          if (t0 >= measureFrom && t1 <= end) {
            int status = answered.succeeded() ? answered.result() : -1;
            if (status == 200 || status == 201) {
              counts[0]++;
              if (taken[0] < micros.length) {
                micros[taken[0]++] = (t1 - t0) / 1000;
              }
            } else {
              counts[1]++;
            }
          }
          loop(http, port, path, token, claims, measureFrom, end, micros, taken, counts, finished);
        });
  }

  private static double pct(long[] sortedMicros, double quantile) {
    return sortedMicros.length == 0 ? 0
        : sortedMicros[(int) Math.min(sortedMicros.length - 1, (long) Math.ceil(sortedMicros.length * quantile) - 1)]
            / 1000.0;
  }

  private static byte[] json(DemoClaims claims) {
    try {
      return Json.mapper().writeValueAsBytes(claims.next(LINES));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}

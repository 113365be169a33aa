package io.arbiter.api;

import io.arbiter.access.Actor;
import io.arbiter.access.AuditLog;
import io.arbiter.engine.Arbiter;
import io.arbiter.engine.ArbiterException;
import io.arbiter.engine.JsonInput;
import io.arbiter.engine.Problem;
import io.arbiter.openimis.NotOpenImisException;
import io.arbiter.openimis.OpenImisDatabaseException;
import io.arbiter.openimis.OpenImisLoad;
import io.arbiter.openimis.OpenImisOptions;
import io.arbiter.scheme.SchemeException;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.store.StoreException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Why a job rather than an answer: a full import of a million insurees takes minutes (docs/openimis.md),
 * longer than any request budget, so the request answers 202 at once and the job is read back.
 *
 * Why one job at a time, on a thread of its own: an import replaces the scheme and writes the whole
 * population; two at once would race on both, and on the shared workers they would starve the claims.
 *
 * Why the URL is checked against a list of parameters: a JDBC URL's parameters can make the driver
 * load classes or write files (PostgreSQL's socketFactory, sslfactory, loggerFile), and an API key
 * must not be a way to run code in the server. Only the two databases openIMIS runs on, and only
 * connection parameters that load nothing, are taken.
 */

/** The openIMIS import as an admin job: start one, read how it goes and its mapping report. */
final class OpenImisHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(OpenImisHandlers.class);
  /** Jobs kept for reading back, the oldest forgotten first. */
  static final int JOBS_KEPT = 20;
  private static final Pattern URL = Pattern.compile("jdbc:(postgresql|sqlserver)://[^?;]+([?;].*)?");
  private static final java.util.Set<String> PARAMETERS = java.util.Set.of("ssl", "sslmode", "currentschema",
      "connecttimeout", "sockettimeout", "logintimeout", "applicationname", "databasename", "encrypt",
      "trustservercertificate", "hostnameincertificate", "readonly");

  private final Arbiter arbiter;
  private final AuditLog audit;
  private final WorkerExecutor worker;
  private final Map<String, OpenImisJob> jobs = new LinkedHashMap<>();
  /** The scheme the last job read: a later one replaces the scheme only when it changed. */
  private volatile SchemeDocument lastScheme;

  OpenImisHandlers(Vertx vertx, Arbiter arbiter, AuditLog audit) {
    this.arbiter = arbiter;
    this.audit = audit;
    this.worker = vertx.createSharedWorkerExecutor("arbiter-openimis", 1, 1, TimeUnit.DAYS);
  }

  /** Releases the job's thread. */
  Future<Void> close() {
    return worker.close();
  }

  /** {@code POST /v1/openimis-imports}: starts a job; 202 with its location, 409 while one runs. */
  void start(RoutingContext ctx) {
    byte[] body = Requests.body(ctx);
    Actor actor = Access.actor(ctx);
    Reply.onWorker(ctx, () -> {
      OpenImisImportRequest request = checked(JsonInput.read(body, OpenImisImportRequest.class));
      OpenImisJob job = register(request);
      try {
        audit.record(actor, "openimis.import.start", job.view().id(), null, Requests.hash(job.view()));
      } catch (RuntimeException e) {
        // Not started unaudited; ended, so that it does not hold the next start off (409).
        job.failed("not started: the audit trail could not be written", List.of());
        throw e;
      }
      OpenImisOptions options = new OpenImisOptions(request.from(), request.user(), request.password(),
          request.name() == null ? "openIMIS" : request.name(), request.since());
      worker.executeBlocking(() -> {
        run(job, options, actor);
        return null;
      }, false);
      String location = "/v1/openimis-imports/" + job.view().id();
      return new Reply(202, Reply.write(job.view()), location);
    });
  }

  /** {@code GET /v1/openimis-imports/{id}}: the job, its progress, and its report once it ended. */
  void job(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    OpenImisJob job;
    synchronized (jobs) {
      job = jobs.get(id);
    }
    if (job == null) {
      ctx.fail(new ArbiterException(ArbiterException.Kind.NOT_FOUND, "there is no openIMIS import " + id
          + " (the last " + JOBS_KEPT + " are kept)", List.of()));
      return;
    }
    Reply.ok(job.view()).send(ctx);
  }

  /** A new running job, unless one runs already (409). */
  private OpenImisJob register(OpenImisImportRequest request) {
    synchronized (jobs) {
      for (OpenImisJob j : jobs.values()) {
        if (j.running()) {
          throw new ArbiterException(ArbiterException.Kind.CONFLICT, "openIMIS import " + j.view().id()
              + " is still running: read /v1/openimis-imports/" + j.view().id(), List.of());
        }
      }
      OpenImisJob job = new OpenImisJob(UUID.randomUUID().toString(), request.from(), request.since());
      jobs.put(job.view().id(), job);
      if (jobs.size() > JOBS_KEPT) {
        jobs.remove(jobs.keySet().iterator().next());
      }
      return job;
    }
  }

  /** Runs a job to its end: every failure ends it as failed, none escapes (the request was answered). */
  private void run(OpenImisJob job, OpenImisOptions options, Actor actor) {
    try {
      OpenImisLoad.Outcome outcome = OpenImisLoad.run(arbiter, options, lastScheme, job);
      lastScheme = outcome.scheme();
      job.succeeded(outcome);
    } catch (NotOpenImisException e) {
      job.failed(e.getMessage() + "; nothing loaded", e.missingTables());
    } catch (OpenImisDatabaseException e) {
      job.failed("openIMIS database: " + e.getMessage() + "; nothing loaded", List.of());
    } catch (SchemeException e) {
      job.failed("the scheme read from openIMIS is invalid: " + e.problems().stream().limit(5)
          .map(p -> p.field() + ": " + p.detail()).toList() + "; nothing loaded", List.of());
    } catch (StoreException e) {
      job.failed("Arbiter's database: " + e.getMessage(), List.of());
    } catch (Exception e) {
      LOG.error("openIMIS import {} failed", job.view().id(), e);
      job.failed("the import failed (" + e.getClass().getSimpleName() + "); see the server's log", List.of());
    }
    try {
      audit.record(actor, "openimis.import", job.view().id(), null, Requests.hash(job.view()));
    } catch (RuntimeException e) {
      LOG.error("openIMIS import {} ended but its audit entry was not written", job.view().id(), e);
    }
  }

  /** The request, refused (422, naming each field) when it cannot start an import. */
  private static OpenImisImportRequest checked(OpenImisImportRequest r) {
    List<Problem> problems = new ArrayList<>();
    if (r.from() == null || r.from().isBlank()) {
      problems.add(new Problem("/from", "is required: the openIMIS database's JDBC URL", false));
    } else {
      urlProblem(r.from()).ifPresent(p -> problems.add(new Problem("/from", p, false)));
    }
    if (r.since() != null && r.since().isAfter(Instant.now())) {
      problems.add(new Problem("/since", "is in the future: give the watermark an earlier import answered", false));
    }
    if (r.name() != null && r.name().isBlank()) {
      problems.add(new Problem("/name", "must not be blank", false));
    }
    if (!problems.isEmpty()) {
      throw new ArbiterException(ArbiterException.Kind.INVALID, "the openIMIS import cannot start", problems);
    }
    return r;
  }

  private static java.util.Optional<String> urlProblem(String url) {
    if (!URL.matcher(url).matches()) {
      return java.util.Optional.of("must be jdbc:postgresql://HOST[:PORT]/DATABASE or jdbc:sqlserver://HOST[:PORT]"
          + "[;…], was '" + url + "'");
    }
    int start = url.startsWith("jdbc:postgresql:") ? url.indexOf('?') : url.indexOf(';');
    if (start < 0) {
      return java.util.Optional.empty();
    }
    for (String parameter : url.substring(start + 1).split("[&;]")) {
      String name = parameter.split("=", 2)[0].toLowerCase(java.util.Locale.ROOT);
      if (!name.isEmpty() && !PARAMETERS.contains(name)) {
        return java.util.Optional.of("the connection parameter '" + name + "' is not taken (only "
            + String.join(", ", new java.util.TreeSet<>(PARAMETERS)) + ")");
      }
    }
    return java.util.Optional.empty();
  }
}

package io.arbiter.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.arbiter.openimis.MappingReport;
import io.arbiter.openimis.OpenImisLoad;
import io.arbiter.population.ImportSummary;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One openIMIS import run as an admin job ({@code POST /v1/openimis-imports}): what it reads, how far
 * it has got, and how it ended. Written by the job's thread, read by requests through
 * {@link #view}, a consistent copy.
 */
final class OpenImisJob implements OpenImisLoad.Progress {
  /** Where a job stands. */
  enum State {
    RUNNING, SUCCEEDED, FAILED;

    @JsonValue
    String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Where a running job is: reading openIMIS, or loading the population into Arbiter. */
  enum Phase {
    READING, LOADING, DONE;

    @JsonValue
    String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How far the population's load has got; {@code bytes} of {@code totalBytes} of NDJSON. */
  record Progress(long bytes, long totalBytes, long rows, long rejected) {}

  /**
   * How a job that succeeded ended.
   *
   * @param watermark give it as {@code since} to the next import, to read only what changed since
   */
  record Result(MappingReport report, ImportSummary population, Instant watermark, boolean schemeReplaced) {}

  /** Why a job failed; {@code missingTables} when the database is not openIMIS. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Failure(String detail, List<String> missingTables) {}

  private final String id;
  private final String from;
  private final Instant since;
  private final Instant startedAt = Instant.now();
  private State state = State.RUNNING;
  private Phase phase = Phase.READING;
  private Progress progress = new Progress(0, 0, 0, 0);
  private Instant endedAt;
  private Result result;
  private Failure failure;

  /** @param from the openIMIS database's URL (it holds no password: that is a field of its own) */
  OpenImisJob(String id, String from, Instant since) {
    this.id = id;
    this.from = from;
    this.since = since;
  }

  /** The job as its JSON shows it, taken at one moment. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record View(String id, String from, Instant since, State state, Phase phase, Progress progress, Instant startedAt,
      Instant endedAt, Result result, Failure failure) {}

  synchronized View view() {
    return new View(id, from, since, state, phase, progress, startedAt, endedAt, result, failure);
  }

  synchronized boolean running() {
    return state == State.RUNNING;
  }

  @Override
  public synchronized void loading(long bytes) {
    phase = Phase.LOADING;
    progress = new Progress(0, bytes, 0, 0);
  }

  @Override
  public synchronized void progress(long bytes, long rows, long rejected) {
    progress = new Progress(bytes, progress.totalBytes(), rows, rejected);
  }

  synchronized void succeeded(OpenImisLoad.Outcome outcome) {
    ImportSummary population = outcome.population();
    progress = new Progress(progress.totalBytes(), progress.totalBytes(), population.rows().read(),
        population.rows().rejected());
    result = new Result(outcome.report(), population, outcome.watermark(), outcome.schemeReplaced());
    end(State.SUCCEEDED);
  }

  synchronized void failed(String detail, List<String> missingTables) {
    failure = new Failure(detail, missingTables);
    end(State.FAILED);
  }

  private void end(State ended) {
    state = ended;
    phase = Phase.DONE;
    endedAt = Instant.now();
  }
}

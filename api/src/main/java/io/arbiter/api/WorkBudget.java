package io.arbiter.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Why running work is left to finish rather than interrupted: it may be inside a database
 * transaction, and an interrupt there can close an H2 file channel under every other request or
 * leave a JDBC connection in an unknown state. So the budget bounds the answer, not the thread:
 * the client gets a 503 on time and the pool's other threads keep serving, and work that has not
 * started by then is dropped, which is what frees the pool when a thread is stuck.
 */

/**
 * A request's time budget for its work on a worker thread: {@link #handler} puts the budget on
 * every request, {@link #onWorker} runs the work within it. When the budget runs out first, the
 * request fails with 503 ({@link HttpException}): work that had not started never starts (nothing
 * of it was done); work already running runs to its end, its result dropped and logged (it may have
 * been saved, which the 503's detail says). Thread-safe.
 */
public final class WorkBudget {
  private static final String KEY = "arbiter.budgetMillis";
  private static final Logger LOG = LoggerFactory.getLogger(ArbiterServer.class);
  private static final int QUEUED = 0;
  private static final int RUNNING = 1;
  private static final int DONE = 2;
  private static final int DROPPED = 3;
  private static final int OVERRUN = 4;

  private WorkBudget() {}

  /** The handler that gives every request the budget; route it before the handlers that use {@link #onWorker}. */
  static Handler<RoutingContext> handler(long millis) {
    return ctx -> {
      ctx.put(KEY, millis);
      ctx.next();
    };
  }

  /**
   * Runs work on a worker thread (unordered) with the request's correlation id, within the
   * request's budget (unbounded on a route {@link #handler} did not see).
   *
   * @return completes with the work's result, or fails with its failure, or with a 503
   *     {@link HttpException} when the budget ran out first; completes on the caller's context
   */
  public static <T> Future<T> onWorker(RoutingContext ctx, Callable<T> work) {
    Vertx vertx = ctx.vertx();
    Callable<T> correlated = RequestLog.correlated(ctx, work);
    Long millis = ctx.get(KEY);
    if (millis == null) {
      return vertx.executeBlocking(correlated, false);
    }
    Promise<T> answer = Promise.promise();
    AtomicInteger state = new AtomicInteger(QUEUED);
    long started = System.nanoTime();
    long timer = vertx.setTimer(millis, t -> {
      if (state.compareAndSet(QUEUED, DROPPED)) {
        answer.tryFail(new HttpException(503, "the server is busy: the request waited " + millis
            + " ms for a worker and was not run; nothing of it was done, retry later"));
      } else if (state.compareAndSet(RUNNING, OVERRUN)) {
        answer.tryFail(new HttpException(503, "the request did not finish within its time budget of " + millis
            + " ms; it may still complete, so read its result back before retrying"));
      }
    });
    vertx.executeBlocking(() -> state.compareAndSet(QUEUED, RUNNING) ? correlated.call() : null, false)
        .onComplete(done -> {
          vertx.cancelTimer(timer);
          if (state.compareAndSet(RUNNING, DONE)) {
            answer.handle(done);
          } else if (state.get() == OVERRUN) {
            LOG.warn("{} {} (request {}) finished {} ms after it started, past its budget of {} ms and its 503: {}",
                ctx.request().method(), ctx.request().path(), RequestLog.id(ctx),
                (System.nanoTime() - started) / 1_000_000, millis,
                done.succeeded() ? "succeeded" : "failed: " + done.cause());
          }
        });
    return answer.future();
  }
}

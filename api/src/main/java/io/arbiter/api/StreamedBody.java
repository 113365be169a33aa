package io.arbiter.api;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/*
 * Why demand is counted in chunks the reader has taken: the request stays paused except for the
 * chunks asked for, so at most twice WINDOW chunks (8 KiB each with Vert.x's defaults) wait in
 * memory, however large the upload and however slowly the database takes it.
 */

/**
 * A request body read as an {@link InputStream} on a worker thread while the event loop receives
 * it: the event loop only queues the chunks the reader asked for and never waits. Create it on the
 * request's event loop before anything else reads the body; read it from one thread at a time.
 */
final class StreamedBody extends InputStream {
  private static final int WINDOW = 16;
  private static final Object END = new Object();

  private final HttpServerRequest request;
  private final Context context;
  private final BlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
  private Buffer chunk;
  private int position;
  private long taken;
  private boolean ended;

  private StreamedBody(HttpServerRequest request, Context context) {
    this.request = request;
    this.context = context;
  }

  /**
   * Starts receiving the request's body.
   *
   * @throws NullPointerException when not called on a Vert.x thread
   */
  static StreamedBody of(HttpServerRequest request) {
    Context context = Objects.requireNonNull(Vertx.currentContext(), "call on the request's event loop");
    StreamedBody body = new StreamedBody(request, context);
    request.pause();
    request.handler(body.chunks::add);
    request.endHandler(v -> body.chunks.add(END));
    request.exceptionHandler(body.chunks::add);
    request.fetch(2 * WINDOW);
    return body;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  /**
   * @throws CutException when the connection failed or closed before the body's end
   * @throws InterruptedIOException when the thread is interrupted while waiting for the client
   */
  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    while (chunk == null || position == chunk.length()) {
      if (ended) {
        return -1;
      }
      Object next;
      try {
        next = chunks.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the request body");
      }
      if (next == END) {
        ended = true;
        return -1;
      }
      if (next instanceof Throwable failure) {
        ended = true;
        throw new CutException(failure);
      }
      chunk = (Buffer) next;
      position = 0;
      if (++taken % WINDOW == 0) {
        context.runOnContext(v -> request.fetch(WINDOW));
      }
    }
    int n = Math.min(len, chunk.length() - position);
    chunk.getBytes(position, position + n, b, off);
    position += n;
    return n;
  }

  /**
   * Lets the rest of the body, if the reader stopped before its end, flow and be dropped, so that
   * the connection can carry the next request. Callable from any thread.
   */
  void discardRest() {
    context.runOnContext(v -> {
      if (!request.isEnded()) {
        request.handler(ignored -> { });
        request.resume();
      }
    });
  }

  /** The body ended before its end: the client went away or the connection failed. */
  static final class CutException extends IOException {
    CutException(Throwable cause) {
      super("the request body was cut short: " + cause.getMessage(), cause);
    }
  }
}

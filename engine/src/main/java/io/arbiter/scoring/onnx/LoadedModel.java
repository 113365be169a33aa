package io.arbiter.scoring.onnx;

import io.arbiter.scoring.Drift;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/*
 * Why reference counting: activation swaps the active model while claims are being scored on it.
 * Each role (active, shadow) holds one reference and each scoring call one more; the ORT session
 * closes when the last is released, so no call ever runs on a closed session.
 */

/** A served model version with its drift monitor and a reference count. Thread-safe. */
final class LoadedModel {
  private final OnnxModel model;
  private final Drift drift;
  private final Path dir;
  private final AtomicInteger refs = new AtomicInteger(1);

  /** Starts with one reference, the role it is loaded for. */
  LoadedModel(OnnxModel model, Drift drift, Path dir) {
    this.model = model;
    this.drift = drift;
    this.dir = dir;
  }

  OnnxModel model() {
    return model;
  }

  Drift drift() {
    return drift;
  }

  Path dir() {
    return dir;
  }

  String id() {
    return model.id();
  }

  /** Takes a reference unless the model was already released by everyone (then false). */
  boolean acquire() {
    for (;;) {
      int r = refs.get();
      if (r == 0) {
        return false;
      }
      if (refs.compareAndSet(r, r + 1)) {
        return true;
      }
    }
  }

  /** Gives a reference back; the last one closes the session. */
  void release() {
    if (refs.decrementAndGet() == 0) {
      model.close();
    }
  }

  /** Whether the session is closed (every reference released). */
  boolean closed() {
    return refs.get() == 0;
  }
}

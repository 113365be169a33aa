package io.arbiter.scheme;

/** Policy stage: new or renewal (waiting periods apply to new policies). */
public enum PolicyStage {
  N,
  R
}

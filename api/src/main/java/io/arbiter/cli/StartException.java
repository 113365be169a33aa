package io.arbiter.cli;

/** Arbiter could not start (a port in use, a store that cannot be opened): exit status {@link Cli#EXIT_FAILURE}. */
public final class StartException extends RuntimeException {
  public StartException(String message, Throwable cause) {
    super(message, cause);
  }
}

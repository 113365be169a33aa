package io.arbiter.store;

/** The store failed (database unreachable, SQL error); nothing of the failed work was committed. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.arbiter.cli;

/** An input the user named cannot be used (unreadable file, not JSON…); the message says why, for a person. */
final class InputException extends RuntimeException {
  InputException(String message) {
    super(message);
  }
}

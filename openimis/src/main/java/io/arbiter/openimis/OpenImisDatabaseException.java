package io.arbiter.openimis;

import java.sql.SQLException;

/**
 * The openIMIS database could not be reached or failed while being read. The message is the
 * driver's; the cause is the driver's exception.
 */
public final class OpenImisDatabaseException extends Exception {
  private static final long serialVersionUID = 1L;

  OpenImisDatabaseException(SQLException cause) {
    super(cause.getMessage(), cause);
  }
}

package io.arbiter.openimis;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * One read of an openIMIS database for a caller that keeps no JDBC types (the CLI's
 * {@code arbiter import openimis}): opens a read-only connection ({@link OpenImisImport#connect}),
 * reads the scheme and the population ({@link #read}), then, if wanted, the claims
 * ({@link #claims}) on the same connection. Not thread-safe; close it to release the connection.
 */
public final class OpenImisSession implements AutoCloseable {
  private final Connection connection;
  private final OpenImisImport importer;
  private final OpenImisOptions options;

  private OpenImisSession(Connection connection, OpenImisOptions options) {
    this.connection = connection;
    this.options = options;
    this.importer = new OpenImisImport(connection);
    if (options.since() != null) {
      importer.since(options.since());
    }
  }

  /**
   * Connects to the database the options name (read-only).
   *
   * @throws OpenImisDatabaseException when the database cannot be reached
   */
  public static OpenImisSession open(OpenImisOptions options) throws OpenImisDatabaseException {
    try {
      return new OpenImisSession(OpenImisImport.connect(options.url(), options.user(), options.password()), options);
    } catch (SQLException e) {
      throw new OpenImisDatabaseException(e);
    }
  }

  /**
   * Reads the scheme (named as the options say) and writes the population to {@code population}:
   * {@link OpenImisImport#run}.
   *
   * @return the scheme document, the mapping report and the watermark of the next refresh
   * @throws NotOpenImisException naming each missing table; nothing was read or written
   * @throws OpenImisDatabaseException when the database fails
   * @throws IOException when writing the population fails
   */
  public OpenImisImport.Result read(Writer population) throws OpenImisDatabaseException, IOException {
    try {
      return importer.run(options.schemeName(), population);
    } catch (SQLException e) {
      throw new OpenImisDatabaseException(e);
    }
  }

  /**
   * After {@link #read}, hands openIMIS's current claims to {@code sink}: {@link OpenImisImport#claims}.
   *
   * @throws OpenImisDatabaseException when the database fails
   */
  public void claims(Consumer<OpenImisClaim> sink) throws OpenImisDatabaseException {
    try {
      importer.claims(sink);
    } catch (SQLException e) {
      throw new OpenImisDatabaseException(e);
    }
  }

  /**
   * Closes the connection.
   *
   * @throws OpenImisDatabaseException when the driver fails to close it
   */
  @Override
  public void close() throws OpenImisDatabaseException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new OpenImisDatabaseException(e);
    }
  }
}

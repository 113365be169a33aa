package io.arbiter.store.jdbc;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.postgresql.PGConnection;

/*
 * Why COPY on PostgreSQL: a batch of MERGE statements runs one statement per row on the server,
 * and the writer was four fifths of the 1 M-insuree openIMIS import (benchmarks/RESULTS.md); COPY
 * streams a batch into a session's temporary table in one round trip, and one INSERT … ON CONFLICT
 * per table then applies it. Not one MERGE from the staging table: with the statistics of a table
 * being filled, PostgreSQL hashes the whole target for every batch (measured: 92 ms a batch of
 * 2,000 against 100 k rows, growing with the table), where ON CONFLICT probes the primary key per
 * row (15 ms). H2 has no COPY and keeps the batched MERGE (PopulationWriter).
 *
 * Why the last row of a key wins before COPY: one INSERT … ON CONFLICT may not touch a row twice,
 * whereas the batched MERGE applied a repeated key row after row, the last one staying; keeping
 * only the last row per key gives the same end state.
 */

/** Writes population rows on PostgreSQL with COPY and one upsert per table, inside the caller's transaction. */
final class PopulationCopy {
  /**
   * A population table as COPY fills it.
   *
   * @param columns its columns in the order of a row's values, the key first
   * @param keys how many leading columns make the key
   */
  record Table(String name, List<String> columns, int keys) {
    private String staging() {
      return "arbiter_copy_" + name;
    }

    /** The session's staging table: its rows are dropped at each commit. */
    String create() {
      return "CREATE TEMPORARY TABLE IF NOT EXISTS " + staging() + " ON COMMIT DELETE ROWS AS SELECT "
          + String.join(", ", columns) + " FROM " + name + " WITH NO DATA";
    }

    String copy() {
      return "COPY " + staging() + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT csv)";
    }

    /** Applies the staged rows: each probes the key's index, whatever the planner thinks of the tables. */
    String upsert() {
      List<String> rest = columns.subList(keys, columns.size());
      return "INSERT INTO " + name + " (" + String.join(", ", columns) + ") SELECT " + String.join(", ", columns)
          + " FROM " + staging() + " ON CONFLICT (" + String.join(", ", columns.subList(0, keys)) + ") DO "
          + (rest.isEmpty() ? "NOTHING" : "UPDATE SET "
              + rest.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", ")));
    }
  }

  private PopulationCopy() {}

  /** Whether {@code c} is PostgreSQL's (through the pool's proxy). */
  static boolean applies(Connection c) throws SQLException {
    return c.isWrapperFor(PGConnection.class);
  }

  /** Adds or replaces {@code rows} (each a table row's values, in column order) of {@code table}. */
  static void write(Connection c, Table table, List<Object[]> rows) throws SQLException {
    Map<List<Object>, Object[]> last = new LinkedHashMap<>();
    for (Object[] row : rows) {
      last.put(Arrays.asList(Arrays.copyOf(row, table.keys())), row);
    }
    StringBuilder csv = new StringBuilder(last.size() * 64);
    for (Object[] row : last.values()) {
      IntStream.range(0, row.length).forEach(i -> {
        if (i > 0) {
          csv.append(',');
        }
        // Unquoted empty is NULL in CSV; every value is quoted, so "" stays an empty string.
        if (row[i] != null) {
          csv.append('"').append(row[i].toString().replace("\"", "\"\"")).append('"');
        }
      });
      csv.append('\n');
    }
    try (Statement s = c.createStatement()) {
      s.execute(table.create());
      try {
        c.unwrap(PGConnection.class).getCopyAPI().copyIn(table.copy(), new StringReader(csv.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException("reading from memory cannot fail", e);
      }
      s.executeUpdate(table.upsert());
    }
  }
}

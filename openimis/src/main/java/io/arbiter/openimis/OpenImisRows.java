package io.arbiter.openimis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;

/**
 * Reading openIMIS's tables: forward-only streamed queries, the columns as Arbiter's values, and which
 * rows are history or changed since the last run. Not thread-safe: one import's connection.
 */
final class OpenImisRows {
  private static final int FETCH_SIZE = 2_000;

  private final Connection c;
  private Timestamp since;

  OpenImisRows(Connection c) {
    this.c = c;
  }

  @FunctionalInterface
  interface RowHandler {
    void row(ResultSet rs) throws SQLException;
  }

  void since(Timestamp since) {
    this.since = since;
  }

  /** Whether this run is a refresh: only rows changed since the last run are read. */
  boolean refresh() {
    return since != null;
  }

  /** The single number {@code sql} answers. */
  long count(String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  void query(String sql, RowHandler handler) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      s.setFetchSize(FETCH_SIZE);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          handler.row(rs);
        }
      }
    }
  }

  /** A text column trimmed (openIMIS pads some with spaces); null when empty. */
  static String text(ResultSet rs, String column) throws SQLException {
    String s = rs.getString(column);
    return s == null || s.isBlank() ? null : s.strip();
  }

  /**
   * The id of the record a history row belongs to; null for a current or deleted row. openIMIS
   * marks history with both ValidityTo and a LegacyID naming another row; some current rows carry
   * their own id as LegacyID.
   */
  static Integer historyOf(ResultSet rs, int id) throws SQLException {
    Integer legacy = integer(rs, "LegacyID");
    return legacy == null || legacy == id || rs.getTimestamp("ValidityTo") == null ? null : legacy;
  }

  /** SQL that keeps the current and deleted rows of a table whose id column is {@code id}: see {@link #historyOf}. */
  static String notHistory(String alias, String id) {
    return "(" + alias + "\"LegacyID\" IS NULL OR " + alias + "\"ValidityTo\" IS NULL OR " + alias + "\"LegacyID\" = "
        + alias + "\"" + id + "\")";
  }

  /**
   * In a refresh, the condition keeping the rows changed since the last run; the instant is
   * written as a JDBC timestamp literal, which both PostgreSQL's and SQL Server's drivers translate.
   */
  String changed(String alias) {
    if (since == null) {
      return "";
    }
    String ts = "{ts '" + since.toString() + "'}";
    return " AND (" + alias + "\"ValidityFrom\" > " + ts + " OR " + alias + "\"ValidityTo\" > " + ts + ")";
  }

  static Integer integer(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  static int intOr0(ResultSet rs, String column) throws SQLException {
    return rs.getInt(column);
  }

  /** The day of a timestamp column, in the JVM's zone. */
  static LocalDate date(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toLocalDateTime().toLocalDate();
  }

  static LocalDate localDate(ResultSet rs, String column) throws SQLException {
    java.sql.Date d = rs.getDate(column);
    return d == null ? null : d.toLocalDate();
  }
}

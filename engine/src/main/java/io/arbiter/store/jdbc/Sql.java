package io.arbiter.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.arbiter.json.Json;
import io.arbiter.store.StoreException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;

/** Small JDBC helpers shared by the store's classes: statements, transactions, JSON columns. */
final class Sql {
  private Sql() {}

  /** Work that needs a connection. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction on {@code c}: commits when it returns, rolls back when it
   * throws (and rethrows). Where the store commits, but for the group commit of claims (GroupCommitter).
   */
  static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      c.rollback();
      throw e;
    }
  }

  /**
   * Runs {@code work} in one transaction on {@code c} that is rolled back whatever happens: reads
   * that must see one snapshot, or that PostgreSQL only streams inside a transaction.
   */
  static <T> T readOnly(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      return work.run(c);
    } finally {
      c.rollback();
      c.setAutoCommit(true);
    }
  }

  /** A call that may fail with an SQL error. */
  interface Call<T> {
    T call() throws SQLException;
  }

  /** Runs {@code call}; an SQL error becomes {@link StoreException}. */
  static <T> T call(Call<T> call) {
    try {
      return call.call();
    } catch (SQLException e) {
      throw new StoreException("database error: " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} on a connection borrowed from {@code ds}; SQL errors become {@link StoreException}. */
  static <T> T withConnection(DataSource ds, Work<T> work) {
    try (Connection c = ds.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("database error: " + e.getMessage(), e);
    }
  }

  static String json(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  static <T> T parse(String json, Class<T> type) {
    try {
      return Json.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON does not read back as " + type.getSimpleName(), e);
    }
  }

  static Date date(LocalDate d) {
    return d == null ? null : Date.valueOf(d);
  }

  static LocalDate date(ResultSet r, String column) throws SQLException {
    Date d = r.getDate(column);
    return d == null ? null : d.toLocalDate();
  }

  static String code(Enum<?> e) {
    return e == null ? null : e.name();
  }

  static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, args);
      return p.executeUpdate();
    }
  }

  static void bind(PreparedStatement p, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      p.setObject(i + 1, a instanceof LocalDate d ? Date.valueOf(d) : a);
    }
  }
}

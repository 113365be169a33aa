package io.arbiter.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

/** Small JDBC helpers shared by the store's classes. */
final class Sql {
  private Sql() {}

  /** Runs a statement that needs a connection; SQL errors become {@link StoreException}. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
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

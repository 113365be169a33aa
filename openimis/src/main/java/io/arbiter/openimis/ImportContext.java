package io.arbiter.openimis;

import static io.arbiter.openimis.OpenImisRows.historyOf;
import static io.arbiter.openimis.OpenImisRows.text;

import io.arbiter.scheme.CareType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the readers of one {@link OpenImisImport} share: the rows, the report, and the codes given
 * to openIMIS's row ids so far (a later table names an earlier one's rows by id).
 */
final class ImportContext {
  final OpenImisRows tables;
  final MappingReport report = new MappingReport();
  /** openIMIS row id (current or history) to the code of its record, per register table. */
  final Map<Integer, String> itemCodes = new HashMap<>();
  final Map<Integer, String> serviceCodes = new HashMap<>();
  final Map<Integer, String> productCodes = new HashMap<>();
  final Map<Integer, String> itemLists = new HashMap<>();
  final Map<Integer, String> serviceLists = new HashMap<>();
  final Map<Integer, String> facilityCodes = new HashMap<>();
  final Map<Integer, String> icdCodes = new HashMap<>();

  ImportContext(OpenImisRows tables) {
    this.tables = tables;
  }

  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  @FunctionalInterface
  interface Versioned<T> {
    T with(T value, LocalDate validFrom, LocalDate validTo);
  }

  /** Adds the versions of one code to {@code out}; returns how many history rows became versions. */
  <T> long chain(String table, List<VersionChain.Row<T>> rows, Versioned<T> versioned, List<T> out) {
    VersionChain.Result<T> chain = VersionChain.of(rows);
    long history = 0;
    for (VersionChain.Version<T> v : chain.versions()) {
      out.add(versioned.with(v.row().value(), v.validFrom(), v.validTo()));
      report.loaded(table);
      if (v.row().to() != null) {
        history++;
      }
    }
    for (VersionChain.Row<T> r : chain.sameDay()) {
      report.skip(table, r.id(), "replaced on the day it started (" + r.from() + "): never in force for a whole day");
    }
    for (VersionChain.Overlap<T> o : chain.overlapping()) {
      report.skip(table, o.row().id(), "overlapping versions: current (no ValidityTo) though a row of the same"
          + " code starts after it, on " + o.laterStart());
    }
    return history;
  }

  /**
   * For a table whose records are their current rows: records the row's owner (itself, or the
   * current row its LegacyID names) and counts a history row in {@code history[0]} and the report.
   *
   * @return whether the row is a history row (not to be mapped)
   */
  boolean historyRow(ResultSet rs, String table, int id, Map<Integer, Integer> owners, long[] history)
      throws SQLException {
    Integer legacy = historyOf(rs, id);
    owners.put(id, legacy == null ? id : legacy);
    if (legacy != null) {
      history[0]++;
      report.folded(table, 1);
    }
    return legacy != null;
  }

  CareType careType(ResultSet rs, String table, String column) throws SQLException {
    return enumOf(rs, table, column, CareType.class);
  }

  /** An openIMIS code as Arbiter's enum; a code with no equivalent is reported and read as unset. */
  <E extends Enum<E>> E enumOf(ResultSet rs, String table, String column, Class<E> type) throws SQLException {
    String s = text(rs, column);
    if (s == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, s);
    } catch (IllegalArgumentException e) {
      report.decision(table + ": " + column + " '" + s + "' has no Arbiter equivalent: read as unset", 1);
      return null;
    }
  }
}

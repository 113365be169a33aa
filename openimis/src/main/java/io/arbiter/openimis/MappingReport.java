package io.arbiter.openimis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an openIMIS import did, table by table: rows read, loaded and skipped; every mapping
 * decision with the number of rows it touched; and the skipped rows with their table and id (the
 * first {@value #MAX_SKIPPED_LISTED}, the others counted). Serialises to JSON as its accessors. Not
 * thread-safe.
 */
public final class MappingReport {
  /** Skipped rows listed one by one; the rest are only counted. */
  public static final int MAX_SKIPPED_LISTED = 200;

  /**
   * Rows of one openIMIS table: read = loaded + history + skipped, where history counts the history
   * rows that Arbiter represents by their current record rather than as versions of their own.
   */
  public static final class TableCounts {
    private long read;
    private long loaded;
    private long history;
    private long skipped;

    public long getHistory() {
      return history;
    }

    public long getRead() {
      return read;
    }

    public long getLoaded() {
      return loaded;
    }

    public long getSkipped() {
      return skipped;
    }
  }

  /** A row Arbiter cannot use, by its openIMIS table and id. */
  public record SkippedRow(String table, String id, String reason) {}

  private final Map<String, TableCounts> tables = new LinkedHashMap<>();
  private final Map<String, Long> decisions = new LinkedHashMap<>();
  /** Decisions that apply to every loaded row of a table, by decision: counted when read out. */
  private final Map<String, String> perRow = new LinkedHashMap<>();
  private final List<SkippedRow> skippedRows = new ArrayList<>();
  private long skippedOmitted;

  void read(String table) {
    counts(table).read++;
  }

  void loaded(String table) {
    counts(table).loaded++;
  }

  /** Counts {@code n} rows of {@code table} loaded at once (versions built from several rows). */
  void loaded(String table, long n) {
    counts(table).loaded += n;
  }

  /** Counts {@code n} history rows of {@code table}, read and folded into their current record. */
  void history(String table, long n) {
    counts(table).read += n;
    counts(table).history += n;
  }

  /** Counts {@code n} history rows already counted as read, folded into their current record. */
  void folded(String table, long n) {
    counts(table).history += n;
  }

  void skip(String table, Object id, String reason) {
    counts(table).skipped++;
    if (skippedRows.size() < MAX_SKIPPED_LISTED) {
      skippedRows.add(new SkippedRow(table, String.valueOf(id), reason));
    } else {
      skippedOmitted++;
    }
  }

  /** Records that {@code decision} applied to {@code rows} more rows; a decision of 0 rows is still listed. */
  void decision(String decision, long rows) {
    decisions.merge(decision, rows, Long::sum);
  }

  /** Records a decision that applies to every row of {@code table} that is loaded. */
  void decisionPerRow(String decision, String table) {
    decisions.putIfAbsent(decision, 0L);
    perRow.put(decision, table);
  }

  private TableCounts counts(String table) {
    return tables.computeIfAbsent(table, t -> new TableCounts());
  }

  /** Per openIMIS table, in the order read. */
  public Map<String, TableCounts> getTables() {
    return tables;
  }

  /** Each mapping decision and how many rows it applied to. */
  public Map<String, Long> getDecisions() {
    Map<String, Long> out = new LinkedHashMap<>(decisions);
    perRow.forEach((decision, table) -> out.put(decision, counts(table).loaded));
    return out;
  }

  public List<SkippedRow> getSkippedRows() {
    return skippedRows;
  }

  public long getSkippedOmitted() {
    return skippedOmitted;
  }

  public long getRowsRead() {
    return tables.values().stream().mapToLong(TableCounts::getRead).sum();
  }

  public long getRowsLoaded() {
    return tables.values().stream().mapToLong(TableCounts::getLoaded).sum();
  }

  public long getRowsSkipped() {
    return tables.values().stream().mapToLong(TableCounts::getSkipped).sum();
  }

  /** The report as lines of text for a terminal. */
  public String toText() {
    StringBuilder b = new StringBuilder(String.format("openIMIS import%n  %-22s %9s %9s %9s %9s%n", "table", "read",
        "loaded", "history", "skipped"));
    tables.forEach((t, c) -> b.append(String.format("  %-22s %9d %9d %9d %9d%n", t, c.read, c.loaded, c.history,
        c.skipped)));
    b.append(String.format("  %-22s %9d %9d %9d %9d%n", "total", getRowsRead(), getRowsLoaded(),
        tables.values().stream().mapToLong(TableCounts::getHistory).sum(), getRowsSkipped()));
    b.append("  (history: rows of openIMIS's history that Arbiter represents by their current record)\n");
    b.append("mapping decisions (rows):\n");
    getDecisions().forEach((d, n) -> b.append(String.format("  %7d  %s%n", n, d)));
    if (!skippedRows.isEmpty()) {
      b.append("skipped rows (table, id, reason):\n");
      skippedRows.forEach(s -> b.append("  ").append(s.table()).append(' ').append(s.id()).append(": ")
          .append(s.reason()).append('\n'));
      if (skippedOmitted > 0) {
        b.append("  … and ").append(skippedOmitted).append(" more\n");
      }
    }
    return b.toString();
  }
}

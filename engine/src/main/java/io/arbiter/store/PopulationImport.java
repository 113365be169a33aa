package io.arbiter.store;

import io.arbiter.scheme.Family;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.Membership;
import io.arbiter.scheme.Policy;
import io.arbiter.store.ImportRow.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/*
 * Why references are checked per batch against the database: the rows of earlier batches are
 * committed by then, so "earlier in this import or already in the database" is one indexed query
 * per kind and batch, and the import keeps no set of every key it has seen: its memory is bounded
 * by one batch whatever the input's size. References to keys defined earlier in the same batch,
 * the usual case in a file grouped by family, need no query at all.
 */

/**
 * One population import over one connection: reads the rows, rejects the bad ones with their line
 * and field, and writes the good ones in batches of {@value #BATCH_SIZE} rows, one transaction per
 * batch. Not thread-safe; run once.
 */
final class PopulationImport {
  /** Rows per transaction: large enough to amortise the commit, small enough to hold in memory. */
  static final int BATCH_SIZE = 2_000;

  private static final String NEW_FAMILY = "INSERT INTO family (id, head_chf_id) VALUES (?, ?) ON CONFLICT DO NOTHING";
  private static final int EXCEPTION_ERRORS = 10;

  private final Connection c;
  private final ImportFormat format;
  private final Set<String> products;
  private final ImportListener listener;
  private final Counter rows = new Counter();
  private final Map<Kind, Counter> kinds = new EnumMap<>(Kind.class);
  private final List<ImportError> errors = new ArrayList<>();
  private long errorsOmitted;
  private long readable;

  /**
   * @param c the connection to write through; its auto-commit is off while the import runs
   * @param products the product codes a policy may name
   */
  PopulationImport(Connection c, ImportFormat format, Set<String> products, ImportListener listener) {
    this.c = c;
    this.format = format;
    this.products = products;
    this.listener = listener;
    for (Kind kind : Kind.values()) {
      kinds.put(kind, new Counter());
    }
  }

  /**
   * Reads {@code in} to its end and imports its rows.
   *
   * @throws ImportException when the input cannot be read at all (empty, a bad CSV header, not one
   *     readable row); nothing was written
   * @throws IOException when {@code in} fails; the batches before stay committed
   * @throws SQLException when the database fails; the batches before stay committed
   */
  ImportSummary run(InputStream in) throws IOException, SQLException {
    long start = System.nanoTime();
    ImportLines lines = new ImportLines(in);
    ImportParser parser = format == ImportFormat.NDJSON ? new ImportNdjson(products) : null;
    boolean empty = true;
    List<ImportRow> batch = new ArrayList<>(BATCH_SIZE);
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      while (lines.next()) {
        if (lines.blank()) {
          continue;
        }
        empty = false;
        if (parser == null) {
          parser = ImportCsv.header(lines, products);
          continue;
        }
        batch.add(parser.row(lines));
        if (batch.size() == BATCH_SIZE) {
          write(batch);
          batch.clear();
          listener.progress(lines.bytesRead(), rows.read, rows.rejected);
        }
      }
      write(batch);
    } finally {
      c.setAutoCommit(autoCommit);
    }
    listener.progress(lines.bytesRead(), rows.read, rows.rejected);
    if (empty) {
      throw new ImportException("the input is empty", List.of());
    }
    if (rows.read > 0 && readable == 0) {
      throw new ImportException("not one line of the input can be read as " + (format == ImportFormat.CSV
          ? "a CSV row of the header's width" : "a JSON object"), errors.subList(0, Math.min(EXCEPTION_ERRORS, errors.size())));
    }
    long nanos = Math.max(1, System.nanoTime() - start);
    return new ImportSummary(format, rows.counts(), kinds.get(Kind.FAMILY).counts(), kinds.get(Kind.INSUREE).counts(),
        kinds.get(Kind.POLICY).counts(), kinds.get(Kind.MEMBERSHIP).counts(), errors, errorsOmitted,
        nanos / 1_000_000, rows.read * 1_000_000_000L / nanos);
  }

  /** Checks the batch's references, counts its rows, and writes and commits the valid ones. */
  private void write(List<ImportRow> batch) throws SQLException {
    if (batch.isEmpty()) {
      return;
    }
    try {
      Keys queried = new Keys();
      Keys earlier = new Keys();
      for (ImportRow row : batch) {
        if (row.valid()) {
          earlier.addDefinedBy(row);
          references(row, (kind, key, field) -> {
            if (!earlier.contains(kind, key)) {
              queried.add(kind, key);
            }
          });
        }
      }
      Keys existing = existing(queried);
      Keys defined = new Keys();
      Writes writes = new Writes();
      for (ImportRow row : batch) {
        if (row.valid()) {
          references(row, (kind, key, field) -> {
            if (key.equals(definedBy(row, kind)) || defined.contains(kind, key) || existing.contains(kind, key)) {
              return;
            }
            // Queried keys are known; one not queried was counted on a row of this batch that has since failed.
            if (!queried.contains(kind, key) && exists(kind, key)) {
              existing.add(kind, key);
              return;
            }
            row.error(field, kind.type + " " + ImportFields.quoted(key)
                + " does not exist, neither earlier in this import nor in the database");
          });
        }
        count(row);
        if (row.valid()) {
          defined.addDefinedBy(row);
          writes.add(row);
        }
      }
      writes.write(c);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }

  private void count(ImportRow row) {
    boolean imported = row.valid();
    rows.add(imported);
    for (Kind kind : Kind.values()) {
      if (row.carries(kind)) {
        kinds.get(kind).add(imported);
      }
    }
    if (row.readable) {
      readable++;
    }
    if (!imported) {
      for (ImportError e : row.errors) {
        if (errors.size() < ImportSummary.MAX_ERRORS) {
          errors.add(e);
        } else {
          errorsOmitted++;
        }
      }
    }
  }

  private interface Reference {
    void check(Kind kind, String key, String field) throws SQLException;
  }

  /** Every record a valid row refers to: an insuree's and a policy's family, a membership's insuree and policy. */
  private static void references(ImportRow row, Reference reference) throws SQLException {
    if (row.insuree != null) {
      reference.check(Kind.FAMILY, row.insuree.familyId(), "familyId");
    }
    if (row.policy != null) {
      reference.check(Kind.FAMILY, row.policy.familyId(), "familyId");
    }
    if (row.membership != null) {
      reference.check(Kind.INSUREE, row.membership.chfId(), "chfId");
      reference.check(Kind.POLICY, row.membership.policyId(), "policyId");
    }
  }

  /** The key of the record of {@code kind} the row defines; null if it defines none. */
  private static String definedBy(ImportRow row, Kind kind) {
    return switch (kind) {
      case FAMILY -> row.family != null ? row.family.id() : row.newFamily != null ? row.newFamily.id() : null;
      case INSUREE -> row.insuree != null ? row.insuree.chfId() : null;
      case POLICY -> row.policy != null ? row.policy.id() : null;
      case MEMBERSHIP -> null;
    };
  }

  /** The keys of {@code keys} that are in the database. */
  private Keys existing(Keys keys) throws SQLException {
    Keys existing = new Keys();
    for (Map.Entry<Kind, Set<String>> e : keys.byKind.entrySet()) {
      existing.byKind.put(e.getKey(), query(e.getKey(), e.getValue()));
    }
    return existing;
  }

  private boolean exists(Kind kind, String key) throws SQLException {
    return !query(kind, Set.of(key)).isEmpty();
  }

  private Set<String> query(Kind kind, Set<String> keys) throws SQLException {
    String sql = switch (kind) {
      case FAMILY -> "SELECT id FROM family WHERE id = ANY(?)";
      case INSUREE -> "SELECT chf_id FROM insuree WHERE chf_id = ANY(?)";
      case POLICY -> "SELECT id FROM policy WHERE id = ANY(?)";
      case MEMBERSHIP -> throw new IllegalArgumentException("nothing refers to a membership");
    };
    Set<String> found = new HashSet<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setArray(1, c.createArrayOf("VARCHAR", keys.toArray()));
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          found.add(r.getString(1));
        }
      }
    }
    return found;
  }

  /** Keys of families, insurees and policies. */
  private static final class Keys {
    final Map<Kind, Set<String>> byKind = new EnumMap<>(Kind.class);

    void add(Kind kind, String key) {
      byKind.computeIfAbsent(kind, k -> new HashSet<>()).add(key);
    }

    boolean contains(Kind kind, String key) {
      Set<String> keys = byKind.get(kind);
      return keys != null && keys.contains(key);
    }

    void addDefinedBy(ImportRow row) {
      for (Kind kind : Kind.values()) {
        String key = definedBy(row, kind);
        if (key != null) {
          add(kind, key);
        }
      }
    }
  }

  /**
   * The records of a batch's valid rows, one per key: a later row replaces an earlier one, as its
   * upsert would, except that the first row of a new family names its head.
   */
  private static final class Writes {
    final Map<String, Family> families = new LinkedHashMap<>();
    final Map<String, Family> newFamilies = new LinkedHashMap<>();
    final Map<String, Insuree> insurees = new LinkedHashMap<>();
    final Map<String, Policy> policies = new LinkedHashMap<>();
    final Map<List<String>, Membership> memberships = new LinkedHashMap<>();

    void add(ImportRow row) {
      if (row.family != null) {
        families.put(row.family.id(), row.family);
      }
      if (row.newFamily != null) {
        newFamilies.putIfAbsent(row.newFamily.id(), row.newFamily);
      }
      if (row.insuree != null) {
        insurees.put(row.insuree.chfId(), row.insuree);
      }
      if (row.policy != null) {
        policies.put(row.policy.id(), row.policy);
      }
      if (row.membership != null) {
        memberships.put(List.of(row.membership.chfId(), row.membership.policyId()), row.membership);
      }
    }

    void write(Connection c) throws SQLException {
      if (!families.isEmpty()) {
        PopulationWriter.families(c, List.copyOf(families.values()));
      }
      if (!newFamilies.isEmpty()) {
        try (PreparedStatement p = c.prepareStatement(NEW_FAMILY)) {
          for (Family f : newFamilies.values()) {
            Sql.bind(p, f.id(), f.headChfId());
            p.addBatch();
          }
          p.executeBatch();
        }
      }
      if (!insurees.isEmpty()) {
        PopulationWriter.insurees(c, List.copyOf(insurees.values()));
      }
      if (!policies.isEmpty()) {
        PopulationWriter.policies(c, List.copyOf(policies.values()));
      }
      if (!memberships.isEmpty()) {
        PopulationWriter.memberships(c, List.copyOf(memberships.values()));
      }
    }
  }

  /** Read, imported and rejected, of rows or of one kind of record. */
  private static final class Counter {
    long read;
    long imported;
    long rejected;

    void add(boolean isImported) {
      read++;
      if (isImported) {
        imported++;
      } else {
        rejected++;
      }
    }

    ImportSummary.Counts counts() {
      return new ImportSummary.Counts(read, imported, rejected);
    }
  }
}

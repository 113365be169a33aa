package io.arbiter.population;

import io.arbiter.scheme.Family;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.Membership;
import io.arbiter.scheme.Policy;
import io.arbiter.population.ImportRow.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/*
 * Why references are checked per batch against the target: the rows of earlier batches are
 * written by then, so "earlier in this import or already in the database" is one indexed query
 * per kind and batch, and the import keeps no set of every key it has seen: its memory is bounded
 * by one batch whatever the input's size. References to keys defined earlier in the same batch,
 * the usual case in a file grouped by family, need no query at all.
 */

/**
 * One population import: reads the rows (NDJSON or CSV, see {@link ImportFormat}), rejects the bad
 * ones with their line and field, and hands the good ones to a {@link PopulationTarget} in batches
 * of {@value #BATCH_SIZE} rows, each written all or none. Not thread-safe; run once.
 */
public final class PopulationImport {
  /** Rows per batch: large enough to amortise the commit, small enough to hold in memory. */
  public static final int BATCH_SIZE = 2_000;

  private static final int EXCEPTION_ERRORS = 10;

  private final ImportFormat format;
  private final Set<String> products;
  private final ImportListener listener;
  private final Counter rows = new Counter();
  private final Map<Kind, Counter> kinds = new EnumMap<>(Kind.class);
  private final List<ImportError> errors = new ArrayList<>();
  private long errorsOmitted;
  private long readable;

  /**
   * @param products the product codes a policy may name
   * @param listener told of the progress after each batch written
   */
  public PopulationImport(ImportFormat format, Set<String> products, ImportListener listener) {
    this.format = format;
    this.products = products;
    this.listener = listener;
    for (Kind kind : Kind.values()) {
      kinds.put(kind, new Counter());
    }
  }

  /**
   * Reads {@code in} to its end and imports its rows into {@code target}.
   *
   * @param in the input, read to its end and not closed
   * @throws ImportException when the input cannot be read at all (empty, a bad CSV header, not one
   *     readable row); nothing was written
   * @throws IOException when {@code in} fails; the batches before stay written
   * @throws E when the target fails; the batches before stay written
   */
  public <E extends Exception> ImportSummary run(InputStream in, PopulationTarget<E> target) throws IOException, E {
    long start = System.nanoTime();
    ImportLines lines = new ImportLines(in);
    ImportParser parser = format == ImportFormat.NDJSON ? new ImportNdjson(products) : null;
    boolean empty = true;
    List<ImportRow> batch = new ArrayList<>(BATCH_SIZE);
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
        write(batch, target);
        batch.clear();
        listener.progress(lines.bytesRead(), rows.read, rows.rejected);
      }
    }
    write(batch, target);
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

  /** Checks the batch's references, counts its rows, and writes the valid ones. */
  private <E extends Exception> void write(List<ImportRow> batch, PopulationTarget<E> target) throws E {
    if (batch.isEmpty()) {
      return;
    }
    Keys queried = new Keys();
    Keys earlier = new Keys();
    for (ImportRow row : batch) {
      if (row.valid()) {
        earlier.addDefinedBy(row);
        PopulationImport.<RuntimeException>references(row, (kind, key, field) -> {
          if (!earlier.contains(kind, key)) {
            queried.add(kind, key);
          }
        });
      }
    }
    Keys existing = existing(queried, target);
    Keys defined = new Keys();
    Writes writes = new Writes();
    for (ImportRow row : batch) {
      if (row.valid()) {
        PopulationImport.<E>references(row, (kind, key, field) -> {
          if (key.equals(definedBy(row, kind)) || defined.contains(kind, key) || existing.contains(kind, key)) {
            return;
          }
          // Queried keys are known; one not queried was counted on a row of this batch that has since failed.
          if (!queried.contains(kind, key) && !query(kind, Set.of(key), target).isEmpty()) {
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
    target.write(writes.batch());
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

  private interface Reference<E extends Exception> {
    void check(Kind kind, String key, String field) throws E;
  }

  /** Every record a valid row refers to: an insuree's and a policy's family, a membership's insuree and policy. */
  private static <E extends Exception> void references(ImportRow row, Reference<E> reference) throws E {
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

  /** The keys of {@code keys} that are in the target. */
  private static <E extends Exception> Keys existing(Keys keys, PopulationTarget<E> target) throws E {
    Keys existing = new Keys();
    for (Map.Entry<Kind, Set<String>> e : keys.byKind.entrySet()) {
      existing.byKind.put(e.getKey(), query(e.getKey(), e.getValue(), target));
    }
    return existing;
  }

  private static <E extends Exception> Set<String> query(Kind kind, Set<String> keys, PopulationTarget<E> target)
      throws E {
    return switch (kind) {
      case FAMILY -> target.families(keys);
      case INSUREE -> target.insurees(keys);
      case POLICY -> target.policies(keys);
      case MEMBERSHIP -> throw new IllegalArgumentException("nothing refers to a membership");
    };
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

    PopulationBatch batch() {
      return new PopulationBatch(List.copyOf(families.values()), List.copyOf(newFamilies.values()),
          List.copyOf(insurees.values()), List.copyOf(policies.values()), List.copyOf(memberships.values()));
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

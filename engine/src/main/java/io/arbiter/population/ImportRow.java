package io.arbiter.population;

import io.arbiter.scheme.Family;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.Membership;
import io.arbiter.scheme.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * One input row as an {@link ImportParser} read it: the records it carries and the problems found
 * in it. A row with problems is rejected whole; its records may then hold nulls. Not thread-safe.
 */
final class ImportRow {

  /** The kinds of record a row may carry. */
  enum Kind {
    FAMILY("family"),
    INSUREE("insuree"),
    POLICY("policy"),
    MEMBERSHIP("membership");

    /** The NDJSON {@code type}. */
    final String type;

    Kind(String type) {
      this.type = type;
    }

    int bit() {
      return 1 << ordinal();
    }

    /** The kind of an NDJSON {@code type}; null if there is none. */
    static Kind ofType(String type) {
      for (Kind k : values()) {
        if (k.type.equals(type)) {
          return k;
        }
      }
      return null;
    }
  }

  final long line;
  /** The {@link Kind#bit() bits} of the kinds the row carries. */
  int kinds;
  /** Whether the line could be read as a record at all (a JSON object, a CSV row of the header's width). */
  boolean readable;
  /** A family to add or replace. */
  Family family;
  /** A family to add only if it does not exist yet (a CSV row's). */
  Family newFamily;
  Insuree insuree;
  Policy policy;
  Membership membership;
  /** Null while the row has no problem. */
  List<ImportError> errors;

  ImportRow(long line) {
    this.line = line;
  }

  boolean carries(Kind kind) {
    return (kinds & kind.bit()) != 0;
  }

  boolean valid() {
    return errors == null;
  }

  void error(String field, String reason) {
    if (errors == null) {
      errors = new ArrayList<>(2);
    }
    errors.add(new ImportError(line, field, reason));
  }
}

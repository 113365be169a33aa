package io.arbiter.population;

import io.arbiter.input.Identifiers;
import io.arbiter.scheme.Gender;
import io.arbiter.scheme.PolicyStage;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of one input row, read into typed values; every problem is noted against the row's
 * line and the field. A value is a String, or in NDJSON also a JSON number ({@link Long},
 * {@link BigInteger} or another {@link Number}), a {@link Boolean} or {@link #NESTED}; an absent
 * field, JSON {@code null} and an empty CSV cell all read as absent. Not thread-safe.
 */
final class ImportFields {
  /** The value of a JSON object or array where a scalar belongs. */
  static final Object NESTED = new Object();

  /** The width of the store's key and code columns. */
  static final int MAX_ID_LENGTH = Identifiers.MAX_LENGTH;

  private static final int MAX_QUOTED = 40;

  private final long line;
  private final Map<String, Object> values;
  private final boolean text;
  private List<ImportError> errors;

  /**
   * @param text true when every value is text (CSV), so numbers are read from it
   */
  ImportFields(long line, Map<String, Object> values, boolean text) {
    this.line = line;
    this.values = values;
    this.text = text;
  }

  /** The problems found so far; null when none. */
  List<ImportError> errors() {
    return errors;
  }

  void error(String field, String reason) {
    if (errors == null) {
      errors = new ArrayList<>(2);
    }
    errors.add(new ImportError(line, field, reason));
  }

  boolean has(String field) {
    return values.get(field) != null;
  }

  /** A key or code: an {@link Identifiers identifier}, without spaces around it. */
  String id(String field, boolean required) {
    String s = string(field, required);
    if (s == null) {
      return null;
    }
    java.util.Optional<String> problem = Identifiers.problem(s);
    if (s.isBlank()) {
      error(field, "must not be blank");
    } else if (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))) {
      error(field, "must not begin or end with a space, was " + quoted(s));
    } else if (problem.isPresent()) {
      error(field, problem.get());
    } else {
      return s;
    }
    return null;
  }

  /** A product code of the current scheme. */
  String product(String field, Set<String> products) {
    String code = id(field, true);
    if (code != null && !products.contains(code)) {
      error(field, quoted(code) + " is not a product of the current scheme");
      return null;
    }
    return code;
  }

  /** An ISO date, exactly YYYY-MM-DD. */
  LocalDate date(String field, boolean required) {
    String s = string(field, required);
    if (s == null) {
      return null;
    }
    if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
      try {
        return LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        // reported below, as every other malformed date
      }
    }
    error(field, "must be a date (YYYY-MM-DD), was " + quoted(s));
    return null;
  }

  Gender gender(String field) {
    String s = string(field, false);
    if (s == null) {
      return null;
    }
    return switch (s) {
      case "M" -> Gender.M;
      case "F" -> Gender.F;
      case "O" -> Gender.O;
      default -> {
        error(field, "must be M, F or O, was " + quoted(s));
        yield null;
      }
    };
  }

  PolicyStage stage(String field) {
    String s = string(field, false);
    if (s == null) {
      return null;
    }
    return switch (s) {
      case "N" -> PolicyStage.N;
      case "R" -> PolicyStage.R;
      default -> {
        error(field, "must be N or R, was " + quoted(s));
        yield null;
      }
    };
  }

  /** A policy status: 1 idle, 2 active, 4 suspended, 8 expired; 0 when absent or wrong. */
  int status(String field) {
    Object v = values.get(field);
    if (v == null) {
      error(field, "is required");
      return 0;
    }
    if (!text && !(v instanceof Long) && !(v instanceof BigInteger)) {
      error(field, "must be an integer");
      return 0;
    }
    long status = -1;
    if (v instanceof Long n) {
      status = n;
    } else if (v instanceof String s && s.length() < 10 && s.chars().allMatch(Character::isDigit)) {
      status = Long.parseLong(s);
    }
    if (status == 1 || status == 2 || status == 4 || status == 8) {
      return (int) status;
    }
    error(field, "must be 1, 2, 4 or 8 (idle, active, suspended, expired), was "
        + (v instanceof String s ? quoted(s) : v));
    return 0;
  }

  private String string(String field, boolean required) {
    Object v = values.get(field);
    if (v == null) {
      if (required) {
        error(field, "is required");
      }
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    error(field, "must be a string");
    return null;
  }

  /** A value for a message, cut short so that one bad value cannot make a long message. */
  static String quoted(String s) {
    return "'" + (s.length() > MAX_QUOTED ? s.substring(0, MAX_QUOTED) + "…" : s) + "'";
  }
}

package io.arbiter.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arbiter.input.InputGate;
import io.arbiter.json.Json;
import io.arbiter.input.InputRefusal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/*
 * Why numbers are bounded here: the engine scales every amount to 2 decimals, and a value such as
 * 1e-99999999 (valid JSON) took it 70 s of CPU, after which the stored decision could not even be
 * written as plain JSON. openIMIS keeps quantities and amounts as decimal(18,2); the bounds below
 * are looser than that and far below anything costly.
 */

/**
 * Reads JSON into Arbiter's request records (a claim, a review, a scheme document) the same way for
 * the HTTP API and the command line: bytes pass {@link InputGate#STANDARD} first (strict UTF-8,
 * nesting, key, string and number limits), then {@link Json#mapper()}'s configuration (unknown
 * fields refused), refusing an empty document, {@code null}, null array elements and dates that are
 * not ISO strings, and refusing decimals with more than {@value #MAX_INTEGER_DIGITS}
 * digits before or {@value #MAX_FRACTION_DIGITS} after the decimal point, infinite or NaN
 * floating-point values, strings longer than {@value #MAX_STRING_LENGTH} characters and dates
 * outside the years {@value #MIN_YEAR}–{@value #MAX_YEAR}, each named by its JSON pointer. Stateless and thread-safe.
 * {@code io.arbiter.batch.Refusal#of} turns every exception it throws into the client's problem.
 */
public final class JsonInput {
  static final int MAX_INTEGER_DIGITS = 16;
  static final int MAX_FRACTION_DIGITS = 6;
  /** Longest string field, in characters: {@link InputGate}'s, also for values not read from bytes. */
  public static final int MAX_STRING_LENGTH = InputGate.MAX_STRING_LENGTH;
  /** Earliest and latest year of a date field: anything outside is a typing error. */
  public static final int MIN_YEAR = 1900;
  public static final int MAX_YEAR = 2200;

  private static final ObjectMapper MAPPER = Json.mapper();

  private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
    @Override
    protected RecordComponent[] computeValue(Class<?> type) {
      return type.getRecordComponents();
    }
  };

  private JsonInput() {}

  /**
   * Reads a whole JSON document, such as a request body.
   *
   * @param json the document's bytes (UTF-8); not null
   * @param type a record type of the engine, such as {@code Claim.class}
   * @return the value, never null
   * @throws InputRefusal when the bytes do not pass {@link InputGate#STANDARD}
   * @throws JsonProcessingException when the JSON does not fit {@code type}, with the offending
   *     field's path
   * @throws ArbiterException MALFORMED when the document is empty or {@code null}; INVALID listing
   *     every decimal out of bounds
   */
  public static <T> T read(byte[] json, Class<T> type) throws JsonProcessingException {
    if (isBlank(json)) {
      throw new ArbiterException(ArbiterException.Kind.MALFORMED, "a JSON document is required",
          List.of(new Problem("", "is required", true)));
    }
    InputGate.STANDARD.check(json);
    try {
      return checked(MAPPER.readValue(json, type));
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("reading from memory cannot fail", e);
    }
  }

  /**
   * Converts an already parsed JSON value, such as one claim of a file.
   *
   * @throws JsonProcessingException when the value does not fit {@code type}
   * @throws ArbiterException as {@link #read(byte[], Class)}
   */
  public static <T> T read(JsonNode json, Class<T> type) throws JsonProcessingException {
    return checked(MAPPER.treeToValue(json, type));
  }

  private static <T> T checked(T value) {
    if (value == null) {
      throw new ArbiterException(ArbiterException.Kind.MALFORMED, "a JSON object is required",
          List.of(new Problem("", "must be an object, not null", true)));
    }
    List<Problem> problems = new ArrayList<>();
    checkNumbers(value, "", problems);
    if (!problems.isEmpty()) {
      throw new ArbiterException(ArbiterException.Kind.INVALID, "values out of range", problems);
    }
    return value;
  }

  private static void checkNumbers(Object value, String pointer, List<Problem> problems) {
    if (value instanceof BigDecimal number) {
      if (!fits(number)) {
        problems.add(new Problem(pointer, "must have at most " + MAX_INTEGER_DIGITS + " digits before and "
            + MAX_FRACTION_DIGITS + " after the decimal point, was " + number, false));
      }
    } else if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
      problems.add(new Problem(pointer, "must be a finite number, was " + value, false));
    } else if (value instanceof String text) {
      if (text.length() > MAX_STRING_LENGTH) {
        problems.add(new Problem(pointer, "must be at most " + MAX_STRING_LENGTH + " characters, was "
            + text.length(), false));
      }
    } else if (value instanceof java.time.LocalDate date) {
      if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
        problems.add(new Problem(pointer, "must be a date in the years " + MIN_YEAR + " to " + MAX_YEAR + ", was "
            + date, false));
      }
    } else if (value instanceof java.util.Map<?, ?> map) {
      map.forEach((k, v) -> checkNumbers(v, pointer + "/" + String.valueOf(k).replace("~", "~0").replace("/", "~1"),
          problems));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        checkNumbers(list.get(i), pointer + "/" + i, problems);
      }
    } else if (value instanceof Record) {
      for (RecordComponent c : COMPONENTS.get(value.getClass())) {
        checkNumbers(component(c, value), pointer + "/" + c.getName(), problems);
      }
    }
  }

  private static boolean fits(BigDecimal number) {
    BigDecimal n = number.stripTrailingZeros();
    return n.scale() <= MAX_FRACTION_DIGITS && n.precision() - n.scale() <= MAX_INTEGER_DIGITS;
  }

  private static Object component(RecordComponent c, Object record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c, e);
    }
  }

  private static boolean isBlank(byte[] json) {
    for (byte b : json) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}

package io.arbiter.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/*
 * Why a pass of its own before any library parses the body: each parser has limits of its own, or
 * none (HAPI's FHIR parser took 1e999999999 as a quantity and spent minutes and gigabytes writing
 * it out; it read duplicate keys as their last word and invalid UTF-8 as U+FFFD). One gate in front
 * of every parser gives every route the same limits and the same words, whatever reads the body
 * next. Why the pass is a streaming one: it holds no tree, so a 64 MiB scheme costs no more memory
 * than its bytes; a string exempt from the length limit (a model's base64) is skipped unread.
 * Why Jackson's own limits are set one notch above the gate's: the gate refuses first, in its own
 * words, naming the place; Jackson's messages name its settings.
 */

/**
 * The one check every JSON body passes before anything parses it (the {@code /v1} API, each NDJSON
 * line of a batch or an import, a FHIR Claim): it must be strict UTF-8 (no malformed or overlong
 * sequence, no encoded surrogate, no NUL byte: so no UTF-16 or UTF-32 either), one JSON value with
 * no trailing data, nested at most {@value #MAX_NESTING_DEPTH} deep, without a key twice in one
 * object, with number tokens of at most {@value #MAX_NUMBER_LENGTH} characters whose magnitude is
 * within a double's (a power of ten from {@value #MIN_EXPONENT} to {@value #MAX_EXPONENT}), and
 * with keys and strings of at most {@value #MAX_STRING_LENGTH} characters holding neither U+0000
 * nor an unpaired surrogate (as a {@code \\u} escape). A gate may exempt some strings from the
 * length limit (see {@link #exempting}); those are skipped unread and left to their reader.
 * Immutable and thread-safe.
 */
public final class InputGate {
  /** Deepest nesting of arrays and objects; Arbiter's documents nest less than 10 deep, FHIR's less than 20. */
  public static final int MAX_NESTING_DEPTH = 64;
  /** Longest number token, in characters. */
  public static final int MAX_NUMBER_LENGTH = 64;
  /** Longest key or string, in characters: codes are at most 64, names and notes far less than this. */
  public static final int MAX_STRING_LENGTH = 4096;
  /** Largest power of ten of a number (a double's range: 1.8e308). */
  public static final int MAX_EXPONENT = 308;
  /** Smallest power of ten of a number other than 0 (a double's range: 4.9e-324). */
  public static final int MIN_EXPONENT = -324;

  /** The gate of every body without long strings. */
  public static final InputGate STANDARD = new InputGate(null);

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_NESTING_DEPTH + 1)
          .maxNumberLength(Integer.MAX_VALUE)
          .maxStringLength(Integer.MAX_VALUE)
          .maxNameLength(Integer.MAX_VALUE)
          .build())
      .build();

  /** Whether the string at a JSON pointer is exempt from the length limit; null when none is. */
  private final Predicate<String> longStrings;

  private InputGate(Predicate<String> longStrings) {
    this.longStrings = longStrings;
  }

  /**
   * A gate that lets the strings at some places be as long as the body (a model's base64, a FHIR
   * narrative): they are not read, so neither their length nor their characters are checked here.
   *
   * @param longStrings whether the string at a JSON pointer is exempt
   */
  public static InputGate exempting(Predicate<String> longStrings) {
    return new InputGate(java.util.Objects.requireNonNull(longStrings, "longStrings"));
  }

  /**
   * Checks a whole document.
   *
   * @throws InputRefusal naming the first place that breaks a limit
   */
  public void check(byte[] bytes) {
    check(bytes, 0, bytes.length);
  }

  /**
   * Checks the document in {@code bytes[offset, offset + length)}.
   *
   * @throws InputRefusal naming the first place that breaks a limit
   */
  public void check(byte[] bytes, int offset, int length) {
    checkUtf8(bytes, offset, length);
    try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
      Deque<Set<String>> keys = new ArrayDeque<>();
      JsonToken token = p.nextToken();
      if (token == null) {
        throw new InputRefusal(true, "", "is empty: a JSON value is required");
      }
      // Back in the root context after a token: the one value is complete (an unfinished one makes
      // the parser throw at the end of the input).
      for (; !p.getParsingContext().inRoot(); token = p.nextToken()) {
        inspect(p, token, keys);
      }
      inspect(p, token, keys);
      if (p.nextToken() != null) {
        throw new InputRefusal(true, "", "has data after its end" + at(p.currentTokenLocation())
            + ": one JSON value is allowed");
      }
    } catch (JsonProcessingException e) {
      throw new InputRefusal(true, "", "is not JSON: " + plainWords(e));
    } catch (IOException e) {
      throw new UncheckedIOException("reading from memory cannot fail", e);
    }
  }

  private void inspect(JsonParser p, JsonToken token, Deque<Set<String>> keys) throws IOException {
    switch (token) {
      case START_OBJECT, START_ARRAY -> {
        if (p.getParsingContext().getNestingDepth() > MAX_NESTING_DEPTH) {
          throw new InputRefusal(true, pointer(p.getParsingContext().getParent()),
              "nests deeper than " + MAX_NESTING_DEPTH + " levels of arrays and objects");
        }
        if (token == JsonToken.START_OBJECT) {
          keys.push(new HashSet<>());
        }
      }
      case END_OBJECT -> keys.pop();
      case FIELD_NAME -> {
        String name = p.currentName();
        text(name, p);
        if (!keys.peek().add(name)) {
          throw new InputRefusal(true, pointer(p.getParsingContext()), "appears twice in one object: a key may be given"
              + " once");
        }
      }
      case VALUE_STRING -> {
        // The pointer is only built where some string is exempt: per token, it would cost more than the rest.
        if (longStrings == null || !longStrings.test(pointer(p.getParsingContext()))) {
          text(p.getText(), p);
        }
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(p, token);
      default -> { }
    }
  }

  private static void number(JsonParser p, JsonToken token) throws IOException {
    int length = p.getTextLength();
    if (length > MAX_NUMBER_LENGTH) {
      throw new InputRefusal(true, pointer(p.getParsingContext()), "is a number of " + length + " characters; at most " + MAX_NUMBER_LENGTH
          + " are allowed");
    }
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return; // at most 64 digits: far inside the range
    }
    BigDecimal value;
    try {
      value = new BigDecimal(p.getTextCharacters(), p.getTextOffset(), length);
    } catch (NumberFormatException e) {
      value = null; // an exponent beyond ±2^31
    }
    long exponent = value == null ? Long.MAX_VALUE : (long) value.precision() - value.scale() - 1;
    if (exponent > MAX_EXPONENT || exponent < MIN_EXPONENT) {
      throw new InputRefusal(false, pointer(p.getParsingContext()), "must be a number of magnitude 1e" + MIN_EXPONENT + " to 1e" + MAX_EXPONENT
          + ", was " + p.getText());
    }
  }

  /** Refuses a key or string (the parser's current one) that is too long or holds U+0000 or an unpaired surrogate. */
  private static void text(String s, JsonParser p) {
    if (s.length() > MAX_STRING_LENGTH) {
      throw new InputRefusal(false, pointer(p.getParsingContext()), "must be at most " + MAX_STRING_LENGTH + " characters, was " + s.length());
    }
    int bad = Identifiers.unpairedSurrogateOrNul(s);
    if (bad >= 0) {
      throw new InputRefusal(false, pointer(p.getParsingContext()), "holds " + (s.charAt(bad) == 0 ? "U+0000 (NUL)"
          : String.format("an unpaired surrogate (U+%04X)", (int) s.charAt(bad))) + " at character " + bad
          + ", which is not text");
    }
  }

  /**
   * Refuses bytes that are not UTF-8, and NUL bytes (JSON allows none outside a string, and inside
   * one only escaped): a decoder set to report, not to replace, refuses overlong forms and surrogates.
   */
  private static void checkUtf8(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] < 0) {
        checkUtf8Decoded(bytes, offset, length, i);
        return;
      }
      if (bytes[i] == 0) {
        throw new InputRefusal(true, "", "is not UTF-8 JSON: a NUL byte at byte " + (i - offset)
            + " (UTF-16 and UTF-32 are not accepted)");
      }
    }
  }

  private static void checkUtf8Decoded(byte[] bytes, int offset, int length, int firstNonAscii) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, firstNonAscii, offset + length - firstNonAscii);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        int at = in.position();
        throw new InputRefusal(true, "", String.format("is not UTF-8: byte 0x%02X at byte %d does not begin a valid"
            + " UTF-8 sequence", bytes[at] & 0xff, at - offset));
      }
      if (result.isUnderflow()) {
        if (decoder.flush(out).isError()) {
          throw new InputRefusal(true, "", "is not UTF-8: it ends inside a multi-byte sequence");
        }
        break;
      }
      out.clear();
    }
    for (int i = firstNonAscii; i < offset + length; i++) {
      if (bytes[i] == 0) {
        throw new InputRefusal(true, "", "is not UTF-8 JSON: a NUL byte at byte " + (i - offset)
            + " (UTF-16 and UTF-32 are not accepted)");
      }
    }
  }

  /** A data binder's path as a JSON pointer (RFC 6901). */
  private static String pointer(java.util.List<JsonMappingException.Reference> path) {
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference r : path) {
      pointer.append('/').append(r.getFieldName() != null
          ? r.getFieldName().replace("~", "~0").replace("/", "~1") : String.valueOf(r.getIndex()));
    }
    return pointer.toString();
  }

  /** JSON pointer of the parser's current place. */
  private static String pointer(JsonStreamContext context) {
    return context.pathAsPointer().toString();
  }

  /*
   * Jackson's syntax messages describe the input in plain terms ("Unexpected character ('}' (code
   * 125)): was expecting double-quote to start field name"); what is cut here is where they name
   * the source or a setting that would allow the input, and a message that still names one is
   * replaced whole.
   */
  /**
   * A JSON parser's or binder's error in words fit for a client: what is wrong and where (line,
   * column; or the value's JSON pointer), without the names of the parser's settings, Java classes
   * or source.
   */
  public static String plainWords(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      return "a number longer than " + MAX_NUMBER_LENGTH + " characters or nesting deeper than " + MAX_NESTING_DEPTH
          + " levels" + at(e.getLocation());
    }
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      String pointer = pointer(m.getPath());
      String message = String.valueOf(m.getOriginalMessage());
      return pointer + " " + (LIBRARY_WORDS.matcher(message).find() ? "is not of the expected type or shape" : message);
    }
    String message = String.valueOf(e.getOriginalMessage())
        .replaceAll("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]", "line $1, column $2")
        .replaceAll("[:;]?\\s*enable `[^`]*` to allow", "")
        .replaceAll("\\s*\\(not recognized as one since Feature '[^']*' not enabled for parser\\)", "")
        .replaceAll("\\s+", " ").trim();
    if (LIBRARY_WORDS.matcher(message).find()) {
      message = "unexpected input";
    }
    return message + at(e.getLocation());
  }

  /** What a parser message must not show a client: its settings, classes or source description. */
  private static final java.util.regex.Pattern LIBRARY_WORDS =
      java.util.regex.Pattern.compile("`|Feature|Source:|jackson|java\\.|Exception", java.util.regex.Pattern.CASE_INSENSITIVE);

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 0 ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}

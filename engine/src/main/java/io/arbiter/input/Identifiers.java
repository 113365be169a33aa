package io.arbiter.input;

import java.util.Optional;

/**
 * The characters of an identifier that becomes part of a URL or a database key (a claim code, an
 * insurance number, a sampling batch id, a model id, an API key's name): 1 to {@value #MAX_LENGTH}
 * characters, none of them a control character (U+0000–U+001F, U+007F–U+009F: NUL, tab, line
 * feed…) or an unpaired surrogate, no space at either end, and not {@code .} or {@code ..} (which a
 * URL path reads as "this folder" and "the parent"). Anything else (letters of any script, digits,
 * punctuation such as {@code / ? % #}, symbols, inner spaces) is allowed; a URL carries it
 * percent-encoded. The same pattern is in openapi.yaml.
 */
public final class Identifiers {
  /** Longest identifier, in characters: the store's key and code columns hold 64. */
  public static final int MAX_LENGTH = 64;
  /** The rule as an ECMA-262 regular expression, as openapi.yaml states it. */
  public static final String PATTERN =
      "^(?!\\.\\.?$)[^\\u0000-\\u001F\\u007F-\\u009F ]([^\\u0000-\\u001F\\u007F-\\u009F]{0,62}[^\\u0000-\\u001F\\u007F-\\u009F ])?$";

  private Identifiers() {}

  /**
   * What is wrong with an identifier, in words that follow "must" or "is" after the field's name.
   *
   * @param value not null
   * @return empty when it follows the rule
   */
  public static Optional<String> problem(String value) {
    if (value.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (value.length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters, was " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x1F || c >= 0x7F && c <= 0x9F) {
        return Optional.of(String.format("must not hold a control character, has U+%04X at character %d", (int) c, i));
      }
    }
    int surrogate = unpairedSurrogateOrNul(value);
    if (surrogate >= 0) {
      return Optional.of(String.format("must not hold an unpaired surrogate, has U+%04X at character %d",
          (int) value.charAt(surrogate), surrogate));
    }
    if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
      return Optional.of("must not begin or end with a space");
    }
    if (value.equals(".") || value.equals("..")) {
      return Optional.of("must not be . or .. (a URL path reads them as folders)");
    }
    return Optional.empty();
  }

  /** Whether an identifier follows the rule. */
  public static boolean valid(String value) {
    return value != null && problem(value).isEmpty();
  }

  /**
   * The index of the first U+0000 or unpaired surrogate of a string (neither is text: PostgreSQL
   * refuses the one, UTF-8 cannot carry the other); -1 when there is none.
   */
  static int unpairedSurrogateOrNul(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return i;
      }
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}

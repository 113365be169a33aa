package io.arbiter.scheme;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A voucher of a voucher scheme (Cameroon's "Chèque Santé"): its number is the number of the policy
 * it is attributed to, so it covers that policy's members.
 */
public record Voucher(String number, Status status) {

  /** A voucher's life: issued (New), attributed to a beneficiary (Used), or cancelled. */
  public enum Status {
    NEW("New"),
    USED("Used"),
    CANCEL("Cancel");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }

    /**
     * Reads a status case-insensitively ("new", "USED", "Cancel").
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    @JsonCreator
    public static Status of(String text) {
      for (Status s : values()) {
        if (s.label.toLowerCase(Locale.ROOT).equals(text == null ? null : text.trim().toLowerCase(Locale.ROOT))) {
          return s;
        }
      }
      throw new IllegalArgumentException("status must be New, Used or Cancel, was " + text);
    }
  }
}

package io.arbiter.population;

import java.util.Locale;
import java.util.Optional;

/** The formats a population import reads (see {@link PopulationImport}). */
public enum ImportFormat {
  /**
   * One JSON object a line, with a {@code type} ({@code family}, {@code insuree}, {@code policy},
   * {@code membership}) and the record's fields named as in a scheme document.
   */
  NDJSON("application/x-ndjson", ".ndjson", ".jsonl"),
  /**
   * A header row naming the columns, then one row per insuree and policy that creates the family,
   * the insuree, the policy and the membership at once.
   */
  CSV("text/csv", ".csv");

  private final String mediaType;
  private final String[] extensions;

  ImportFormat(String mediaType, String... extensions) {
    this.mediaType = mediaType;
    this.extensions = extensions;
  }

  /** The media type that announces this format on HTTP. */
  public String mediaType() {
    return mediaType;
  }

  /**
   * The format a Content-Type header announces: {@code application/x-ndjson} or {@code text/csv},
   * in any case, with any parameters except a charset other than UTF-8 (the only one read).
   *
   * @param contentType the header's value; null gives empty
   */
  public static Optional<ImportFormat> ofMediaType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String[] parts = contentType.split(";");
    String type = parts[0].trim().toLowerCase(Locale.ROOT);
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].split("=", 2);
      if (parameter[0].trim().equalsIgnoreCase("charset") && (parameter.length < 2
          || !parameter[1].trim().replace("\"", "").equalsIgnoreCase("utf-8"))) {
        return Optional.empty();
      }
    }
    for (ImportFormat format : values()) {
      if (format.mediaType.equals(type)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /**
   * The format a file name's extension announces, in any case: {@code .ndjson} or {@code .jsonl},
   * or {@code .csv}.
   *
   * @param fileName not null
   */
  public static Optional<ImportFormat> ofFileName(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    for (ImportFormat format : values()) {
      for (String extension : format.extensions) {
        if (name.endsWith(extension)) {
          return Optional.of(format);
        }
      }
    }
    return Optional.empty();
  }
}

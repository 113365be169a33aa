package io.arbiter.engine;

import io.arbiter.json.Json;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSnapshot;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The scheme an {@link Arbiter} adjudicates against ({@code arbiter.scheme().summary()}): read its summary,
 * or swap it whole. Thread-safe.
 */
public final class CurrentScheme {
  private final EngineState state;

  CurrentScheme(EngineState state) {
    this.state = state;
  }

  /**
   * Replaces the whole scheme atomically and saves it as a new version; adjudications in flight
   * finish on the old one.
   *
   * @throws io.arbiter.scheme.SchemeException listing every problem; the old scheme stays
   */
  public SchemeSummary replace(SchemeDocument document) {
    SchemeSnapshot snapshot = SchemeSnapshot.of(document, contentHash(document));
    state.store.saveScheme(document, snapshot);
    state.scheme.set(snapshot);
    return summary();
  }

  /** The current scheme's name, version, load time, settings, counts and warnings. */
  public SchemeSummary summary() {
    SchemeSnapshot s = state.scheme.get();
    return new SchemeSummary(s.document().name(), s.version(), s.loadedAt(), s.settings(), s.counts(), s.warnings());
  }

  private static String contentHash(SchemeDocument document) {
    try {
      byte[] json = Json.mapper().writeValueAsBytes(document);
      return "scheme-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json)).substring(0, 12);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot hash the scheme", e);
    }
  }
}

package io.arbiter.store;

import io.arbiter.scheme.SchemeDocument;
import java.time.Instant;

/** A scheme version as kept by a store: its version label, when it was loaded, and the document. */
public record SavedScheme(String version, Instant loadedAt, SchemeDocument document) {}

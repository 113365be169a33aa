package io.arbiter.engine;

import io.arbiter.scheme.SchemeSettings;
import java.time.Instant;
import java.util.Map;

/** What {@code GET /v1/scheme} shows: the loaded scheme's version, time, settings and row counts. */
public record SchemeSummary(String name, String version, Instant loadedAt, SchemeSettings settings,
    Map<String, Integer> counts) {}

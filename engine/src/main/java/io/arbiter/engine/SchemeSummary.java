package io.arbiter.engine;

import io.arbiter.scheme.SchemeProblem;
import io.arbiter.scheme.SchemeSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /v1/scheme} shows: the loaded scheme's version, time, settings, row counts, and
 * the warnings of its loading (e.g. masks normalised).
 */
public record SchemeSummary(String name, String version, Instant loadedAt, SchemeSettings settings,
    Map<String, Integer> counts, List<SchemeProblem> warnings) {}

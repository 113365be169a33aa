package io.arbiter.api;

import java.time.Instant;

/**
 * The body of {@code POST /v1/openimis-imports} (see openapi.yaml). Public because
 * {@link io.arbiter.engine.JsonInput} reads its components reflectively from another package.
 *
 * @param from the openIMIS database's JDBC URL
 * @param user its user (null: none)
 * @param password its password (null: none); never shown or audited
 * @param name the scheme's name (null: openIMIS)
 * @param since null for a full import, else the watermark of an earlier one
 */
public record OpenImisImportRequest(String from, String user, String password, String name, Instant since) {}

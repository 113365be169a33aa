package io.arbiter.openimis;

import java.time.Instant;

/**
 * What an {@link OpenImisSession} reads: an immutable value.
 *
 * @param url the openIMIS database's JDBC URL (PostgreSQL, or SQL Server with its driver on the class path)
 * @param user the database user (null: none given; read access suffices)
 * @param password the password (null: none given)
 * @param schemeName the name the scheme document gets
 * @param since null for a full import; else an incremental refresh of the population rows changed
 *     after it (see {@link OpenImisImport#since})
 */
public record OpenImisOptions(String url, String user, String password, String schemeName, Instant since) {}

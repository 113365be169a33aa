package io.arbiter.access;

import java.time.Instant;

/**
 * One change, as the audit trail keeps it.
 *
 * @param id position in the trail (increasing)
 * @param at when it was recorded
 * @param actorId the key's id (or {@code cli:<user>})
 * @param actorName the key's name
 * @param action what was done, e.g. {@code scheme.replace}, {@code model.activate}, {@code key.revoke}
 * @param target what it was done to: a claim code, a model id, a key id… (may be null)
 * @param beforeHash SHA-256 (hex) or id of the state before; null when there was none
 * @param afterHash SHA-256 (hex) or id of the state after; null when there is none
 */
public record AuditEntry(long id, Instant at, String actorId, String actorName, String action, String target,
    String beforeHash, String afterHash) {}

package io.arbiter.store.jdbc;

import io.arbiter.ledger.ClaimUsage;
import io.arbiter.store.StoredClaim;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What one family's unit of work wrote, kept in memory until its group commits (see
 * {@link GroupCommitter}): per claim its final row, the events in order, per ledger entry its final
 * state, and the family's new usage version. A claim written twice in one unit is written once, as
 * it ends. Not thread-safe: filled by the unit's thread, read by the committer once handed over.
 */
final class UnitWrites {
  /** A claim's row as the unit leaves it; {@code inserted} when the unit created it. */
  record ClaimRow(StoredClaim claim, String decisionJson, Timestamp createdAt, Timestamp updatedAt,
      boolean inserted) {}

  /** One appended event with the decision it recorded. */
  record EventRow(String code, Timestamp at, String event, int status, String decisionJson) {}

  private final String familyId;
  private final Map<String, ClaimRow> claims = new LinkedHashMap<>();
  private final List<EventRow> events = new ArrayList<>();
  /** Ledger entries by claim code; an empty value removes the entry. */
  private final Map<String, Optional<ClaimUsage>> ledger = new LinkedHashMap<>();
  private final List<String> reservedCodes = new ArrayList<>();
  private long usageVersion = -1;
  /** Completes when the unit's group is durable, exceptionally when it is not. */
  final CompletableFuture<Void> durable = new CompletableFuture<>();
  /** Completes when the unit is over, whatever its outcome: its reserved codes are free again. */
  final CompletableFuture<Void> settled = new CompletableFuture<>();

  UnitWrites(String familyId) {
    this.familyId = familyId;
  }

  String familyId() {
    return familyId;
  }

  /** The claim as this unit left it, if the unit wrote it. */
  Optional<StoredClaim> claim(String code) {
    return Optional.ofNullable(claims.get(code)).map(ClaimRow::claim);
  }

  boolean wroteClaim(String code) {
    return claims.containsKey(code);
  }

  void insert(StoredClaim claim, String event, Timestamp at) {
    String json = Sql.json(claim.decision());
    claims.put(claim.claim().code(), new ClaimRow(claim, json, at, at, true));
    events.add(new EventRow(claim.claim().code(), at, event, claim.decision().status().code(), json));
  }

  void update(StoredClaim claim, String event, Timestamp at) {
    String code = claim.claim().code();
    String json = Sql.json(claim.decision());
    ClaimRow before = claims.get(code);
    claims.put(code, before == null ? new ClaimRow(claim, json, at, at, false)
        : new ClaimRow(claim, json, before.createdAt(), at, before.inserted()));
    events.add(new EventRow(code, at, event, claim.decision().status().code(), json));
  }

  void book(ClaimUsage usage) {
    ledger.put(usage.claimCode(), Optional.of(usage));
  }

  void remove(String claimCode) {
    ledger.put(claimCode, Optional.empty());
  }

  void usageVersion(long version) {
    this.usageVersion = version;
  }

  void reserved(String code) {
    reservedCodes.add(code);
  }

  List<String> reservedCodes() {
    return reservedCodes;
  }

  boolean isEmpty() {
    return claims.isEmpty() && ledger.isEmpty();
  }

  Iterable<ClaimRow> claims() {
    return claims.values();
  }

  List<EventRow> events() {
    return events;
  }

  Map<String, Optional<ClaimUsage>> ledger() {
    return ledger;
  }

  /** The family's new usage version, or -1 when the unit booked nothing. */
  long usageVersion() {
    return usageVersion;
  }
}

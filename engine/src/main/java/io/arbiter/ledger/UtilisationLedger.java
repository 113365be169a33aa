package io.arbiter.ledger;

import io.arbiter.scheme.LineKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What an insuree and a policy have used so far, kept per adjudicated claim so that the counters
 * that rules and valuation need are read without scanning claims (docs/adjudication.md §7). Entries are
 * provisional when a claim is checked, final when processed, and removed when a claim is rejected.
 *
 * <p>Implementations are thread-safe. Callers serialise adjudications of one insuree, so that a
 * read followed by a {@link #book} sees no interleaved booking for that insuree.
 */
public interface UtilisationLedger {

  /**
   * The passed provision of {@code code} nearest to {@code date} (earlier or later) on the
   * insuree's booked claims, or empty.
   */
  Optional<Provision> nearestProvision(String chfId, LineKind kind, String code, LocalDate date);

  /**
   * The latest passed provision of {@code code} on or before {@code date} on the insuree's booked
   * claims, or empty (history as of a date, for risk features).
   */
  Optional<Provision> lastProvision(String chfId, LineKind kind, String code, LocalDate date);

  /** Σ quantity of {@code code} on the insuree's booked claims with target date in [from, to]. */
  BigDecimal providedQuantity(String chfId, LineKind kind, String code, LocalDate from, LocalDate to);

  /** Number of the insuree's booked claims of {@code category} with target date in [from, to]. */
  int claimsInCategory(String chfId, String category, LocalDate from, LocalDate to);

  /** Totals over every booked claim of a policy. */
  Totals policyTotals(String policyId);

  /** Totals over the insuree's booked claims of a policy. */
  Totals insureeTotals(String policyId, String chfId);

  /** Totals over the processed (final) claims of a policy; the rest of {@link #policyTotals} is provisional. */
  Totals finalPolicyTotals(String policyId);

  /** Totals over the insuree's processed (final) claims of a policy. */
  Totals finalInsureeTotals(String policyId, String chfId);

  /** Books a claim's usage, replacing any earlier entry of the same claim. */
  void book(ClaimUsage usage);

  /** Removes a claim's entry (claim rejected or withdrawn); no-op when absent. */
  void remove(String claimCode);

  /** The entry booked for a claim, if any. */
  Optional<ClaimUsage> usage(String claimCode);
}

package io.arbiter.store;

import io.arbiter.review.ClaimFilter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Claims with their history and the utilisation ledger, as the adjudication pipeline (submit,
 * review, process) and the training export use them; and how the adjudications of one family
 * (whose members share policy deductibles and ceilings) are serialised. Implementations are
 * thread-safe: families run in parallel.
 */
public interface ClaimStore {

  /**
   * Runs {@code work} holding the family's lock, in one transaction that commits when the work
   * returns and rolls back when it throws. Another call for the same family (from this process or,
   * for a shared database, another one) waits.
   */
  <T> T inFamily(String familyId, Function<Tx, T> work);

  /** The claim's latest committed state. */
  Optional<StoredClaim> claim(String code);

  /**
   * The claim's latest committed state with its own ledger entry, both as of the same commit (a
   * database store reads them in one snapshot), so the entry is provisional for a checked claim and
   * final for a processed one. Empty exactly when {@link #claim} is.
   *
   * @throws StoreException when the database fails
   */
  Optional<BookedClaim> bookedClaim(String code);

  /** Every state change of a claim, oldest first; empty if the claim does not exist. */
  List<ClaimEvent> history(String code);

  /**
   * Every claim the filter passes, by code. A database store reads the candidates by status and
   * filters the rest as it reads, so the cost grows with the claims of those statuses; meant for
   * review selection and sampling, not for a request per claim.
   *
   * @throws StoreException when the database fails
   */
  List<StoredClaim> claims(ClaimFilter filter);

  /**
   * Hands {@code each} every claim first submitted at or after {@code since} (inclusive), with its
   * whole history, in submission order (claims submitted at the same instant by code). Claims
   * submitted while this runs may or may not be seen. A database store streams the claims, so
   * memory does not grow with their number; {@code each} runs on the calling thread and should not
   * call back into the store for long.
   *
   * @param since an instant (the submission's {@link ClaimEvent#at()}); not null
   * @throws StoreException when the database fails; the claims handed out before stay handed out
   */
  void claimsSubmittedSince(Instant since, Consumer<ClaimHistory> each);
}

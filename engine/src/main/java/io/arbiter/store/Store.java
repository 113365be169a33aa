package io.arbiter.store;

import io.arbiter.review.BatchSummary;
import io.arbiter.review.ClaimFilter;
import io.arbiter.review.SamplingBatch;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where Arbiter keeps claims with their history, the utilisation ledger, scheme versions and the
 * insured population, and how it serialises the adjudications of one family (whose members share
 * policy deductibles and ceilings). Implementations are thread-safe: families run in parallel.
 */
public interface Store extends AutoCloseable {

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
   * final for a processed one.
   *
   * <p>This default throws {@link UnsupportedOperationException}, so that a store written before the
   * entry was shown still compiles; {@link MemoryStore} and {@link JdbcStore} implement it.
   *
   * @throws StoreException when the database fails
   */
  default Optional<BookedClaim> bookedClaim(String code) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " does not show ledger entries");
  }

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
   * Keeps a sampling batch: a new one with its claims, or a later state of one already kept (its
   * claims unchanged). A claim belongs to one batch at most, also across instances sharing a
   * database.
   *
   * @return the codes of the batch's claims that already belong to another batch; when not empty,
   *     nothing was kept
   * @throws StoreException when the database fails
   */
  Set<String> saveBatch(SamplingBatch batch);

  /** A sampling batch's latest state, if it exists. */
  Optional<SamplingBatch> batch(String id);

  /**
   * The most recent sampling batches, newest first (ties by id), without their claims.
   *
   * <p>This default throws {@link UnsupportedOperationException}, so that a store written before
   * the list existed still compiles; {@link MemoryStore} and {@link JdbcStore} implement it.
   *
   * @param limit the most batches to return, at least 1
   * @throws IllegalArgumentException when limit is below 1
   * @throws StoreException when the database fails
   */
  default List<BatchSummary> recentBatches(int limit) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no sampling batches");
  }

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

  /**
   * A page of the claims awaiting review (see {@link ReviewQueueFilter} for which ones), by risk
   * score descending with unscored claims last, ties by claim code, so pages do not overlap while
   * the queue is unchanged. A durable store answers from indexed columns, not by reading every
   * claim.
   *
   * <p>This default throws {@link UnsupportedOperationException}, so that a store written before
   * the queue existed still compiles; {@link MemoryStore} and {@link JdbcStore} implement it.
   *
   * @param filter which claims; {@link ReviewQueueFilter#ALL} for all
   * @param offset how many claims of the ordered queue to skip, at least 0
   * @param limit the most claims to return, at least 1
   * @return the page, with the number of claims in the whole filtered queue
   * @throws IllegalArgumentException when offset or limit is out of range
   * @throws StoreException when the database fails
   */
  default ReviewQueuePage reviewQueue(ReviewQueueFilter filter, int offset, int limit) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no review queue");
  }

  /**
   * Keeps a new scheme version (and the population it carries, if any).
   *
   * @param scheme the validated snapshot of {@code document}
   */
  void saveScheme(SchemeDocument document, SchemeSnapshot scheme);

  /** The latest saved scheme, without its population; empty for a new store. */
  Optional<SavedScheme> latestScheme();

  /** The population adjudications read: the scheme's own, or the store's. */
  Population population(SchemeSnapshot scheme);

  /**
   * Adds or replaces families, insurees, policies and memberships read from NDJSON or CSV (see
   * {@link ImportFormat}), streaming: rows are read, checked and written in batches, one
   * transaction each, so memory does not grow with the input. A row is rejected, with its line,
   * field and reason, when a field is missing or malformed or when it refers to a family, insuree or
   * policy that is neither earlier in the input nor in the store, or to a product not in
   * {@code products}; the other rows are imported all the same. Imports run one at a time;
   * adjudications go on meanwhile and see the new rows once the import returns.
   *
   * <p>An import is not atomic: when it fails midway, the batches before stay. Importing the same
   * input again replaces the rows with themselves.
   *
   * <p>This default throws {@link UnsupportedOperationException}: a store that adjudicates against
   * the scheme's own population (such as {@link MemoryStore}) has none of its own to import into.
   *
   * @param in the input, read to its end and not closed
   * @param products the product codes a policy may name: the current scheme's
   * @param listener told of the progress after each batch
   * @return what was read, imported and rejected, with the first problems
   * @throws ImportException when the input cannot be read at all (empty, a CSV header Arbiter does
   *     not read, not one readable row); nothing was imported
   * @throws IOException when reading {@code in} fails
   * @throws StoreException when the database fails
   * @throws UnsupportedOperationException when the store has no population of its own
   */
  default ImportSummary importPopulation(InputStream in, ImportFormat format, Set<String> products,
      ImportListener listener) throws IOException {
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + " adjudicates against the scheme's own population and cannot import one");
  }

  /**
   * Adds vouchers read from CSV ({@code number,status}) or updates their status, except that a
   * Used voucher is never set back. Rows in bad form are reported, not fatal; the good ones commit
   * together. The summary counts the rows that changed the register apart from those that changed
   * nothing (a re-run of the same file imports 0). This default throws {@link UnsupportedOperationException}: a store that reads the
   * scheme's own population has no register of its own.
   *
   * @param numberFormat what a voucher number must look like
   * @throws ImportException when the header lacks {@code number} or {@code status}
   */
  default VoucherImportSummary importVouchers(java.io.Reader csv, java.util.regex.Pattern numberFormat)
      throws java.io.IOException {
    throw new UnsupportedOperationException("vouchers can only be imported into a database store");
  }

  /**
   * Whether the database answers (readiness). Blocks for up to about {@code timeout}, or longer
   * while the pool waits for a connection: call it off the event loop. This default, for stores
   * without a database, says yes.
   */
  default boolean reachable(java.time.Duration timeout) {
    return true;
  }

  @Override
  void close();
}

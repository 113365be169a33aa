package io.arbiter.simulate;

import io.arbiter.ledger.InMemoryLedger;
import io.arbiter.ledger.UtilisationLedger;
import io.arbiter.review.ClaimFilter;
import io.arbiter.store.BookedClaim;
import io.arbiter.store.ClaimEvent;
import io.arbiter.store.ClaimHistory;
import io.arbiter.store.FamilyLocks;
import io.arbiter.store.InProcessStore;
import io.arbiter.store.Store;
import io.arbiter.store.StoredClaim;
import io.arbiter.store.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/*
 * Why a store that forgets claims: the simulator (to the training file) and `arbiter adjudicate
 * --batch` (to its output) write every decision out as it is made and never read a claim back,
 * while a MemoryStore would keep each claim, decision and event (kilobytes a claim) for the life
 * of the run. Only the utilisation ledger must stay whole,
 * because the rules (frequency, limits, ceilings) read the insuree's history; its cost is one
 * ClaimUsage a checked claim.
 */

/**
 * A {@link Store} that keeps the utilisation ledger and the scheme, and no claims: what the
 * simulator and {@code arbiter adjudicate --batch} need, in memory that grows with the checked
 * claims' usage only. Thread-safe: work on one family is serialised, as in any store. As it keeps
 * no claims, it cannot tell a claim submitted again from a new one: each submission is decided and
 * booked.
 */
public final class LedgerOnlyStore extends InProcessStore {
  // A ledger per family, as the durable stores keep them: lanes working on different families
  // never contend for one ledger's lock.
  private final Map<String, InMemoryLedger> ledgers = new ConcurrentHashMap<>();
  private final FamilyLocks locks = new FamilyLocks();

  /** The ledger of a family (empty until its first booking). */
  UtilisationLedger ledger(String familyId) {
    return ledgers.computeIfAbsent(familyId, f -> new InMemoryLedger());
  }

  @Override
  public <T> T inFamily(String familyId, Function<Tx, T> work) {
    ReentrantLock lock = locks.of(familyId);
    lock.lock();
    try {
      return inTx(ledger(familyId), work);
    } finally {
      lock.unlock();
    }
  }

  private <T> T inTx(UtilisationLedger ledger, Function<Tx, T> work) {
    return work.apply(new Tx() {
      @Override
      public UtilisationLedger ledger() {
        return ledger;
      }

      @Override
      public Optional<StoredClaim> claim(String code) {
        return Optional.empty();
      }

      @Override
      public boolean insert(StoredClaim claim, String event) {
        return true;
      }

      @Override
      public void update(StoredClaim claim, String event) {
        // claims are not kept
      }
    });
  }

  @Override
  public Optional<StoredClaim> claim(String code) {
    return Optional.empty();
  }

  @Override
  public Optional<BookedClaim> bookedClaim(String code) {
    return Optional.empty();
  }

  @Override
  public List<ClaimEvent> history(String code) {
    return List.of();
  }

  @Override
  public void claimsSubmittedSince(Instant since, Consumer<ClaimHistory> each) {
    // claims are not kept
  }

  @Override
  public List<StoredClaim> claims(ClaimFilter filter) {
    return List.of();
  }
}

package io.arbiter.store;

import io.arbiter.ledger.InMemoryLedger;
import io.arbiter.ledger.UtilisationLedger;
import io.arbiter.review.BatchSummary;
import io.arbiter.review.ClaimFilter;
import io.arbiter.review.SamplingBatch;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link Store} in memory: nothing survives the process. For tests, the offline CLI and
 * benchmarks. Work is not rolled back when it throws, so callers write only after deciding.
 */
public final class MemoryStore extends InProcessStore implements ReviewQueueStore, SamplingStore {
  private final FamilyLocks locks = new FamilyLocks();
  private final InMemoryLedger ledger = new InMemoryLedger();
  private final Map<String, StoredClaim> claims = new ConcurrentHashMap<>();
  private final Map<String, List<ClaimEvent>> events = new ConcurrentHashMap<>();
  private final Map<String, String> familyOfClaim = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Map<String, SamplingBatch> batches = new HashMap<>();
  // Concurrent: saveBatch checks and writes it under the store's lock, the queue reads it without.
  private final Map<String, String> batchOfClaim = new ConcurrentHashMap<>();

  public MemoryStore() {
    this(Clock.systemUTC());
  }

  public MemoryStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public <T> T inFamily(String familyId, Function<Tx, T> work) {
    ReentrantLock lock = locks.of(familyId);
    lock.lock();
    try {
      return work.apply(new MemoryTx(familyId));
    } finally {
      lock.unlock();
    }
  }

  private final class MemoryTx implements Tx {
    private final String familyId;

    MemoryTx(String familyId) {
      this.familyId = familyId;
    }

    @Override
    public UtilisationLedger ledger() {
      return ledger;
    }

    @Override
    public Optional<StoredClaim> claim(String code) {
      return MemoryStore.this.claim(code);
    }

    @Override
    public boolean insert(StoredClaim claim, String event) {
      if (claims.putIfAbsent(claim.claim().code(), claim) != null) {
        return false;
      }
      familyOfClaim.put(claim.claim().code(), familyId);
      record(claim, event);
      return true;
    }

    @Override
    public void update(StoredClaim claim, String event) {
      claims.put(claim.claim().code(), claim);
      record(claim, event);
    }

    private void record(StoredClaim claim, String event) {
      events.computeIfAbsent(claim.claim().code(), c -> new CopyOnWriteArrayList<>())
          .add(new ClaimEvent(clock.instant(), event, claim.decision()));
    }
  }

  @Override
  public Optional<StoredClaim> claim(String code) {
    return Optional.ofNullable(claims.get(code));
  }

  /** Reads the claim and its entry under the claim's family lock, so no booking falls between. */
  @Override
  public Optional<BookedClaim> bookedClaim(String code) {
    String familyId = familyOfClaim.get(code);
    return familyId == null ? Optional.empty() : inFamily(familyId, tx ->
        claim(code).map(stored -> new BookedClaim(stored, ledger.usage(code).orElse(null))));
  }

  @Override
  public List<ClaimEvent> history(String code) {
    return new ArrayList<>(events.getOrDefault(code, List.of()));
  }

  /** Sorts the matching claims first, so memory grows with their number (it is all in memory anyway). */
  @Override
  public void claimsSubmittedSince(Instant since, Consumer<ClaimHistory> each) {
    Objects.requireNonNull(since, "since");
    List<ClaimHistory> found = new ArrayList<>();
    for (Map.Entry<String, List<ClaimEvent>> e : events.entrySet()) {
      List<ClaimEvent> history = List.copyOf(e.getValue());
      StoredClaim stored = claims.get(e.getKey());
      if (stored != null && !history.isEmpty() && !history.get(0).at().isBefore(since)) {
        found.add(new ClaimHistory(stored.claim(), history));
      }
    }
    found.sort(Comparator.comparing((ClaimHistory h) -> h.events().get(0).at())
        .thenComparing(h -> h.claim().code()));
    found.forEach(each);
  }

  @Override
  public List<StoredClaim> claims(ClaimFilter filter) {
    return claims.values().stream().filter(c -> filter.test(c.claim(), c.decision()))
        .sorted(Comparator.comparing(c -> c.claim().code())).toList();
  }

  @Override
  public synchronized Set<String> saveBatch(SamplingBatch batch) {
    if (!batches.containsKey(batch.id())) {
      Set<String> taken = new TreeSet<>();
      batch.claims().stream().map(SamplingBatch.Member::code).filter(batchOfClaim::containsKey).forEach(taken::add);
      if (!taken.isEmpty()) {
        return taken;
      }
      batch.claims().forEach(m -> batchOfClaim.put(m.code(), batch.id()));
    }
    batches.put(batch.id(), batch);
    return Set.of();
  }

  @Override
  public synchronized Optional<SamplingBatch> batch(String id) {
    return Optional.ofNullable(batches.get(id));
  }

  @Override
  public synchronized List<BatchSummary> recentBatches(int limit) {
    ReviewQueueStore.checkPage(0, limit);
    return batches.values().stream()
        .sorted(Comparator.comparing(SamplingBatch::createdAt).reversed().thenComparing(SamplingBatch::id))
        .limit(limit)
        .map(b -> new BatchSummary(b.id(), b.createdAt(), b.claims().size()))
        .toList();
  }

  /** Filters and sorts every claim in memory: fine at the sizes a memory store holds. */
  @Override
  public ReviewQueuePage reviewQueue(ReviewQueueFilter filter, int offset, int limit) {
    ReviewQueueStore.checkPage(offset, limit);
    List<StoredClaim> queue = claims.values().stream()
        .filter(c -> filter.matches(c, batchOfClaim.get(c.claim().code())))
        .sorted(ReviewQueueOrder.ORDER).toList();
    return new ReviewQueuePage(queue.size(),
        queue.subList(Math.min(offset, queue.size()), (int) Math.min((long) offset + limit, queue.size())));
  }
}

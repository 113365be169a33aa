package io.arbiter.store;

import io.arbiter.scheme.Population;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSnapshot;
import java.time.Duration;
import java.util.Optional;

/**
 * What every store without a database shares: the latest scheme kept in the process, the
 * population read from the scheme itself, always reachable, nothing to release. Subclasses keep
 * claims and ledgers as they need ({@link MemoryStore}, the simulator's ledger-only store).
 * Thread-safe for these methods.
 */
public abstract class InProcessStore implements Store {
  private volatile SavedScheme latest;

  @Override
  public void saveScheme(SchemeDocument document, SchemeSnapshot scheme) {
    latest = new SavedScheme(scheme.version(), scheme.loadedAt(), document);
  }

  @Override
  public Optional<SavedScheme> latestScheme() {
    return Optional.ofNullable(latest);
  }

  /** The scheme's own population: an in-process store imports none. */
  @Override
  public Population population(SchemeSnapshot scheme) {
    return scheme;
  }

  /** Always: there is no database. */
  @Override
  public boolean reachable(Duration timeout) {
    return true;
  }

  @Override
  public void close() {
    // nothing to release
  }
}

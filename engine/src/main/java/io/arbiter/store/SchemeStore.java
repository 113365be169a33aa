package io.arbiter.store;

import io.arbiter.scheme.Population;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSnapshot;
import java.util.Optional;

/** Scheme versions and the population adjudications read, as the scheme swap and start-up use them. */
public interface SchemeStore {

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
}

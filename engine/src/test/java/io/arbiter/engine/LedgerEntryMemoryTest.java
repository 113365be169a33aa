package io.arbiter.engine;

import io.arbiter.store.MemoryStore;
import org.junit.jupiter.api.Test;

/** A claim's ledger entry read back from the in-memory store (see {@link LedgerEntryScenario}). */
class LedgerEntryMemoryTest {
  @Test
  void claimWithLedger_showsTheClaimsOwnEntryProvisionalThenFinal() {
    LedgerEntryScenario.run(new MemoryStore());
  }
}

package io.arbiter.engine;

import io.arbiter.store.MemoryStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export round trip on the in-memory store (the JDBC stores run it in {@link StoreContractTest}). */
class TrainingExportMemoryTest {
  @Test
  void claimsSubmittedSince_exportsFromTheBoundaryInSubmissionOrder(@TempDir Path dir) throws Exception {
    ExportScenario clock = new ExportScenario();
    try (MemoryStore store = new MemoryStore(clock)) {
      clock.run(store, dir);
    }
  }
}

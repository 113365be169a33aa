package io.arbiter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.ReviewStatus;
import io.arbiter.json.Json;
import io.arbiter.store.ReviewQueueFilter;
import io.arbiter.store.ReviewQueueContractTest;
import io.arbiter.store.Store;
import io.arbiter.store.StoredClaim;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review queue contract on an H2 file database, and the migration of claims stored before it. */
class ReviewQueueH2Test extends ReviewQueueContractTest {
  @TempDir
  Path dir;

  private String url() {
    return JdbcStoreOptions.h2File(dir.resolve("arbiter").toString());
  }

  @Override
  protected Store open() {
    return JdbcStore.open(new JdbcStoreOptions().setUrl(url()));
  }

  @Test
  void migration_fillsTheQueueColumnsOfClaimsStoredBefore() throws Exception {
    Flyway.configure().dataSource(url(), "", "").locations("classpath:db/migration").target("3").load().migrate();
    StoredClaim old = stored("OLD-1", ClaimStatus.CHECKED, ReviewStatus.IDLE, band("review", 0.8), "HF2", "2026-06-01");
    try (Connection c = DriverManager.getConnection(url(), "", "");
        PreparedStatement p = c.prepareStatement("INSERT INTO claim (code, chf_id, family_id, status, request,"
            + " decision, created_at, updated_at) VALUES (?, '111', 'F1', 4, ?, ?, ?, ?)")) {
      Timestamp now = Timestamp.from(Instant.parse("2026-06-02T10:00:00Z"));
      p.setString(1, "OLD-1");
      p.setString(2, Json.mapper().writeValueAsString(old.claim()));
      p.setString(3, Json.mapper().writeValueAsString(old.decision()));
      p.setTimestamp(4, now);
      p.setTimestamp(5, now);
      p.executeUpdate();
    }
    try (Store store = open()) {
      ReviewQueueFilter filter = new ReviewQueueFilter("HF2", LocalDate.parse("2026-06-01"),
          LocalDate.parse("2026-06-01"), "review");
      assertThat(store.reviewQueueStore().orElseThrow().reviewQueue(filter, 0, 10).claims()).containsExactly(old);
    }
  }
}

package io.arbiter.store.jdbc;

import io.arbiter.review.BatchSummary;
import io.arbiter.review.SamplingBatch;
import io.arbiter.store.ReviewQueueStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/** The store's sampling batches (tables sampling_batch and sampling_claim). Thread-safe. */
final class JdbcBatches {
  /** SQLSTATE of a unique or primary key violation, on H2 as on PostgreSQL. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource ds;

  JdbcBatches(DataSource ds) {
    this.ds = ds;
  }

  Set<String> saveBatch(SamplingBatch batch) {
    return Sql.withConnection(ds, c -> {
      try {
        return Sql.inTransaction(c, tx -> save(tx, batch));
      } catch (SQLException e) {
        // Another instance put one of the claims in its batch since we looked: say which.
        if (UNIQUE_VIOLATION.equals(e.getSQLState()) || e.getNextException() != null
            && UNIQUE_VIOLATION.equals(e.getNextException().getSQLState())) {
          c.setAutoCommit(true);
          return batched(c, batch);
        }
        throw e;
      }
    });
  }

  /** Updates a kept batch, or inserts a new one unless some of its claims are taken (then nothing is written). */
  private static Set<String> save(Connection c, SamplingBatch batch) throws SQLException {
    if (Sql.update(c, "UPDATE sampling_batch SET document = ? WHERE id = ?", Sql.json(batch), batch.id()) > 0) {
      return Set.of();
    }
    Set<String> taken = batched(c, batch);
    if (!taken.isEmpty()) {
      return taken;
    }
    Sql.update(c, "INSERT INTO sampling_batch (id, created_at, document) VALUES (?, ?, ?)", batch.id(),
        Timestamp.from(batch.createdAt()), Sql.json(batch));
    try (PreparedStatement p = c.prepareStatement("INSERT INTO sampling_claim (claim_code, batch_id) VALUES (?, ?)")) {
      for (SamplingBatch.Member m : batch.claims()) {
        Sql.bind(p, m.code(), batch.id());
        p.addBatch();
      }
      p.executeBatch();
    }
    return Set.of();
  }

  /** The batch's claims that some batch already holds. */
  private static Set<String> batched(Connection c, SamplingBatch batch) throws SQLException {
    Set<String> taken = new TreeSet<>();
    List<SamplingBatch.Member> members = batch.claims();
    int chunk = 500;
    for (int from = 0; from < members.size(); from += chunk) {
      List<SamplingBatch.Member> part = members.subList(from, Math.min(members.size(), from + chunk));
      try (PreparedStatement p = c.prepareStatement("SELECT claim_code FROM sampling_claim WHERE claim_code IN ("
          + String.join(", ", Collections.nCopies(part.size(), "?")) + ")")) {
        Sql.bind(p, part.stream().map(SamplingBatch.Member::code).toArray());
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            taken.add(r.getString(1));
          }
        }
      }
    }
    return taken;
  }

  Optional<SamplingBatch> batch(String id) {
    return Sql.withConnection(ds, c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT document FROM sampling_batch WHERE id = ?")) {
        p.setString(1, id);
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? Optional.of(Sql.parse(r.getString(1), SamplingBatch.class)) : Optional.empty();
        }
      }
    });
  }

  /** Counts the claims from sampling_claim, so the batches' documents are not read. */
  List<BatchSummary> recentBatches(int limit) {
    ReviewQueueStore.checkPage(0, limit);
    return Sql.withConnection(ds, c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT b.id, b.created_at,"
          + " (SELECT COUNT(*) FROM sampling_claim s WHERE s.batch_id = b.id)"
          + " FROM sampling_batch b ORDER BY b.created_at DESC, b.id LIMIT ?")) {
        p.setInt(1, limit);
        List<BatchSummary> found = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            found.add(new BatchSummary(r.getString(1), r.getTimestamp(2).toInstant(), r.getInt(3)));
          }
        }
        return found;
      }
    });
  }
}

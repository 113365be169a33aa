package io.arbiter.store.jdbc;

import io.arbiter.store.ReviewQueueFilter;
import io.arbiter.store.ReviewQueueStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The review queue as SQL over the claim table's queue columns (migration V6). It must agree with
 * {@link ReviewQueueFilter#awaitsReview} and with the order of the stores that sort in memory
 * (io.arbiter.store.ReviewQueueOrder): value at stake descending, then risk score descending (each
 * missing last), then code.
 */
final class ReviewQueueSql {
  private static final String AWAITING = "status = 4 AND (review_status = 4"
      + " OR (review_status = 1 AND risk_band IN ('review', 'reject')))";

  private ReviewQueueSql() {}

  /** Runs the count and the page on one connection; rows are read back as (request, decision) JSON. */
  static Rows run(Connection c, ReviewQueueFilter filter, int offset, int limit) throws SQLException {
    ReviewQueueStore.checkPage(offset, limit);
    StringBuilder where = new StringBuilder(" WHERE ").append(AWAITING);
    List<Object> args = new ArrayList<>();
    if (filter.healthFacility() != null) {
      where.append(" AND health_facility = ?");
      args.add(filter.healthFacility());
    }
    if (filter.claimedFrom() != null) {
      where.append(" AND date_claimed >= ?");
      args.add(filter.claimedFrom());
    }
    if (filter.claimedTo() != null) {
      where.append(" AND date_claimed <= ?");
      args.add(filter.claimedTo());
    }
    if (filter.band() != null) {
      where.append(" AND risk_band = ?");
      args.add(filter.band());
    }
    if (filter.batch() != null) {
      // sampling_claim's key is the claim, so this is one index lookup per candidate row.
      where.append(" AND EXISTS (SELECT 1 FROM sampling_claim s WHERE s.claim_code = claim.code AND s.batch_id = ?)");
      args.add(filter.batch());
    }
    long total;
    try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM claim" + where)) {
      Sql.bind(p, args.toArray());
      try (ResultSet r = p.executeQuery()) {
        r.next();
        total = r.getLong(1);
      }
    }
    List<String[]> rows = new ArrayList<>();
    if (total > offset) {
      try (PreparedStatement p = c.prepareStatement("SELECT request, decision FROM claim" + where
          + " ORDER BY risk_value DESC NULLS LAST, risk_score DESC NULLS LAST, code LIMIT ? OFFSET ?")) {
        args.add(limit);
        args.add(offset);
        Sql.bind(p, args.toArray());
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            rows.add(new String[] {r.getString(1), r.getString(2)});
          }
        }
      }
    }
    return new Rows(total, rows);
  }

  record Rows(long total, List<String[]> json) {}
}

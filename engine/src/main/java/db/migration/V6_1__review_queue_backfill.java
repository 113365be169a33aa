package db.migration;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.json.Json;
import io.arbiter.store.ReviewQueueFilter;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills the review-queue columns V6 added for the claims stored before it. In Java because the
 * values live in JSON documents, which H2 and PostgreSQL would read with different SQL. Only
 * checked claims (status 4) can await review; the others keep nulls, which no queue query
 * selects, until their next write.
 */
public final class V6_1__review_queue_backfill extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    try (PreparedStatement read = c.prepareStatement("SELECT request, decision FROM claim WHERE status = 4");
        PreparedStatement write = c.prepareStatement("UPDATE claim SET review_status = ?, risk_score = ?,"
            + " risk_band = ?, health_facility = ?, date_claimed = ? WHERE code = ?")) {
      read.setFetchSize(500);
      int batched = 0;
      try (ResultSet r = read.executeQuery()) {
        while (r.next()) {
          Claim claim = parse(r.getString(1), Claim.class);
          ClaimDecision d = parse(r.getString(2), ClaimDecision.class);
          write.setInt(1, d.reviewStatus().code());
          Double score = ReviewQueueFilter.score(d);
          if (score == null) {
            write.setNull(2, Types.DOUBLE);
          } else {
            write.setDouble(2, score);
          }
          write.setString(3, ReviewQueueFilter.band(d));
          write.setString(4, claim.healthFacility());
          write.setDate(5, claim.dateClaimed() == null ? null : Date.valueOf(claim.dateClaimed()));
          write.setString(6, claim.code());
          write.addBatch();
          if (++batched % 500 == 0) {
            write.executeBatch();
          }
        }
      }
      write.executeBatch();
    }
  }

  private static <T> T parse(String json, Class<T> type) throws IOException {
    return Json.mapper().readValue(json, type);
  }
}

package io.arbiter.store.jdbc;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.store.BookedClaim;
import io.arbiter.store.ClaimEvent;
import io.arbiter.review.ClaimFilter;
import io.arbiter.store.ClaimHistory;
import io.arbiter.store.ReviewQueueFilter;
import io.arbiter.store.ReviewQueuePage;
import io.arbiter.store.ReviewQueueStore;
import io.arbiter.store.StoredClaim;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** The store's reads of claims, their history and the review queue, each on a borrowed connection. Thread-safe. */
final class JdbcClaims {
  private final DataSource ds;

  JdbcClaims(DataSource ds) {
    this.ds = ds;
  }

  /** The claim's row as (request, decision), on {@code c}. */
  static Optional<StoredClaim> read(Connection c, String code) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT request, decision FROM claim WHERE code = ?")) {
      p.setString(1, code);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(stored(r.getString(1), r.getString(2))) : Optional.empty();
      }
    }
  }

  private static StoredClaim stored(String request, String decision) {
    return new StoredClaim(Sql.parse(request, Claim.class), Sql.parse(decision, ClaimDecision.class));
  }

  Optional<StoredClaim> claim(String code) {
    return Sql.withConnection(ds, c -> read(c, code));
  }

  /** One repeatable-read transaction, so that no commit falls between the claim and its entry. */
  Optional<BookedClaim> bookedClaim(String code) {
    return Sql.withConnection(ds, c -> {
      // The pool restores the isolation level and auto-commit when the connection comes back.
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      return Sql.readOnly(c, snapshot -> {
        Optional<StoredClaim> stored = read(snapshot, code);
        return stored.isEmpty() ? Optional.<BookedClaim>empty()
            : Optional.of(new BookedClaim(stored.get(), WriteThroughLedger.usage(snapshot, code).orElse(null)));
      });
    });
  }

  List<ClaimEvent> history(String code) {
    return Sql.withConnection(ds, c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT at, event, decision FROM claim_event WHERE claim_code = ? ORDER BY id")) {
        p.setString(1, code);
        List<ClaimEvent> events = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            events.add(new ClaimEvent(r.getTimestamp(1).toInstant(), r.getString(2),
                Sql.parse(r.getString(3), ClaimDecision.class)));
          }
        }
        return events;
      }
    });
  }

  /**
   * One query over claims and their events, read with a fetch size inside a read-only transaction
   * (PostgreSQL only streams a result set that way), grouped by claim as the rows arrive.
   */
  void claimsSubmittedSince(Instant since, Consumer<ClaimHistory> each) {
    Objects.requireNonNull(since, "since");
    Sql.withConnection(ds, c -> Sql.readOnly(c, streamed -> {
      try (PreparedStatement p = streamed.prepareStatement("SELECT c.code, c.request, e.at, e.event, e.decision"
          + " FROM claim c JOIN claim_event e ON e.claim_code = c.code WHERE c.created_at >= ?"
          + " ORDER BY c.created_at, c.code, e.id")) {
        p.setFetchSize(500);
        p.setTimestamp(1, Timestamp.from(since));
        try (ResultSet r = p.executeQuery()) {
          group(r, each);
        }
      }
      return null;
    }));
  }

  /** Hands {@code each} the claims of rows (code, request, at, event, decision) ordered by claim. */
  private static void group(ResultSet r, Consumer<ClaimHistory> each) throws SQLException {
    String code = null;
    Claim claim = null;
    List<ClaimEvent> events = new ArrayList<>();
    while (r.next()) {
      if (!r.getString(1).equals(code)) {
        if (claim != null) {
          each.accept(new ClaimHistory(claim, events));
        }
        code = r.getString(1);
        claim = Sql.parse(r.getString(2), Claim.class);
        events = new ArrayList<>();
      }
      events.add(new ClaimEvent(r.getTimestamp(3).toInstant(), r.getString(4),
          Sql.parse(r.getString(5), ClaimDecision.class)));
    }
    if (claim != null) {
      each.accept(new ClaimHistory(claim, events));
    }
  }

  List<StoredClaim> claims(ClaimFilter filter) {
    String marks = String.join(", ", Collections.nCopies(filter.statuses().size(), "?"));
    return Sql.withConnection(ds, c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT request, decision FROM claim WHERE status IN (" + marks + ") ORDER BY code")) {
        Sql.bind(p, filter.statuses().toArray());
        List<StoredClaim> found = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            StoredClaim stored = stored(r.getString(1), r.getString(2));
            if (filter.test(stored.claim(), stored.decision())) {
              found.add(stored);
            }
          }
        }
        return found;
      }
    });
  }

  /** A count and a page over the queue columns and their index (migration V6), on one connection. */
  ReviewQueuePage reviewQueue(ReviewQueueFilter filter, int offset, int limit) {
    ReviewQueueStore.checkPage(offset, limit);
    return Sql.withConnection(ds, c -> {
      ReviewQueueSql.Rows rows = ReviewQueueSql.run(c, filter, offset, limit);
      return new ReviewQueuePage(rows.total(), rows.json().stream().map(r -> stored(r[0], r[1])).toList());
    });
  }
}

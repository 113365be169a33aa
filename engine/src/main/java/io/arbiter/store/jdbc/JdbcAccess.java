package io.arbiter.store.jdbc;

import io.arbiter.store.StoreException;
import io.arbiter.access.Actor;
import io.arbiter.access.ApiKey;
import io.arbiter.access.AuditEntry;
import io.arbiter.access.AuditLog;
import io.arbiter.access.AuditPage;
import io.arbiter.access.AuditQuery;
import io.arbiter.access.IssuedKey;
import io.arbiter.access.KeyStore;
import io.arbiter.access.Role;
import io.arbiter.access.Tokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * API keys and the audit trail in the store's database (tables {@code api_key} and
 * {@code audit_entry}), shared by every instance on it. The audit table is only ever inserted into
 * and read. Thread-safe.
 */
final class JdbcAccess implements KeyStore, AuditLog {
  private final DataSource ds;
  private final Clock clock;

  JdbcAccess(DataSource ds, Clock clock) {
    this.ds = ds;
    this.clock = clock;
  }

  @Override
  public IssuedKey create(String name, Set<Role> roles) {
    Set<Role> checked = KeyStore.roles(roles);
    String id = Tokens.newId();
    String token = Tokens.create(id);
    ApiKey key = new ApiKey(id, name == null ? "" : name, checked, now(), null);
    sql(c -> Sql.update(c, "INSERT INTO api_key (id, name, roles, token_sha256, created_at) VALUES (?, ?, ?, ?, ?)",
        id, key.name(), checked.stream().sorted().map(Role::id).collect(Collectors.joining(",")),
        Tokens.digest(token), Timestamp.from(key.createdAt())));
    return new IssuedKey(key, token);
  }

  @Override
  public List<ApiKey> list() {
    return sql(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT id, name, roles, created_at, revoked_at FROM api_key ORDER BY created_at, id");
          ResultSet r = p.executeQuery()) {
        List<ApiKey> keys = new ArrayList<>();
        while (r.next()) {
          keys.add(key(r));
        }
        return keys;
      }
    });
  }

  @Override
  public Optional<ApiKey> revoke(String id) {
    return sql(c -> {
      Sql.update(c, "UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", Timestamp.from(now()), id);
      return find(c, id).map(Found::key);
    });
  }

  @Override
  public Optional<ApiKey> authenticate(String token) {
    String id = Tokens.idOf(token);
    if (id == null) {
      return Optional.empty();
    }
    return sql(c -> find(c, id))
        .filter(f -> f.key().active() && Tokens.same(f.digest(), Tokens.digest(token)))
        .map(Found::key);
  }

  @Override
  public boolean isEmpty() {
    return sql(c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM api_key"); ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1) == 0;
      }
    });
  }

  @Override
  public AuditEntry record(Actor actor, String action, String target, String beforeHash, String afterHash) {
    Instant at = now();
    long id = sql(c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO audit_entry (recorded_at, actor_id, actor_name,"
          + " action, target, before_hash, after_hash) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
        Sql.bind(p, Timestamp.from(at), actor.id(), actor.name(), action, target, beforeHash, afterHash);
        p.executeUpdate();
        try (ResultSet keys = p.getGeneratedKeys()) {
          keys.next();
          return keys.getLong(1);
        }
      }
    });
    return new AuditEntry(id, at, actor.id(), actor.name(), action, target, beforeHash, afterHash);
  }

  @Override
  public AuditPage entries(AuditQuery q) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (q.action() != null) {
      where.append(" AND action = ?");
      args.add(q.action());
    }
    if (q.from() != null) {
      where.append(" AND recorded_at >= ?");
      args.add(Timestamp.from(q.from()));
    }
    if (q.to() != null) {
      where.append(" AND recorded_at < ?");
      args.add(Timestamp.from(q.to()));
    }
    return sql(c -> {
      long total;
      try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM audit_entry" + where)) {
        Sql.bind(p, args.toArray());
        try (ResultSet r = p.executeQuery()) {
          r.next();
          total = r.getLong(1);
        }
      }
      List<AuditEntry> entries = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT id, recorded_at, actor_id, actor_name, action, target,"
          + " before_hash, after_hash FROM audit_entry" + where + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
        List<Object> all = new ArrayList<>(args);
        all.add(q.limit());
        all.add(q.offset());
        Sql.bind(p, all.toArray());
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            entries.add(new AuditEntry(r.getLong(1), r.getTimestamp(2).toInstant(), r.getString(3), r.getString(4),
                r.getString(5), r.getString(6), r.getString(7), r.getString(8)));
          }
        }
      }
      return new AuditPage(total, entries);
    });
  }

  private record Found(ApiKey key, String digest) {}

  private static Optional<Found> find(Connection c, String id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT id, name, roles, created_at, revoked_at, token_sha256 FROM api_key WHERE id = ?")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(new Found(key(r), r.getString(6))) : Optional.empty();
      }
    }
  }

  private static ApiKey key(ResultSet r) throws SQLException {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    Arrays.stream(r.getString(3).split(",")).map(Role::of).flatMap(Optional::stream).forEach(roles::add);
    Timestamp revoked = r.getTimestamp(5);
    return new ApiKey(r.getString(1), r.getString(2), roles, r.getTimestamp(4).toInstant(),
        revoked == null ? null : revoked.toInstant());
  }

  private Instant now() {
    return clock.instant();
  }

  private <T> T sql(Sql.Work<T> work) {
    try (Connection c = ds.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("the key or audit table could not be read or written: " + e.getMessage(), e);
    }
  }
}

package io.arbiter.store.jdbc;

import io.arbiter.store.StoreException;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.arbiter.scheme.Family;
import io.arbiter.scheme.Gender;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.Membership;
import io.arbiter.scheme.Policy;
import io.arbiter.scheme.PolicyStage;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.Voucher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/*
 * Why a short expiry as well as a size bound: other instances on a shared PostgreSQL may import
 * insurees or policies; an entry older than a minute is read again, and this instance's own writes
 * invalidate its caches at once.
 */

/** The population read from the database through bounded caches loaded on miss. Thread-safe. */
final class JdbcPopulation implements Population {
  private final Connections connections;
  private final LoadingCache<String, Optional<Insuree>> insurees;
  private final LoadingCache<String, Optional<Family>> families;
  private final LoadingCache<String, Optional<Policy>> policies;
  private final LoadingCache<String, List<Membership>> memberships;
  private final LoadingCache<String, List<Membership>> policyMembers;
  private final LoadingCache<String, Optional<Voucher>> vouchers;

  /** @param connections where misses read: inside a family's transaction, on its connection */
  JdbcPopulation(Connections connections, int size) {
    this.connections = connections;
    this.insurees = cache(size, this::loadInsuree);
    this.families = cache(size, this::loadFamily);
    this.policies = cache(size, this::loadPolicy);
    this.memberships = cache(size, this::loadMemberships);
    this.policyMembers = cache(size, this::loadPolicyMembers);
    this.vouchers = cache(size, this::loadVoucher);
  }

  private interface Loader<V> {
    V load(Connection c, String key) throws SQLException;
  }

  private <V> LoadingCache<String, V> cache(int size, Loader<V> loader) {
    return Caffeine.newBuilder().maximumSize(size).expireAfterWrite(Duration.ofMinutes(1)).build(key -> {
      try {
        return connections.use(c -> loader.load(c, key));
      } catch (SQLException e) {
        throw new StoreException("cannot read the population", e);
      }
    });
  }

  /** Forgets everything cached (after this instance wrote population rows). */
  void invalidate() {
    insurees.invalidateAll();
    families.invalidateAll();
    policies.invalidateAll();
    memberships.invalidateAll();
    policyMembers.invalidateAll();
    vouchers.invalidateAll();
  }

  @Override
  public Insuree insuree(String chfId) {
    return insurees.get(chfId).orElse(null);
  }

  @Override
  public Family family(String id) {
    return families.get(id).orElse(null);
  }

  @Override
  public Policy policy(String id) {
    return policies.get(id).orElse(null);
  }

  @Override
  public List<Membership> memberships(String chfId) {
    return memberships.get(chfId);
  }

  @Override
  public int memberCount(String policyId, LocalDate date) {
    return Membership.inForce(policyMembers.get(policyId), date);
  }

  @Override
  public Voucher voucher(String number) {
    return vouchers.get(number).orElse(null);
  }

  private Optional<Voucher> loadVoucher(Connection c, String number) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT number, status FROM voucher WHERE number = ?")) {
      p.setString(1, number);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(new Voucher(r.getString(1), Voucher.Status.valueOf(r.getString(2))))
            : Optional.empty();
      }
    }
  }

  private Optional<Insuree> loadInsuree(Connection c, String chfId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT chf_id, family_id, gender, dob, valid_to FROM insuree WHERE chf_id = ?")) {
      p.setString(1, chfId);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        String gender = r.getString("gender");
        return Optional.of(new Insuree(r.getString("chf_id"), r.getString("family_id"),
            gender == null ? null : Gender.valueOf(gender), Sql.date(r, "dob"), Sql.date(r, "valid_to")));
      }
    }
  }

  private Optional<Family> loadFamily(Connection c, String id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT id, head_chf_id, valid_to FROM family WHERE id = ?")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next()
            ? Optional.of(new Family(r.getString("id"), r.getString("head_chf_id"), Sql.date(r, "valid_to")))
            : Optional.empty();
      }
    }
  }

  private Optional<Policy> loadPolicy(Connection c, String id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT id, family_id, product_code, stage, status, enroll_date,"
        + " start_date, effective_date, expiry_date FROM policy WHERE id = ?")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        String stage = r.getString("stage");
        return Optional.of(new Policy(r.getString("id"), r.getString("family_id"), r.getString("product_code"),
            stage == null ? null : PolicyStage.valueOf(stage), r.getInt("status"), Sql.date(r, "enroll_date"),
            Sql.date(r, "start_date"), Sql.date(r, "effective_date"), Sql.date(r, "expiry_date")));
      }
    }
  }

  private List<Membership> loadMemberships(Connection c, String chfId) throws SQLException {
    return memberships(c, "SELECT chf_id, policy_id, effective_date, expiry_date FROM membership WHERE chf_id = ?"
        + " ORDER BY policy_id", chfId);
  }

  private List<Membership> loadPolicyMembers(Connection c, String policyId) throws SQLException {
    return memberships(c, "SELECT chf_id, policy_id, effective_date, expiry_date FROM membership WHERE policy_id = ?",
        policyId);
  }

  private static List<Membership> memberships(Connection c, String sql, String key) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, key);
      try (ResultSet r = p.executeQuery()) {
        List<Membership> list = new ArrayList<>();
        while (r.next()) {
          list.add(new Membership(r.getString("chf_id"), r.getString("policy_id"), Sql.date(r, "effective_date"),
              Sql.date(r, "expiry_date")));
        }
        return List.copyOf(list);
      }
    }
  }
}

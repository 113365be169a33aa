package io.arbiter.scheme;

import java.time.LocalDate;
import java.util.List;

/**
 * The insured population: families, insurees, their policies and memberships. Kept apart from the
 * registers and products because it is large and changes daily; a {@link SchemeSnapshot} holds a
 * small one in memory, a database-backed store reads a large one through a cache. Implementations
 * are thread-safe; lookups of unknown keys return null (or an empty list).
 */
public interface Population {

  Insuree insuree(String chfId);

  Family family(String id);

  Policy policy(String id);

  /** The insuree's memberships; empty if none. */
  List<Membership> memberships(String chfId);

  /**
   * Number of members of a policy at a date: its memberships (insuree-policy rows) in force that
   * day (docs/adjudication.md §10, extra members). A membership starting after {@code date}, or ended before it,
   * does not count.
   */
  int memberCount(String policyId, LocalDate date);

  /** A voucher by its number, or null. */
  Voucher voucher(String number);

  /**
   * The key an insuree's adjudications are serialised under, and its ledger kept by: its family
   * (members share policy deductibles and ceilings), or the insuree alone when unknown or without
   * a family.
   */
  default String familyKey(String chfId) {
    Insuree insuree = insuree(chfId);
    return insuree != null && insuree.familyId() != null ? insuree.familyId() : "insuree:" + chfId;
  }
}

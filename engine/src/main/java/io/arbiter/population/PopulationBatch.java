package io.arbiter.population;

import io.arbiter.scheme.Family;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.Membership;
import io.arbiter.scheme.Policy;
import java.util.List;

/**
 * The records of one batch's valid rows, one per key (a later row replaced an earlier one, as its
 * upsert would). Immutable.
 *
 * @param families families to add or replace
 * @param newFamilies families to add only if absent, each with the head its first row named (a CSV
 *     row creates the family of the insuree it carries)
 * @param insurees insurees to add or replace
 * @param policies policies to add or replace
 * @param memberships memberships to add or replace
 */
public record PopulationBatch(List<Family> families, List<Family> newFamilies, List<Insuree> insurees,
    List<Policy> policies, List<Membership> memberships) {

  public PopulationBatch {
    families = List.copyOf(families);
    newFamilies = List.copyOf(newFamilies);
    insurees = List.copyOf(insurees);
    policies = List.copyOf(policies);
    memberships = List.copyOf(memberships);
  }
}

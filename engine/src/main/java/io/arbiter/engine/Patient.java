package io.arbiter.engine;

import io.arbiter.scheme.Family;
import io.arbiter.scheme.Gender;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.Membership;
import io.arbiter.scheme.Policy;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.SchemeSnapshot;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What docs/adjudication.md §2 derives about the insuree at a claim's target date. */
final class Patient {
  static final int MALE = 1;
  static final int FEMALE = 2;
  static final int ADULT = 4;
  static final int CHILD = 8;

  final Insuree insuree;
  final boolean adult;
  final int mask;
  final String problem;
  final List<Coverage> coverages;

  private Patient(Insuree insuree, boolean adult, int mask, String problem, List<Coverage> coverages) {
    this.insuree = insuree;
    this.adult = adult;
    this.mask = mask;
    this.problem = problem;
    this.coverages = coverages;
  }

  /**
   * @param dateFrom first day of care; the insuree needs a membership whose own dates cover
   *     [dateFrom, td], whatever its policy's status and dates (those decide the coverages)
   */
  static Patient at(SchemeSnapshot scheme, Population population, String chfId, LocalDate dateFrom, LocalDate td) {
    Insuree insuree = population.insuree(chfId);
    boolean adult = insuree.dob() != null
        && Period.between(insuree.dob(), td).getYears() >= scheme.settings().ageOfMajority();
    int mask = (insuree.gender() == Gender.F ? FEMALE : MALE) | (adult ? ADULT : CHILD);
    List<Coverage> coverages = new ArrayList<>();
    boolean covered = false;
    for (Membership m : population.memberships(chfId)) {
      // Code 7 looks at the membership's own dates only (docs/adjudication.md §10): a policy that is suspended,
      // idle or out of its period leaves the claim to the line checks, which answer 3.
      covered |= m.coversAt(dateFrom) && m.coversAt(td);
      Policy p = population.policy(m.policyId());
      if (p != null && scheme.product(p.productCode()) != null && p.coversAt(td) && m.coversAt(td)) {
        coverages.add(new Coverage(p, scheme.product(p.productCode()), m));
      }
    }
    coverages.sort(Comparator.comparing((Coverage c) -> c.policy().effectiveDate())
        .thenComparing(c -> c.policy().id()));
    return new Patient(insuree, adult, mask,
        problem(population, insuree, dateFrom, td, covered), List.copyOf(coverages));
  }

  private static String problem(Population population, Insuree i, LocalDate dateFrom, LocalDate td, boolean covered) {
    Family family = population.family(i.familyId());
    if (i.validTo() != null && i.validTo().isBefore(td)) {
      return "insuree " + i.chfId() + " is no longer valid (record ended " + i.validTo() + ")";
    }
    if (family != null && family.validTo() != null && family.validTo().isBefore(td)) {
      return "family " + family.id() + " of insuree " + i.chfId() + " is no longer valid (record ended "
          + family.validTo() + ")";
    }
    if (i.gender() == null) {
      return "insuree " + i.chfId() + " has no gender";
    }
    if (i.dob() == null) {
      return "insuree " + i.chfId() + " has no birth date";
    }
    if (!covered) {
      return "insuree " + i.chfId() + " has no membership covering " + dateFrom
          + (td.equals(dateFrom) ? "" : " to " + td);
    }
    return null;
  }
}

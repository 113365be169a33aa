package io.arbiter.demo;

import io.arbiter.scheme.Family;
import io.arbiter.scheme.Gender;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.Membership;
import io.arbiter.scheme.Policy;
import io.arbiter.scheme.PolicyStage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/*
 * Why the draws happen in one fixed order from one generator: the document must be identical for a
 * seed, so nothing here may depend on hash order, time or the number of threads.
 */

/**
 * The demo scheme's insured population: households of 1–8 members with a believable age and sex
 * mix, each with a policy. Most policies are active renewals for calendar year 2026; some are new
 * in 2026 (waiting periods apply), a few expired at the end of 2025 or are idle (never paid), and
 * some families hold a second policy of the other product.
 */
final class DemoPopulation {
  /** First day of the policy year most policies cover. */
  static final LocalDate YEAR_START = LocalDate.of(2026, 1, 1);
  /** Last day of the policy year most policies cover. */
  static final LocalDate YEAR_END = LocalDate.of(2026, 12, 31);

  // Relative frequency of household sizes 1..8.
  private static final int[] SIZE_WEIGHTS = {10, 12, 15, 18, 17, 13, 9, 6};
  private static final int SIZE_WEIGHT_TOTAL = Arrays.stream(SIZE_WEIGHTS).sum();
  private static final double CO_INSURANCE_SHARE = 0.6;
  private static final double SECOND_POLICY_SHARE = 0.05;
  private static final double BORN_IN_2026_SHARE = 0.04;

  /** The generated rows, in the order they were made. */
  record Population(List<Family> families, List<Insuree> insurees, List<Policy> policies,
      List<Membership> memberships) {}

  private final SplittableRandom random;
  private final Set<String> chfIds = new HashSet<>();
  private final List<Family> families = new ArrayList<>();
  private final List<Insuree> insurees = new ArrayList<>();
  private final List<Policy> policies = new ArrayList<>();
  private final List<Membership> memberships = new ArrayList<>();

  private DemoPopulation(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Exactly {@code size} insurees in as many households as it takes. */
  static Population generate(long seed, int size) {
    DemoPopulation p = new DemoPopulation(seed);
    while (p.insurees.size() < size) {
      p.household(Math.min(householdSize(p.random), size - p.insurees.size()));
    }
    return new Population(List.copyOf(p.families), List.copyOf(p.insurees), List.copyOf(p.policies),
        List.copyOf(p.memberships));
  }

  private static int householdSize(SplittableRandom random) {
    int draw = random.nextInt(SIZE_WEIGHT_TOTAL);
    for (int i = 0; i < SIZE_WEIGHTS.length; i++) {
      draw -= SIZE_WEIGHTS[i];
      if (draw < 0) {
        return i + 1;
      }
    }
    throw new AssertionError("weights exhausted");
  }

  private void household(int size) {
    String familyId = String.format("F%05d", families.size() + 1);
    List<Insuree> members = members(familyId, size);
    families.add(new Family(familyId, members.get(0).chfId(), null));
    insurees.addAll(members);
    String product = random.nextDouble() < CO_INSURANCE_SHARE ? DemoProducts.CO_INSURANCE : DemoProducts.FIXED;
    Policy policy = policy(familyId, product);
    enrol(policy, members);
    if (policy.stage() == PolicyStage.R && policy.status() == Policy.STATUS_ACTIVE
        && random.nextDouble() < SECOND_POLICY_SHARE) {
      String other = product.equals(DemoProducts.FIXED) ? DemoProducts.CO_INSURANCE : DemoProducts.FIXED;
      enrol(new Policy(nextPolicyId(), familyId, other, PolicyStage.R, Policy.STATUS_ACTIVE, policy.enrollDate(),
          policy.startDate(), policy.effectiveDate(), policy.expiryDate()), members);
    }
  }

  private List<Insuree> members(String familyId, int size) {
    List<Insuree> members = new ArrayList<>(size);
    boolean single = size == 1;
    int headAge = single ? between(18, 80) : between(22, 65);
    Gender headGender = random.nextDouble() < (single ? 0.55 : 0.7) ? Gender.M : Gender.F;
    members.add(person(familyId, headGender, headAge));
    if (size >= 2 && random.nextDouble() < 0.8) {
      int age = Math.max(18, headAge + between(-8, 3));
      members.add(person(familyId, headGender == Gender.M ? Gender.F : Gender.M, age));
    }
    if (members.size() < size && size >= 4 && random.nextDouble() < 0.15) {
      members.add(person(familyId, random.nextDouble() < 0.65 ? Gender.F : Gender.M, between(60, 88)));
    }
    while (members.size() < size) {
      Gender gender = random.nextBoolean() ? Gender.M : Gender.F;
      if (random.nextDouble() < BORN_IN_2026_SHARE) {
        members.add(insuree(familyId, gender, YEAR_START.plusDays(random.nextInt(270)), null));
      } else {
        boolean grownUp = headAge >= 42 && random.nextDouble() < 0.15;
        members.add(person(familyId, gender, grownUp ? between(18, 24) : between(0, Math.min(17, headAge - 18))));
      }
    }
    return members;
  }

  /** Someone of {@code age} full years on 2026-01-01; a few of the oldest died during 2026. */
  private Insuree person(String familyId, Gender gender, int age) {
    LocalDate dob = YEAR_START.minusYears(age).minusDays(random.nextInt(365));
    LocalDate died = age >= 70 && random.nextDouble() < 0.05 ? YEAR_START.plusDays(between(31, 180)) : null;
    return insuree(familyId, gender, dob, died);
  }

  private Insuree insuree(String familyId, Gender gender, LocalDate dob, LocalDate validTo) {
    String chfId;
    do {
      chfId = Long.toString(random.nextLong(100_000_000L, 1_000_000_000L));
    } while (!chfIds.add(chfId));
    return new Insuree(chfId, familyId, gender, dob, validTo);
  }

  private Policy policy(String familyId, String product) {
    int draw = random.nextInt(100);
    String id = nextPolicyId();
    if (draw < 78) {
      LocalDate enrolled = YEAR_START.minusDays(between(1, 30));
      return new Policy(id, familyId, product, PolicyStage.R, Policy.STATUS_ACTIVE, enrolled, YEAR_START,
          YEAR_START, YEAR_END);
    }
    if (draw < 86) {
      LocalDate enrolled = YEAR_START.minusDays(between(1, 30));
      return new Policy(id, familyId, product, PolicyStage.N, Policy.STATUS_ACTIVE, enrolled, YEAR_START,
          YEAR_START, YEAR_END);
    }
    if (draw < 94) {
      LocalDate effective = YEAR_START.plusMonths(between(1, 6));
      return new Policy(id, familyId, product, PolicyStage.N, Policy.STATUS_ACTIVE,
          effective.minusDays(between(1, 25)), effective, effective, effective.plusYears(1).minusDays(1));
    }
    if (draw < 98) {
      LocalDate start = YEAR_START.minusYears(1);
      return new Policy(id, familyId, product, PolicyStage.R, Policy.STATUS_EXPIRED,
          start.minusDays(between(1, 30)), start, start, YEAR_START.minusDays(1));
    }
    // Idle: enrolled but never paid, so never effective.
    LocalDate enrolled = YEAR_START.plusDays(random.nextInt(180));
    LocalDate start = enrolled.withDayOfMonth(1).plusMonths(1);
    return new Policy(id, familyId, product, PolicyStage.N, 1, enrolled, start, null, start.plusYears(1).minusDays(1));
  }

  /**
   * Adds the policy and a membership per member: a baby born after the start joins at birth, and
   * nobody joins a policy that ended before their birth or started after their death.
   */
  private void enrol(Policy policy, List<Insuree> members) {
    policies.add(policy);
    for (Insuree member : members) {
      LocalDate from = policy.effectiveDate();
      if (from != null && member.dob().isAfter(from)) {
        from = member.dob();
      }
      boolean bornTooLate = from != null && from.isAfter(policy.expiryDate());
      boolean diedBefore = from != null && member.validTo() != null && member.validTo().isBefore(from);
      if (!bornTooLate && !diedBefore) {
        memberships.add(new Membership(member.chfId(), policy.id(), from, policy.expiryDate()));
      }
    }
  }

  private String nextPolicyId() {
    return String.format("P%06d", policies.size() + 1);
  }

  private int between(int min, int max) {
    return random.nextInt(min, max + 1);
  }
}

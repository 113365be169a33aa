package io.arbiter.scheme;

import java.util.List;

/*
 * Why normalise: openIMIS saves masks such as 1 ("male", no age selected) that, read literally,
 * match nobody — its committee asked that a concern with nothing selected mean everyone. With the
 * default maskZeroMeans = EVERYONE every such mask is widened, concern by concern, and the scheme
 * version lists each change as a warning; with the legacy NOBODY the masks are taken literally and
 * one that matches no insuree cannot be loaded at all.
 */

/** Turns a register entry's mask (bits or per-concern form) into the mask the rules compare. */
final class Masks {
  static final int MALE = 1;
  static final int FEMALE = 2;
  static final int ADULT = 4;
  static final int CHILD = 8;
  private static final int SEX = MALE | FEMALE;
  private static final int AGE = ADULT | CHILD;

  private Masks() {}

  /**
   * The normalised mask of an entry; adds a problem (the entry cannot be loaded) or a warning (it
   * was widened) naming the entry's field.
   */
  static int normalise(RegisterEntry e, String at, boolean literal, List<SchemeProblem> problems,
      List<SchemeProblem> warnings) {
    int mask = e.patientCategory();
    if (mask < 0 || mask > (SEX | AGE)) {
      problems.add(new SchemeProblem(at + "/patientCategory",
          "must combine 1 (male), 2 (female), 4 (adult) and 8 (child), was " + mask));
      return mask;
    }
    if (e.patient() != null) {
      int fromConcerns = concerns(e.patient(), at + "/patient", problems);
      if (mask != 0 && mask != fromConcerns) {
        problems.add(new SchemeProblem(at + "/patientCategory", "mask " + mask
            + " contradicts the per-concern form (" + fromConcerns + ")"));
      }
      return fromConcerns;
    }
    if (literal) {
      if ((mask & SEX) == 0 || (mask & AGE) == 0) {
        problems.add(new SchemeProblem(at + "/patientCategory", describe(e) + " has mask " + mask
            + ", which matches no insuree (it needs a sex bit, 1 or 2, and an age bit, 4 or 8)"));
      }
      return mask;
    }
    int normalised = mask;
    if ((mask & SEX) == 0) {
      normalised |= SEX;
    }
    if ((mask & AGE) == 0) {
      normalised |= AGE;
    }
    if (normalised != mask) {
      warnings.add(new SchemeProblem(at + "/patientCategory", describe(e) + ": mask " + mask + " selects no "
          + ((mask & SEX) == 0 && (mask & AGE) == 0 ? "sex and no age group" : (mask & SEX) == 0 ? "sex" : "age group")
          + "; read as everyone for that concern (mask " + normalised + ")"));
    }
    return normalised;
  }

  private static int concerns(PatientCategory p, String at, List<SchemeProblem> problems) {
    int sex = 0;
    for (int i = 0; i < p.sex().size(); i++) {
      switch (String.valueOf(p.sex().get(i))) {
        case "M" -> sex |= MALE;
        case "F" -> sex |= FEMALE;
        default -> problems.add(new SchemeProblem(at + "/sex/" + i, "must be M or F, was " + p.sex().get(i)));
      }
    }
    int age = 0;
    for (int i = 0; i < p.age().size(); i++) {
      switch (String.valueOf(p.age().get(i))) {
        case "adult" -> age |= ADULT;
        case "child" -> age |= CHILD;
        default -> problems.add(new SchemeProblem(at + "/age/" + i, "must be adult or child, was " + p.age().get(i)));
      }
    }
    return (sex == 0 ? SEX : sex) | (age == 0 ? AGE : age);
  }

  private static String describe(RegisterEntry e) {
    return (e instanceof MedicalItem ? "item " : "service ") + e.code();
  }
}

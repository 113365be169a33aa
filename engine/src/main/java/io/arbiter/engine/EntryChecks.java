package io.arbiter.engine;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimItem;
import io.arbiter.claim.ClaimService;
import io.arbiter.claim.ClaimSubLine;
import io.arbiter.input.Identifiers;
import io.arbiter.scheme.LineKind;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.SchemeSnapshot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * docs/adjudication.md §4.0: what refuses a claim at entry, before any rule runs. Codes that never existed in the
 * scheme, dates out of order, non-positive quantities and negative prices are listed together;
 * a code that exists but is not valid at the target date is left to the rules.
 */
final class EntryChecks {
  /** Most items and services of one claim together (openIMIS claims have a handful). */
  static final int MAX_LINES = 1000;
  static final int MIN_YEAR = 1900;
  static final int MAX_YEAR = 2200;

  private EntryChecks() {}

  static List<Problem> of(Claim c, SchemeSnapshot scheme, Population population) {
    List<Problem> problems = new ArrayList<>();
    fields(problems, c);
    int lines = c.items().size() + c.services().size();
    if (lines > MAX_LINES) {
      // Each line is checked and then adjudicated; past the limit the claim is refused unread.
      problems.add(Problem.invalid(c.items().size() > c.services().size() ? "/items" : "/services",
          "a claim has at most " + MAX_LINES + " items and services together, this one has " + lines));
      return problems;
    }
    references(problems, c, scheme, population);
    if (c.items().isEmpty() && c.services().isEmpty()) {
      problems.add(Problem.invalid("/items", "a claim needs at least one item or service"));
    }
    lines(problems, c, scheme);
    return problems;
  }

  /** The required fields, the identifiers' form and the dates' years. */
  private static void fields(List<Problem> problems, Claim c) {
    require(problems, c.code(), "/code");
    require(problems, c.chfId(), "/chfId");
    require(problems, c.healthFacility(), "/healthFacility");
    require(problems, c.dateClaimed(), "/dateClaimed");
    require(problems, c.icd(), "/icd");
    // Checked here and not only by the JSON reader, so FHIR and the command line get them too: the
    // claim code becomes a URL and a key, the others are looked up in the store.
    for (String[] field : new String[][] {{"/code", c.code()}, {"/chfId", c.chfId()},
        {"/healthFacility", c.healthFacility()}, {"/voucher", c.voucher()}, {"/icd", c.icd()}, {"/icd1", c.icd1()},
        {"/icd2", c.icd2()}, {"/icd3", c.icd3()}, {"/icd4", c.icd4()}}) {
      if (field[1] != null && !field[1].isBlank()) {
        Identifiers.problem(field[1]).ifPresent(problem -> problems.add(Problem.invalid(field[0], problem)));
      }
    }
    for (Object[] field : new Object[][] {{"/dateFrom", c.dateFrom()}, {"/dateTo", c.dateTo()},
        {"/dateClaimed", c.dateClaimed()}}) {
      if (field[1] instanceof java.time.LocalDate d && (d.getYear() < MIN_YEAR || d.getYear() > MAX_YEAR)) {
        problems.add(Problem.invalid((String) field[0], "must be in the years " + MIN_YEAR + " to " + MAX_YEAR
            + ", was " + d));
      }
    }
  }

  /** The dates' order and what the claim names in the scheme and the population. */
  private static void references(List<Problem> problems, Claim c, SchemeSnapshot scheme, Population population) {
    if (c.dateFrom() == null) {
      problems.add(Problem.invalid("/dateFrom", "is required"));
    } else if (c.dateTo() != null && c.dateTo().isBefore(c.dateFrom())) {
      problems.add(Problem.invalid("/dateTo", "dateTo " + c.dateTo() + " is before dateFrom " + c.dateFrom()));
    }
    if (c.chfId() != null && population.insuree(c.chfId()) == null) {
      problems.add(Problem.invalid("/chfId", "unknown insurance number " + c.chfId()));
    }
    if (c.healthFacility() != null && scheme.facility(c.healthFacility()) == null) {
      problems.add(Problem.invalid("/healthFacility", "unknown health facility " + c.healthFacility()));
    }
    if (!scheme.settings().unknownDiagnosisCode8()) {
      for (Claim.DiagnosisField d : c.diagnoses()) {
        if (!scheme.diagnosisExists(d.code())) {
          problems.add(Problem.invalid("/" + d.field(), "unknown diagnosis code " + d.code()));
        }
      }
    }
  }

  /** Each line's and each package part's code, quantity and price. */
  private static void lines(List<Problem> problems, Claim c, SchemeSnapshot scheme) {
    for (int i = 0; i < c.items().size(); i++) {
      ClaimItem line = c.items().get(i);
      checkLine(problems, scheme, LineKind.ITEM, "/items/" + i, "itemCode", line.itemCode(),
          line.qtyProvided(), line.priceAsked());
    }
    for (int i = 0; i < c.services().size(); i++) {
      ClaimService line = c.services().get(i);
      String at = "/services/" + i;
      boolean parts = line.hasParts() && scheme.settings().valuePackages();
      if (line.subItems().size() + line.subServices().size() > MAX_LINES) {
        problems.add(Problem.invalid(at, "a service has at most " + MAX_LINES + " parts, this one has "
            + (line.subItems().size() + line.subServices().size())));
        continue;
      }
      checkLine(problems, scheme, LineKind.SERVICE, at, "serviceCode", line.serviceCode(),
          line.qtyProvided(), parts ? BigDecimal.ZERO : line.priceAsked());
      for (int j = 0; j < line.subItems().size(); j++) {
        ClaimSubLine p = line.subItems().get(j);
        checkLine(problems, scheme, LineKind.ITEM, at + "/subItems/" + j, "code", p.code(), p.qtyProvided(),
            p.priceAsked());
      }
      for (int j = 0; j < line.subServices().size(); j++) {
        ClaimSubLine p = line.subServices().get(j);
        checkLine(problems, scheme, LineKind.SERVICE, at + "/subServices/" + j, "code", p.code(), p.qtyProvided(),
            p.priceAsked());
      }
    }
  }


  private static void checkLine(List<Problem> problems, SchemeSnapshot scheme, LineKind kind, String at,
      String codeField, String code, BigDecimal qty, BigDecimal price) {
    if (code == null) {
      problems.add(Problem.missing(at + "/" + codeField));
    } else if (!scheme.registerHas(kind, code)) {
      problems.add(Problem.invalid(at + "/" + codeField, "unknown " + kind.word() + " code " + code));
    }
    if (qty == null) {
      problems.add(Problem.missing(at + "/qtyProvided"));
    } else if (qty.signum() <= 0) {
      problems.add(Problem.invalid(at + "/qtyProvided", "quantity must be positive, was " + qty.toPlainString()));
    }
    if (price == null) {
      problems.add(Problem.missing(at + "/priceAsked"));
    } else if (price.signum() < 0) {
      problems.add(Problem.invalid(at + "/priceAsked", "price must not be negative, was " + price.toPlainString()));
    }
  }

  private static void require(List<Problem> problems, Object value, String field) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      problems.add(Problem.missing(field));
    }
  }
}

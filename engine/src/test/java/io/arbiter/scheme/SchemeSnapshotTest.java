package io.arbiter.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemeSnapshotTest {

  private static MedicalItem item(String code, String price, String from, String to) {
    return new MedicalItem(code, code, "D", null, new BigDecimal(price), CareType.B, 0, 15, null,
        from == null ? null : LocalDate.parse(from), to == null ? null : LocalDate.parse(to));
  }

  private static SchemeDocument withItems(MedicalItem... items) {
    return new SchemeDocument("t", null, List.of(items), null, null, null, null, null, null, null, null, null, null);
  }

  @Test
  void register_picksTheVersionValidAtTheDate() {
    SchemeSnapshot s = SchemeSnapshot.of(withItems(
        item("A", "1", null, "2025-12-31"), item("A", "2", "2026-01-01", null)), "v");
    assertThat(s.register(LineKind.ITEM, "A", LocalDate.parse("2025-12-31")).price()).isEqualByComparingTo("1");
    assertThat(s.register(LineKind.ITEM, "A", LocalDate.parse("2026-01-01")).price()).isEqualByComparingTo("2");
    assertThat(s.registerHas(LineKind.ITEM, "A")).isTrue();
    assertThat(s.registerHas(LineKind.SERVICE, "A")).isFalse();
  }

  @Test
  void register_gapBetweenVersionsHasNoVersion() {
    SchemeSnapshot s = SchemeSnapshot.of(withItems(
        item("A", "1", "2025-01-01", "2025-06-30"), item("A", "2", "2025-08-01", null)), "v");
    assertThat(s.register(LineKind.ITEM, "A", LocalDate.parse("2025-07-15"))).isNull();
    assertThat(s.register(LineKind.ITEM, "A", LocalDate.parse("2024-12-31"))).isNull();
  }

  @Test
  void of_overlappingVersionsAreRefused() {
    assertThatThrownBy(() -> SchemeSnapshot.of(withItems(
        item("A", "1", "2025-01-01", "2025-06-30"), item("A", "2", "2025-06-30", null)), "v"))
        .isInstanceOfSatisfying(SchemeException.class,
            e -> assertThat(e.problems()).singleElement().satisfies(p -> {
              assertThat(p.field()).isEqualTo("/items/1/validFrom");
              assertThat(p.detail()).contains("overlap");
            }));
  }

  @Test
  void of_danglingReferencesAreAllListed() {
    SchemeDocument doc = new SchemeDocument("t", null, null, null, null,
        List.of(new HealthFacility("HF", "hf", "C", CareType.B, "NOLIST", null, null, null)),
        null, null, null,
        List.of(new Insuree("1", "NOFAM", Gender.M, LocalDate.parse("1990-01-01"), null)),
        null, null, null);
    assertThatThrownBy(() -> SchemeSnapshot.of(doc, "v"))
        .isInstanceOfSatisfying(SchemeException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            new SchemeProblem("/healthFacilities/0/itemsPriceList", "'NOLIST' does not exist"),
            new SchemeProblem("/insurees/0/familyId", "'NOFAM' does not exist")));
  }

  @Test
  void of_missingCodesPricesAndReferencesAreProblems() {
    SchemeDocument doc = new SchemeDocument("t", null,
        List.of(new MedicalItem("A", "a", "D", null, null, CareType.B, 0, 15, null, null, null)), null, null, null,
        null, List.of(new Diagnosis(null, "nameless")), null, null,
        List.of(new Policy("P", null, null, PolicyStage.N, 2, null, null, null, null)),
        List.of(new Membership(null, "P", LocalDate.parse("2026-01-01"), null)), null);
    assertThatThrownBy(() -> SchemeSnapshot.of(doc, "v"))
        .isInstanceOfSatisfying(SchemeException.class, e -> assertThat(e.problems())
            .extracting(SchemeProblem::field).containsExactlyInAnyOrder("/items/0/price", "/diagnoses/0/code",
                "/policies/0/familyId", "/policies/0/productCode",
                "/memberships/0/chfId"));
  }

  @Test
  void settings_unsetFieldsTakeTheDefaults() {
    SchemeSettings s = new SchemeSettings(false, null, null, null, null, null, null, null, null, null, null, null, null)
        .withDefaults();
    assertThat(s.wholeClaimOnMaximum()).isFalse();
    assertThat(s.ageOfMajority()).isEqualTo(18);
    assertThat(s.careTypeRule()).isEqualTo(SchemeSettings.CareTypeRule.MODULAR);
  }
}

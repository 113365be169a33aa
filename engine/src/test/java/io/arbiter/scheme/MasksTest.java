package io.arbiter.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mask normalisation at import: a concern with nothing selected means everyone for it. */
class MasksTest {

  private static MedicalItem item(int mask, PatientCategory patient) {
    return new MedicalItem("X", "x", "D", null, BigDecimal.TEN, CareType.B, 0, mask, patient, null, null);
  }

  private static SchemeSnapshot load(MedicalItem item, SchemeSettings.MaskZeroMeans zero) {
    SchemeSettings settings = new SchemeSettings(null, null, zero, null, null, null, null, null, null, null, null, null, null);
    return SchemeSnapshot.of(new SchemeDocument("t", settings, List.of(item), null, null, null, null, null, null,
        null, null, null, null), "v");
  }

  private static int loadedMask(SchemeSnapshot s) {
    return s.register(LineKind.ITEM, "X", java.time.LocalDate.parse("2026-01-01")).patientCategory();
  }

  @ParameterizedTest(name = "mask {0} → {1}")
  @CsvSource({
      "0, 15, sex and no age group", "1, 13, age group", "2, 14, age group", "4, 7, sex", "8, 11, sex",
      "3, 15, age group", "12, 15, sex", "5, 5, ", "10, 10, ", "15, 15, "})
  void normalise_widensEachEmptyConcernWithAWarning(int mask, int expected, String missing) {
    SchemeSnapshot s = load(item(mask, null), SchemeSettings.MaskZeroMeans.EVERYONE);
    assertThat(loadedMask(s)).isEqualTo(expected);
    if (missing == null) {
      assertThat(s.warnings()).isEmpty();
    } else {
      assertThat(s.warnings()).singleElement().satisfies(w -> {
        assertThat(w.field()).isEqualTo("/items/0/patientCategory");
        assertThat(w.detail()).contains("item X", "selects no " + missing, "(mask " + expected + ")");
      });
    }
  }

  @ParameterizedTest(name = "sex {0}, age {1} → {2}")
  @CsvSource({"F, , 14", "M, , 13", ", child, 11", ", adult, 7", "F, child, 10", "'M,F', 'adult,child', 15",
      ", , 15"})
  void normalise_perConcernForm(String sex, String age, int expected) {
    PatientCategory p = new PatientCategory(sex == null ? null : List.of(sex.split(",")),
        age == null ? null : List.of(age.split(",")));
    SchemeSnapshot s = load(item(0, p), SchemeSettings.MaskZeroMeans.EVERYONE);
    assertThat(loadedMask(s)).isEqualTo(expected);
    assertThat(s.warnings()).isEmpty();
  }

  @Test
  void normalise_badValuesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> load(item(0, new PatientCategory(List.of("X"), List.of("old"))),
        SchemeSettings.MaskZeroMeans.EVERYONE))
        .isInstanceOfSatisfying(SchemeException.class, e -> assertThat(e.problems())
            .extracting(SchemeProblem::field).containsExactly("/items/0/patient/sex/0", "/items/0/patient/age/0"));
    assertThatThrownBy(() -> load(item(16, null), SchemeSettings.MaskZeroMeans.EVERYONE))
        .isInstanceOf(SchemeException.class);
    assertThatThrownBy(() -> load(item(13, new PatientCategory(List.of("F"), null)),
        SchemeSettings.MaskZeroMeans.EVERYONE))
        .hasMessageContaining("contradicts");
  }

  @ParameterizedTest(name = "legacy: mask {0} matches no insuree")
  @CsvSource({"0", "1", "2", "4", "8", "3", "12"})
  void literal_maskMatchingNobodyCannotBeLoaded(int mask) {
    assertThatThrownBy(() -> load(item(mask, null), SchemeSettings.MaskZeroMeans.NOBODY))
        .isInstanceOfSatisfying(SchemeException.class, e -> assertThat(e.problems()).singleElement()
            .satisfies(p -> assertThat(p.detail()).contains("item X", "matches no insuree")));
  }

  @Test
  void literal_maskWithBothConcernsLoadsAsItIs() {
    assertThat(loadedMask(load(item(5, null), SchemeSettings.MaskZeroMeans.NOBODY))).isEqualTo(5);
  }
}

package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Package services (rules/bundles.drl and valuation): flat-fee F and fee-for-service P. */
class BundlesTest {

  /** ANCPKG: P package of 2 PARA and 1 LAB; DELPKG: F package priced 3000. */
  private static TestScheme packages() {
    TestScheme scheme = TestScheme.base();
    scheme.addAncPackage();
    scheme.array("services").addObject().put("code", "DELPKG").put("name", "delivery package").put("type", "C")
        .put("level", "H").put("category", "D").put("packageType", "F").put("price", 3000).put("careType", "B")
        .put("frequency", 0).put("patientCategory", 15);
    for (String code : new String[] {"ANCPKG", "DELPKG"}) {
      scheme.find("priceLists", "code", "PLS").withArray("entries").addObject().put("code", code);
      scheme.product().withArray("services").addObject().put("code", code).put("limitationType", "C")
          .put("limitAdult", 100).put("limitChild", 100);
    }
    return scheme;
  }

  private static LineDecision first(TestScheme scheme, TestClaim claim) {
    return scheme.arbiter().submit(claim.insuree("112").build()).decision().services().get(0);
  }

  @Test
  void feeForService_exactPartsAreValuedAtTheirListPrices() {
    ClaimDecision d = packages().arbiter().submit(claim().insuree("112")
        .packageService("ANCPKG", "1", "PARA:2:12", "service:LAB:1:160").build()).decision();
    LineDecision line = d.services().get(0);
    assertThat(line.rejectionReason()).isZero();
    assertThat(line.priceAsked()).as("the parts' sum").isEqualByComparingTo("184");
    assertThat(d.claimed()).isEqualByComparingTo("184.00");
    assertThat(line.priceValuated()).as("2 x 10 + 150").isEqualByComparingTo("170.00");
    assertThat(line.packageDifferences()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "one PARA too many | PARA:3:10,service:LAB:1:150 | item PARA: 3 instead of 2",
      "one PARA too few | PARA:1:10,service:LAB:1:150 | item PARA: 1 instead of 2",
      "LAB missing | PARA:2:10 | missing service LAB",
      "AMOX extra | PARA:2:10,AMOX:1:25,service:LAB:1:150 | extra item AMOX",
  })
  void feeForService_partsDifferingFromTheDefinitionAreValuedZero(String name, String parts, String difference) {
    LineDecision line = first(packages(), claim().packageService("ANCPKG", "1", parts.split(",")));
    assertThat(line.rejectionReason()).isZero();
    assertThat(line.status()).isEqualTo(LineDecision.STATUS_PASSED);
    assertThat(line.priceValuated()).isEqualByComparingTo("0.00");
    assertThat(line.rule()).isEqualTo("package composition");
    assertThat(line.packageDifferences()).isEqualTo(difference);
    assertThat(line.explanation()).contains(difference, "valued 0");
  }

  @Test
  void feeForService_zeroValueSurvivesProcessing() {
    Arbiter arbiter = packages().arbiter();
    arbiter.submit(claim().code("PK1").insuree("112").packageService("ANCPKG", "1", "PARA:2:10").build());
    assertThat(arbiter.process("PK1").services().get(0).priceValuated()).isEqualByComparingTo("0.00");
  }

  @ParameterizedTest(name = "parts asking {0}: unit price {1}")
  @CsvSource({"3500, 3000.00", "2500, 2500.00", "3000, 3000.00"})
  void flatFee_unitPriceIsCappedAtTheServicePrice(String partsPrice, String unit) {
    LineDecision line = first(packages(), claim().packageService("DELPKG", "1", "PARA:1:" + partsPrice));
    assertThat(line.priceValuated()).isEqualByComparingTo(unit);
  }

  @Test
  void switchOff_partsAreIgnoredAsInOpenImis() {
    TestScheme scheme = packages();
    scheme.settings().put("valuePackages", false);
    Arbiter arbiter = scheme.arbiter();
    assertThatThrownBy(() -> arbiter.submit(claim().insuree("112").packageService("DELPKG", "1", "PARA:1:10")
        .build())).isInstanceOfSatisfying(ArbiterException.class,
            e -> assertThat(e.problems()).extracting(Problem::field).containsExactly("/services/0/priceAsked"));
    LineDecision ordinary = scheme.arbiter().submit(claim().insuree("112")
        .service("DELPKG", "1", "3500").build()).decision().services().get(0);
    assertThat(ordinary.priceValuated()).isEqualByComparingTo("3000.00");
  }

  @Test
  void entry_unknownPartCodeIsRefusedNamingThePart() {
    assertThatThrownBy(() -> packages().arbiter().submit(claim().insuree("112")
        .packageService("ANCPKG", "1", "NOPE:1:10").build()))
        .isInstanceOfSatisfying(ArbiterException.class, e -> assertThat(e.problems())
            .extracting(Problem::field).containsExactly("/services/0/subItems/0/code"));
  }
}

package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineStatus;
import io.arbiter.claim.RejectionCode;
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
    return scheme.arbiter().claims().submit(claim.insuree("112").build()).decision().services().get(0);
  }

  @Test
  void feeForService_exactPartsAreValuedAtTheirListPrices() {
    ClaimDecision d = packages().arbiter().claims().submit(claim().insuree("112")
        .packageService("ANCPKG", "1", "PARA:2:12", "service:LAB:1:160").build()).decision();
    LineDecision line = d.services().get(0);
    assertThat(line.rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
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
    assertThat(line.rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
    assertThat(line.status()).isEqualTo(LineStatus.PASSED);
    assertThat(line.priceValuated()).isEqualByComparingTo("0.00");
    assertThat(line.rule()).isEqualTo("package composition");
    assertThat(line.packageDifferences()).isEqualTo(difference);
    assertThat(line.explanation()).contains(difference, "valued 0");
  }

  @Test
  void feeForService_zeroValueSurvivesProcessing() {
    Arbiter arbiter = packages().arbiter();
    arbiter.claims().submit(claim().code("PK1").insuree("112").packageService("ANCPKG", "1", "PARA:2:10").build());
    assertThat(arbiter.claims().process("PK1").services().get(0).priceValuated()).isEqualByComparingTo("0.00");
  }

  /**
   * Issue 15 §7a (docs/adjudication.md §6 step 1, as openIMIS): a flat-fee package's unit price is capped at the
   * service's register price (DELPKG: 3000), with or without parts, under price origin O (the asked
   * price, or the parts' sum) and P (the price list's, override included); {@code priceAdjusted}
   * shows the capped price.
   */
  @ParameterizedTest(name = "origin {0}, parts {1}, asked {2}, list override {3}: unit price {4}")
  @CsvSource(nullValues = "-", value = {
      "O, false, 4000, -, 3000.00",
      "O, false, 3000, -, 3000.00",
      "O, false, 2500, -, 2500.00",
      "O, true, 4000, -, 3000.00",
      "O, true, 2500, -, 2500.00",
      "P, false, 4000, -, 3000.00",
      "P, false, 2000, 3500, 3000.00",
      "P, false, 4000, 2800, 2800.00",
      "P, true, 2500, -, 3000.00",
      "P, true, 4000, 3500, 3000.00",
  })
  void flatFee_unitPriceIsCappedAtTheServicePrice(String origin, boolean parts, String asked, String override,
      String unit) {
    TestScheme scheme = packages();
    scheme.productLine("DELPKG").put("priceOrigin", origin);
    if (override != null) {
      for (com.fasterxml.jackson.databind.JsonNode entry : scheme.find("priceLists", "code", "PLS").get("entries")) {
        if (entry.get("code").asText().equals("DELPKG")) {
          ((ObjectNode) entry).put("priceOverride", Double.parseDouble(override));
        }
      }
    }
    TestClaim claim = parts ? claim().packageService("DELPKG", "1", "PARA:1:" + asked)
        : claim().service("DELPKG", "1", asked);
    LineDecision line = first(scheme, claim);
    assertThat(line.priceAdjusted()).isEqualByComparingTo(unit);
    assertThat(line.priceValuated()).isEqualByComparingTo(unit);
  }

  /** Issue 15 §7a: the capped price is what processing pays and keeps as priceAdjusted. */
  @Test
  void flatFee_askedAboveTheServicePrice_isProcessedAtTheServicePrice() {
    TestScheme scheme = packages();
    scheme.productLine("DELPKG").put("priceOrigin", "O");
    Arbiter arbiter = scheme.arbiter();
    arbiter.claims().submit(claim().code("FF1").insuree("112").service("DELPKG", "2", "4000").build());
    LineDecision line = arbiter.claims().process("FF1").services().get(0);
    assertThat(line.priceAdjusted()).isEqualByComparingTo("3000.00");
    assertThat(line.priceValuated()).isEqualByComparingTo("6000.00");
  }

  @Test
  void switchOff_partsAreIgnoredAsInOpenImis() {
    TestScheme scheme = packages();
    scheme.settings().put("valuePackages", false);
    Arbiter arbiter = scheme.arbiter();
    assertThatThrownBy(() -> arbiter.claims().submit(claim().insuree("112").packageService("DELPKG", "1", "PARA:1:10")
        .build())).isInstanceOfSatisfying(ArbiterException.class,
            e -> assertThat(e.problems()).extracting(Problem::field).containsExactly("/services/0/priceAsked"));
    LineDecision ordinary = scheme.arbiter().claims().submit(claim().insuree("112")
        .service("DELPKG", "1", "3500").build()).decision().services().get(0);
    assertThat(ordinary.priceValuated()).isEqualByComparingTo("3000.00");
  }

  @Test
  void entry_unknownPartCodeIsRefusedNamingThePart() {
    assertThatThrownBy(() -> packages().arbiter().claims().submit(claim().insuree("112")
        .packageService("ANCPKG", "1", "NOPE:1:10").build()))
        .isInstanceOfSatisfying(ArbiterException.class, e -> assertThat(e.problems())
            .extracting(Problem::field).containsExactly("/services/0/subItems/0/code"));
  }
}

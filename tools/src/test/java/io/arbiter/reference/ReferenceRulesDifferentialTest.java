package io.arbiter.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimItem;
import io.arbiter.claim.ClaimService;
import io.arbiter.claim.ClaimSubLine;
import io.arbiter.claim.LineDecision;
import io.arbiter.demo.DemoClaims;
import io.arbiter.demo.DemoOptions;
import io.arbiter.demo.DemoScheme;
import io.arbiter.engine.Arbiter;
import io.arbiter.engine.ArbiterException;
import io.arbiter.engine.ReferenceEngine;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.MedicalItem;
import io.arbiter.scheme.Policy;
import io.arbiter.scheme.Product;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSettings;
import io.arbiter.scheme.SchemeSettings.CareTypeRule;
import io.arbiter.scheme.SchemeSettings.FrequencyBoundary;
import io.arbiter.scheme.Voucher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/*
 * Why submit, not evaluate: the checks that matter most (frequency, provision and window limits,
 * category maxima) depend on the insuree's history, so each side books its own decisions into its
 * own store; as long as the decisions agree, the two ledgers stay identical. A small population
 * makes insurees come back often enough to reach their limits.
 */

/**
 * Differential test: the DRL rules and {@link ReferenceRules} decide thousands of generated demo
 * claims, under the default switches and under every switch flipped, and must agree on every line.
 */
class ReferenceRulesDifferentialTest {
  private static final RuleSet RULES = RuleSet.fromClasspath();
  private static final int CLAIMS_PER_SCHEME = 2000;
  private static final int INSUREES = 120;
  private static final LocalDate WITHDRAWN = LocalDate.of(2026, 6, 30);

  @Test
  void decisions_sameUnderDefaultSwitches() {
    Map<Integer, Integer> codes = compare(SchemeSettings.DEFAULTS, 1L);
    // The generator must reach the checks it is meant to compare, or agreement proves little.
    assertThat(codes).containsKeys(0, 1, 2, 3, 4, 5, 7, 9, 10, 16, 17, 101, 102, 104);
    assertThat(codes.keySet()).containsAnyOf(11, 12, 13, 14, 15, 19);
  }

  @Test
  void decisions_sameWithEverySwitchFlipped() {
    SchemeSettings flipped = new SchemeSettings(false, CareTypeRule.LEGACY, null, FrequencyBoundary.INCLUSIVE,
        false, false, 16, null, null, true, false, null, null);
    Map<Integer, Integer> codes = compare(flipped, 2L);
    assertThat(codes).containsKeys(0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 16, 17, 101, 102, 103, 104);
  }

  /** Submits the same claims to both engines; returns how many lines got each rejection code. */
  private static Map<Integer, Integer> compare(SchemeSettings settings, long seed) {
    SchemeDocument scheme = variant(DemoScheme.generate(new DemoOptions().setSeed(seed).setInsurees(INSUREES)),
        settings);
    Arbiter drools = Arbiter.builder().rules(RULES).scheme(scheme).build();
    Arbiter reference = ReferenceEngine.builder().scheme(scheme).build();
    ClaimMaker claims = new ClaimMaker(scheme, seed);
    Map<Integer, Integer> codes = new TreeMap<>();
    for (int i = 0; i < CLAIMS_PER_SCHEME; i++) {
      Claim claim = claims.next();
      String expected = outcome(drools, claim);
      String actual = outcome(reference, claim);
      if (!expected.equals(actual)) {
        fail("claim %d decided differently%nclaim: %s%nDRL:       %s%nreference: %s", i, json(claim), expected,
            actual);
      }
      decisionCodes(drools, claim).forEach(code -> codes.merge(code, 1, Integer::sum));
    }
    return codes;
  }

  private static String outcome(Arbiter arbiter, Claim claim) {
    try {
      return essentials(arbiter.claims().submit(claim).decision());
    } catch (ArbiterException e) {
      return "refused: " + e.getMessage() + " " + e.problems();
    }
  }

  private static List<Integer> decisionCodes(Arbiter arbiter, Claim claim) {
    return arbiter.claims().decision(claim.code()).map(d -> {
      List<Integer> out = new ArrayList<>();
      d.items().forEach(l -> out.add(l.rejectionReason().code()));
      d.services().forEach(l -> out.add(l.rejectionReason().code()));
      return out;
    }).orElse(List.of());
  }

  /** Every field of the decision but explanations, parameters, versions and times. */
  private static String essentials(ClaimDecision d) {
    StringBuilder s = new StringBuilder().append(d.status()).append(' ').append(d.rejectionReason()).append(' ')
        .append(d.category()).append(' ').append(d.claimed()).append(' ').append(d.approved()).append(' ')
        .append(d.reviewStatus());
    for (List<LineDecision> lines : List.of(d.items(), d.services())) {
      for (LineDecision l : lines) {
        s.append("\n  ").append(l.itemCode() != null ? l.itemCode() : l.serviceCode()).append(" #").append(l.lineNo())
            .append(" status ").append(l.status()).append(" code ").append(l.rejectionReason())
            .append(" rule ").append(l.rule()).append(" qty ").append(l.qtyApproved())
            .append(" product ").append(l.product()).append('/').append(l.policyId()).append('/')
            .append(l.priceOrigin()).append('/').append(l.limitation()).append(' ').append(l.limitationValue())
            .append(" adjusted ").append(l.priceAdjusted()).append(" valuated ").append(l.priceValuated())
            .append(" deducted ").append(l.deductableAmount()).append(" exceed ").append(l.exceedCeilingAmount())
            .append('/').append(l.exceedCeilingAmountCategory()).append(" remunerated ")
            .append(l.remuneratedAmount()).append(" package ").append(l.packageDifferences());
      }
    }
    return s.toString();
  }

  /**
   * The scheme with these switches, every tenth item withdrawn from the register mid-2026 (code 1),
   * and a provision limit on every third product line that has none (code 16, partial approvals).
   */
  private static SchemeDocument variant(SchemeDocument d, SchemeSettings settings) {
    List<MedicalItem> items = new ArrayList<>();
    for (int i = 0; i < d.items().size(); i++) {
      MedicalItem it = d.items().get(i);
      items.add(i % 10 != 3 ? it : new MedicalItem(it.code(), it.name(), it.type(), it.packageDescription(),
          it.price(), it.careType(), it.frequency(), it.patientCategory(), it.patient(), it.validFrom(), WITHDRAWN));
    }
    ObjectNode tree = Json.mapper().valueToTree(new SchemeDocument(d.name(), settings, items, d.services(),
        d.priceLists(), d.healthFacilities(), d.products(), d.diagnoses(), d.families(), d.insurees(), d.policies(),
        d.memberships(), d.vouchers()));
    int n = 0;
    for (JsonNode product : tree.get("products")) {
      for (String kind : List.of("items", "services")) {
        for (JsonNode line : product.get(kind)) {
          if (n++ % 3 == 0 && line.path("limitNoAdult").isNull()) {
            ((ObjectNode) line).put("limitNoAdult", 3).put("limitNoChild", 2);
          }
        }
      }
    }
    try {
      return Json.mapper().treeToValue(tree, SchemeDocument.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String json(Claim claim) {
    try {
      return Json.mapper().writeValueAsString(claim);
    } catch (Exception e) {
      return claim.toString();
    }
  }

  /**
   * Demo claims of 1–15 lines, bent towards the edges: care around the year's policy boundaries,
   * claims made before the care, repeats of an earlier claim of the same insuree days later, lines
   * of the codes with provision and window limits, voucher holders with vouchers of every status,
   * unknown diagnoses, quantities scaled up, and package parts that match their definition or not.
   */
  private static final class ClaimMaker {
    private static final List<String> LIMITED_SERVICES = List.of("CHKUP", "PHYSIO", "ANCF", "SPECT", "REFRAC");
    private final DemoClaims demo;
    private final SplittableRandom random;
    private final List<Voucher> vouchers;
    private final List<Insuree> voucherHolders;
    private final Map<String, String> policyOf = new HashMap<>();
    private final List<Claim> earlier = new ArrayList<>();
    private final boolean unknownDiagnoses;

    ClaimMaker(SchemeDocument scheme, long seed) {
      this.demo = new DemoClaims(scheme, seed, "D" + seed + "-");
      this.random = new SplittableRandom(seed * 31);
      this.vouchers = scheme.vouchers();
      Set<String> voucherProducts = scheme.products().stream().filter(Product::isVoucherProduct)
          .map(Product::code).collect(Collectors.toSet());
      Set<String> voucherPolicies = scheme.policies().stream().filter(p -> voucherProducts.contains(p.productCode()))
          .map(Policy::id).collect(Collectors.toSet());
      scheme.memberships().stream().filter(m -> voucherPolicies.contains(m.policyId()))
          .forEach(m -> policyOf.put(m.chfId(), m.policyId()));
      this.voucherHolders = scheme.insurees().stream().filter(i -> policyOf.containsKey(i.chfId())).toList();
      this.unknownDiagnoses = scheme.settings().unknownDiagnosisCode8();
    }

    Claim next() {
      LocalDate from = random.nextDouble() < 0.15
          ? LocalDate.of(2025, 12, 1).plusDays(random.nextInt(60))
          : random.nextDouble() < 0.1 ? LocalDate.of(2026, 12, 15).plusDays(random.nextInt(30)) : null;
      Insuree holder = random.nextDouble() < 0.12 && !voucherHolders.isEmpty()
          ? voucherHolders.get(random.nextInt(voucherHolders.size())) : null;
      Claim c = demo.next(1 + random.nextInt(15), null, holder, from);
      if (random.nextDouble() < 0.15 && !earlier.isEmpty()) {
        c = repeat(c.code(), earlier.get(random.nextInt(earlier.size())));
      }
      LocalDate claimed = random.nextDouble() < 0.04 ? c.dateFrom().minusDays(1 + random.nextInt(3)) : c.dateClaimed();
      String icd = unknownDiagnoses && random.nextDouble() < 0.04 ? "ZZ99" : c.icd();
      List<ClaimItem> items = c.items().stream().map(i -> random.nextDouble() < 0.2
          ? new ClaimItem(i.itemCode(), i.qtyProvided().multiply(BigDecimal.valueOf(2 + random.nextInt(4))),
              i.priceAsked())
          : i).collect(Collectors.toCollection(ArrayList::new));
      List<ClaimService> services = c.services().stream().map(this::service)
          .collect(Collectors.toCollection(ArrayList::new));
      addLimited(items, services);
      Claim made = new Claim(c.code(), c.chfId(), c.healthFacility(), c.dateFrom(), c.dateTo(), claimed, c.visitType(),
          icd, c.icd1(), c.icd2(), c.icd3(), c.icd4(), items, services, voucher(c.chfId()));
      if (earlier.size() < 300) {
        earlier.add(made);
      } else {
        earlier.set(random.nextInt(earlier.size()), made);
      }
      return made;
    }

    /** The same care for the same insuree at the same facility, 0–45 days later. */
    private Claim repeat(String code, Claim before) {
      long days = random.nextInt(46);
      return new Claim(code, before.chfId(), before.healthFacility(), before.dateFrom().plusDays(days),
          before.dateTo() == null ? null : before.dateTo().plusDays(days), before.dateClaimed().plusDays(days),
          before.visitType(), before.icd(), before.icd1(), before.icd2(), before.icd3(), before.icd4(),
          before.items(), before.services(), null);
    }

    /** Sometimes a code with a provision limit (LLIN 1 per policy period; PHYSIO 4 a month...). */
    private void addLimited(List<ClaimItem> items, List<ClaimService> services) {
      if (random.nextDouble() < 0.1 && items.stream().noneMatch(i -> i.itemCode().equals("LLIN"))) {
        items.add(new ClaimItem("LLIN", BigDecimal.valueOf(1 + random.nextInt(2)), new BigDecimal("5000.00")));
      }
      String code = random.nextBoolean() ? "PHYSIO" : LIMITED_SERVICES.get(random.nextInt(LIMITED_SERVICES.size()));
      if (random.nextDouble() < 0.2 && services.stream().noneMatch(s -> s.serviceCode().equals(code))) {
        services.add(new ClaimService(code, BigDecimal.valueOf(1 + random.nextInt(5)), new BigDecimal("2000.00"),
            null, null));
      }
    }

    private ClaimService service(ClaimService s) {
      BigDecimal qty = random.nextDouble() < 0.15 ? s.qtyProvided().add(BigDecimal.valueOf(1 + random.nextInt(3)))
          : s.qtyProvided();
      boolean packaged = s.serviceCode().equals("ANCPK") || s.serviceCode().equals("HIVPK");
      if (packaged && random.nextDouble() < 0.6) {
        List<ClaimSubLine> parts = random.nextBoolean()
            ? List.of(new ClaimSubLine("OPD1", BigDecimal.ONE, new BigDecimal("1000.00")))
            : List.of(new ClaimSubLine("OPD1", BigDecimal.ONE, new BigDecimal("1000.00")),
                new ClaimSubLine("LHIV", BigDecimal.ONE, new BigDecimal("2000.00")));
        return new ClaimService(s.serviceCode(), qty, s.priceAsked(), List.of(), parts);
      }
      return new ClaimService(s.serviceCode(), qty, s.priceAsked(), s.subItems(), s.subServices());
    }

    /** A holder names mostly their own voucher; anyone may name another, an unknown one, or none. */
    private String voucher(String chfId) {
      double draw = random.nextDouble();
      String own = policyOf.get(chfId);
      if (own != null && draw < 0.5) {
        return own;
      }
      if (draw < (own != null ? 0.8 : 0.1)) {
        return vouchers.get(random.nextInt(vouchers.size())).number();
      }
      return draw < (own != null ? 0.9 : 0.12) ? "ZZZ999" : null;
    }
  }
}

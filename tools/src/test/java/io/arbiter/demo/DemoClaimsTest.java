package io.arbiter.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimItem;
import io.arbiter.claim.ClaimService;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineStatus;
import io.arbiter.claim.RejectionCode;
import io.arbiter.engine.Arbiter;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoClaimsTest {
  private static SchemeDocument demo;

  @BeforeAll
  static void generate() {
    demo = DemoScheme.generate(DemoScheme.DEFAULT_SEED);
  }

  @Test
  void next_sameSchemeAndSeed_givesTheSameClaims() {
    assertThat(claims(new DemoClaims(demo, 1, "T"), 20, 10)).isEqualTo(claims(new DemoClaims(demo, 1, "T"), 20, 10));
    assertThat(claims(new DemoClaims(demo, 1, "T"), 20, 10)).isNotEqualTo(claims(new DemoClaims(demo, 2, "T"), 20, 10));
  }

  @Test
  void next_tenLines_givesTenDistinctLinesWithServicesAndItems() {
    for (Claim c : claims(new DemoClaims(demo, 3, "T"), 50, 10)) {
      assertThat(c.items().size() + c.services().size()).isEqualTo(10);
      assertThat(c.services()).isNotEmpty();
      assertThat(c.items()).isNotEmpty();
      Stream<String> codes = Stream.concat(c.items().stream().map(ClaimItem::itemCode),
          c.services().stream().map(ClaimService::serviceCode));
      assertThat(codes).doesNotHaveDuplicates();
      assertThat(c.dateClaimed()).isAfterOrEqualTo(c.targetDate());
    }
  }

  @Test
  void next_manyClaims_varyInsureeFacilityAndStay() {
    List<Claim> claims = claims(new DemoClaims(demo, 4, "T"), 100, 10);

    assertThat(claims.stream().map(Claim::chfId).distinct().count()).isGreaterThan(90);
    assertThat(claims.stream().map(Claim::healthFacility).distinct().count()).isGreaterThan(10);
    assertThat(claims).anyMatch(Claim::inPatient).anyMatch(c -> !c.inPatient());
    assertThat(claims).extracting(Claim::code).doesNotHaveDuplicates().allMatch(code -> code.startsWith("T"));
  }

  @Test
  void next_zeroLines_isRefused() {
    assertThatThrownBy(() -> new DemoClaims(demo, 1, "T").next(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void submit_generatedClaims_acceptsMostLinesAndRejectsSomeForSeveralReasons() {
    Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(demo).build();
    List<LineDecision> lines = new ArrayList<>();
    List<ClaimDecision> decisions = new ArrayList<>();
    for (Claim c : claims(new DemoClaims(demo, DemoScheme.DEFAULT_SEED, "T"), 60, 10)) {
      ClaimDecision d = arbiter.claims().submit(c).decision();
      decisions.add(d);
      lines.addAll(d.items());
      lines.addAll(d.services());
    }

    assertThat(decisions).extracting(ClaimDecision::status).contains(ClaimStatus.CHECKED);
    long passed = lines.stream().filter(l -> l.status() == LineStatus.PASSED).count();
    assertThat(passed).isGreaterThan(lines.size() / 2).isLessThan(lines.size());
    assertThat(lines.stream().map(LineDecision::rejectionReason).filter(RejectionCode::rejects).distinct().count())
        .isGreaterThanOrEqualTo(3);
    assertThat(decisions).filteredOn(d -> d.status() == ClaimStatus.CHECKED)
        .anyMatch(d -> Stream.concat(d.items().stream(), d.services().stream())
            .anyMatch(l -> l.status() == LineStatus.REJECTED));
  }

  private static List<Claim> claims(DemoClaims generator, int count, int lines) {
    return IntStream.range(0, count).mapToObj(i -> generator.next(lines)).toList();
  }
}

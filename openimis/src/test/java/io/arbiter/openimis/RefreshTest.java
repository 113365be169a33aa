package io.arbiter.openimis;

import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimItem;
import io.arbiter.engine.Arbiter;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.MedicalService;
import io.arbiter.population.ImportSummary;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 §2: {@link OpenImisRefresher}, as {@code serve --openimis --refresh} runs it: a refresh
 * reads only the population rows changed since the last run, loads the register's new versions,
 * and leaves decided claims alone.
 */
class RefreshTest {
  @TempDir
  Path dir;

  @Test
  void refresh_afterEditsInOpenImis_newVersionAndChangedInsureeOnly_decidedClaimUnchanged() throws Exception {
    String url = OpenImisDemo.copy();
    try (JdbcStore store = JdbcStore.open(new JdbcStoreOptions().setUrl(JdbcStoreOptions.h2File(dir.resolve("a").toString())))) {
      // As serve starts on an empty database: the demo scheme first, then the refresher's full import.
      Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).store(store)
          .scheme(io.arbiter.demo.DemoScheme.generate(io.arbiter.demo.DemoScheme.DEFAULT_SEED)).build();
      OpenImisRefresher refresher = new OpenImisRefresher(url, OpenImisDemo.USER, null, arbiter);
      ImportSummary first = refresher.refresh();
      assertThat(first.rows().rejected()).as(first.errors().toString()).isZero();
      assertThat(first.insurees().imported()).isEqualTo(69);
      Instant firstWatermark = refresher.watermark();
      BigDecimal price = store.latestScheme().orElseThrow().document().items().stream()
          .filter(i -> i.code().equals("0001")).findFirst().orElseThrow().price();
      ClaimDecision decided = arbiter.claims().submit(new Claim("OI-R-1", "172000001", "VIHOS001", LocalDate.of(2019, 3, 1),
          LocalDate.of(2019, 3, 1), LocalDate.of(2019, 3, 1), "O", "A000", null, null, null, null,
          List.of(new ClaimItem("0001", BigDecimal.ONE, price)), List.of(), null)).decision();

      // openIMIS's way of editing: copy the row as history (ValidityTo now, LegacyID the row), then
      // update the row in place with ValidityFrom now.
      OpenImisDemo.execute(url, String.join(";\n",
          "CREATE TEMPORARY TABLE h AS SELECT * FROM \"tblInsuree\" WHERE \"CHFID\" = '172000001'"
              + " AND \"ValidityTo\" IS NULL",
          "UPDATE h SET \"LegacyID\" = \"InsureeID\", \"InsureeID\" = 90001, \"InsureeUUID\" = 'refresh-history',"
              + " \"ValidityTo\" = CURRENT_TIMESTAMP",
          "INSERT INTO \"tblInsuree\" SELECT * FROM h",
          "UPDATE \"tblInsuree\" SET \"DOB\" = DATE '1979-05-09', \"ValidityFrom\" = CURRENT_TIMESTAMP"
              + " WHERE \"CHFID\" = '172000001' AND \"ValidityTo\" IS NULL",
          "INSERT INTO \"tblServices\" (\"ServiceID\", \"ServiceUUID\", \"LegacyID\", \"ServCode\", \"ServName\","
              + " \"ServType\", \"ServLevel\", \"ServPrice\", \"ServCareType\", \"ServFrequency\", \"ServPatCat\","
              + " \"ValidityFrom\", \"ValidityTo\", \"AuditUserID\") SELECT 90002, 'refresh-a1', \"ServiceID\","
              + " \"ServCode\", \"ServName\", \"ServType\", \"ServLevel\", \"ServPrice\", \"ServCareType\","
              + " \"ServFrequency\", \"ServPatCat\", \"ValidityFrom\", TIMESTAMP '2030-01-01 09:00:00', 1"
              + " FROM \"tblServices\" WHERE \"ServCode\" = 'A1' AND \"ValidityTo\" IS NULL",
          "UPDATE \"tblServices\" SET \"ServPrice\" = 555, \"ValidityFrom\" = TIMESTAMP '2030-01-01 09:00:00'"
              + " WHERE \"ServCode\" = 'A1' AND \"ValidityTo\" IS NULL AND \"ServiceID\" <> 90002"));

      ImportSummary refresh = refresher.refresh();

      assertThat(refresh.rows().rejected()).as(refresh.errors().toString()).isZero();
      assertThat(refresh.insurees().imported()).as("only the changed insuree is read again").isEqualTo(1);
      assertThat(refresh.rows().imported()).isEqualTo(1);
      assertThat(refresher.watermark()).isAfter(firstWatermark);
      assertThat(store.population(null).insuree("172000001").dob()).isEqualTo(LocalDate.of(1979, 5, 9));
      assertThat(store.latestScheme().orElseThrow().document().services()).filteredOn(x -> x.code().equals("A1"))
          .extracting(MedicalService::validFrom, MedicalService::validTo, x -> x.price().intValue())
          .containsExactly(org.assertj.core.groups.Tuple.tuple(null, LocalDate.of(2029, 12, 31), 400),
              org.assertj.core.groups.Tuple.tuple(LocalDate.of(2030, 1, 1), null, 555));
      assertThat(arbiter.claims().decision("OI-R-1")).as("a decided claim is not adjudicated again").hasValue(decided);
    }
  }

  @Test
  void refresh_policyAndMembershipsDeletedInOpenImis_endedOnTheDayOfDeletion_decidedClaimUnchanged() throws Exception {
    String url = OpenImisDemo.copy();
    // The demo's policies all expired in 2020: run the family's into the future, so that ending them shows.
    String family = "(SELECT \"FamilyID\" FROM \"tblInsuree\" WHERE \"CHFID\" = '172000001' AND \"ValidityTo\" IS NULL)";
    String policies = "(SELECT \"PolicyID\" FROM \"tblPolicy\" WHERE \"FamilyID\" = " + family + ")";
    OpenImisDemo.execute(url, String.join(";\n",
        "UPDATE \"tblPolicy\" SET \"ExpiryDate\" = DATE '2099-12-31' WHERE \"FamilyID\" = " + family,
        "UPDATE \"tblInsureePolicy\" SET \"ExpiryDate\" = DATE '2099-12-31' WHERE \"PolicyId\" IN " + policies));
    try (JdbcStore store = JdbcStore.open(new JdbcStoreOptions().setUrl(JdbcStoreOptions.h2File(dir.resolve("d").toString())))) {
      Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).store(store)
          .scheme(io.arbiter.demo.DemoScheme.generate(io.arbiter.demo.DemoScheme.DEFAULT_SEED)).build();
      OpenImisRefresher refresher = new OpenImisRefresher(url, OpenImisDemo.USER, null, arbiter);
      refresher.refresh();
      List<io.arbiter.scheme.Membership> before = store.population(null).memberships("172000001");
      assertThat(before).isNotEmpty().allSatisfy(m -> assertThat(m.expiryDate()).isEqualTo(LocalDate.of(2099, 12, 31)));
      BigDecimal price = store.latestScheme().orElseThrow().document().items().stream()
          .filter(i -> i.code().equals("0001")).findFirst().orElseThrow().price();
      ClaimDecision decided = arbiter.claims().submit(new Claim("OI-D-1", "172000001", "VIHOS001", LocalDate.now(),
          LocalDate.now(), LocalDate.now(), "O", "A000", null, null, null, null,
          List.of(new ClaimItem("0001", BigDecimal.ONE, price)), List.of(), null)).decision();

      // openIMIS's way of deleting: ValidityTo set on the row, no LegacyID.
      OpenImisDemo.execute(url, String.join(";\n",
          "UPDATE \"tblInsureePolicy\" SET \"ValidityTo\" = CURRENT_TIMESTAMP WHERE \"PolicyId\" IN " + policies
              + " AND \"ValidityTo\" IS NULL",
          "UPDATE \"tblPolicy\" SET \"ValidityTo\" = CURRENT_TIMESTAMP WHERE \"FamilyID\" = " + family
              + " AND \"ValidityTo\" IS NULL"));
      ImportSummary refresh = refresher.refresh();

      assertThat(refresh.rows().rejected()).as(refresh.errors().toString()).isZero();
      LocalDate today = LocalDate.now();
      List<io.arbiter.scheme.Membership> after = store.population(null).memberships("172000001");
      assertThat(after).hasSameSizeAs(before).allSatisfy(m -> {
        assertThat(m.expiryDate()).isEqualTo(today);
        assertThat(store.population(null).policy(m.policyId()).expiryDate()).isEqualTo(today);
      });
      assertThat(arbiter.claims().decision("OI-D-1")).as("a decided claim is not adjudicated again").hasValue(decided);
    }
  }
}

package io.arbiter.openimis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.arbiter.engine.Arbiter;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.population.ImportFormat;
import io.arbiter.population.ImportListener;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 §3: openIMIS's demo claims replayed through Arbiter, compared with openIMIS's decisions.
 * The figures are the README's ("Coming from openIMIS"): every decided claim differs, and each
 * difference comes from data changed in openIMIS after it decided, not from a rule: the demo's
 * policies were moved to 2019-08-20..2020-08-19 (code 3, not covered, for claims of January 2019),
 * and CIA06601's memberships and policies were deleted on 2019-09-09 (code 7, no membership).
 */
class ClaimReplayTest {
  @TempDir
  Path dir;

  @Test
  void replay_demoClaims_agreementAndDifferencesCounted() throws Exception {
    try (Connection c = OpenImisImport.connect(OpenImisDemo.url(), OpenImisDemo.USER, null);
        JdbcStore store = JdbcStore.open(new JdbcStoreOptions().setUrl(JdbcStoreOptions.h2File(dir.resolve("a").toString())))) {
      OpenImisImport importer = new OpenImisImport(c);
      StringWriter population = new StringWriter();
      OpenImisImport.Result result = importer.run("demo", population);
      Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).store(store).scheme(result.scheme()).build();
      arbiter.imports().population(new ByteArrayInputStream(population.toString().getBytes(StandardCharsets.UTF_8)),
          ImportFormat.NDJSON, ImportListener.NONE);
      ClaimReplay replay = new ClaimReplay(arbiter);

      importer.claims(replay::accept);

      ClaimReplay.Summary s = replay.summary();
      assertThat(s.submitted()).isEqualTo(10);
      assertThat(s.refused()).isZero();
      assertThat(s.decided()).isEqualTo(7);
      assertThat(s.agree()).isZero();
      assertThat(s.differ()).isEqualTo(7);
      assertThat(s.differences()).filteredOn(d -> d.what().endsWith("rejection code"))
          .allSatisfy(d -> assertThat(d.arbiter()).isEqualTo(d.claimCode().equals("CIA06601") ? "7" : "3"));
      assertThat(s.differences()).filteredOn(d -> d.what().equals("status"))
          .extracting(ClaimReplay.Difference::claimCode, ClaimReplay.Difference::arbiter)
          .containsExactly(tuple("CIA00001", "1"), tuple("UPDH0001", "1"), tuple("UPDH0002", "1"),
              tuple("JADH0001", "1"), tuple("CIA06601", "1"), tuple("UPDH0009", "1"));
      assertThat(s.differences()).as("RAD00001: rejected by both, by openIMIS for care type (10)")
          .filteredOn(d -> d.claimCode().equals("RAD00001")).extracting(ClaimReplay.Difference::what)
          .containsExactly("service 2 (A1) rejection code");
      assertThat(result.report().getTables().get("tblClaim").getLoaded()).isEqualTo(10);
      assertThat(s.toText()).startsWith("openIMIS claims replayed: 10 adjudicated, 0 refused; of 7 openIMIS had"
          + " decided, Arbiter agrees on 0 and differs on 7");
    }
  }
}

package io.arbiter.store.jdbc;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arbiter.engine.Arbiter;
import io.arbiter.engine.ArbiterException;
import io.arbiter.engine.ExportScenario;
import io.arbiter.engine.LedgerEntryScenario;
import io.arbiter.review.Review;
import io.arbiter.engine.Submission;
import io.arbiter.engine.TestScheme;
import io.arbiter.engine.ValuationTest;
import io.arbiter.engine.VouchersTest;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.RejectionCode;
import io.arbiter.store.ClaimEvent;
import io.arbiter.store.Store;
import io.arbiter.population.VoucherImportSummary;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every durable {@link Store} must do, run against H2 and PostgreSQL by the subclasses:
 * survive a restart, keep every state change, book once per claim, and never over-grant a limit
 * under concurrency.
 */
abstract class StoreContractTest {

  /** A fresh, empty store; each call within one test opens the same database. */
  abstract Store open();

  /** The same database as {@link #open()}, its events timed by {@code clock}. */
  abstract Store open(java.time.Clock clock);

  /** The same database as {@link #open()}, running {@code beforeCommit} before each group's commit. */
  abstract Store open(GroupCommitter.BeforeCommit beforeCommit);

  /** The most database connections a store from {@link #open()} holds at once. */
  abstract int poolSize();

  @Test
  void claimsSubmittedSince_exportsFromTheBoundaryInSubmissionOrder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    ExportScenario clock = new ExportScenario();
    try (Store store = open(clock)) {
      clock.run(store, dir);
    }
  }

  private static TestScheme limited(int limitNo) {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("PARA").put("limitNoAdult", limitNo);
    scheme.item("PARA").put("frequency", 30);
    return scheme;
  }

  @Test
  void restart_keepsClaimsSchemeAndLedger() {
    TestScheme scheme = limited(5);
    String version;
    try (Store store = open()) {
      Arbiter arbiter = scheme.arbiter(store);
      version = arbiter.scheme().summary().version();
      assertThat(arbiter.claims().submit(claim().code("S1").on("2026-06-01").item("PARA", "1", "10").build())
          .decision().status()).isEqualTo(ClaimStatus.CHECKED);
    }
    try (Store store = open()) {
      Arbiter restarted = Arbiter.builder().rules(TestScheme.rules()).store(store).build();
      assertThat(restarted.scheme().summary().version()).isEqualTo(version);
      assertThat(restarted.claims().decision("S1")).hasValueSatisfying(d -> assertThat(d.status()).isEqualTo(ClaimStatus.CHECKED));
      assertThat(restarted.claims().submit(claim().code("S2").on("2026-06-10").item("PARA", "1", "10").build())
          .decision().items().get(0).rejectionReason()).as("frequency sees the claim from before the restart")
          .isEqualTo(RejectionCode.FREQUENCY);
      assertThat(restarted.balances().of("111", LocalDate.parse("2026-06-15")).policies().get(0).provisions())
          .singleElement().satisfies(c -> assertThat(c.used()).isEqualByComparingTo("1"));
    }
  }

  @Test
  void samplingBatch_survivesARestartAndKeepsAClaimInOneBatch() {
    String id;
    try (Store store = open()) {
      Arbiter arbiter = TestScheme.base().arbiter(store);
      for (int i = 0; i < 4; i++) {
        arbiter.claims().submit(claim().code("SB" + i).facility("HF1").item("PARA", "1", "10").build());
      }
      assertThat(store.claims(new io.arbiter.review.ClaimFilter("HF1", null, null, null)))
          .extracting(c -> c.claim().code()).containsExactly("SB0", "SB1", "SB2", "SB3");
      assertThat(store.claims(new io.arbiter.review.ClaimFilter("HF9", null, null, null))).isEmpty();
      id = arbiter.sampling().create(new io.arbiter.review.BatchRequest(null, 50.0, null, 5L)).id();
    }
    try (Store store = open()) {
      Arbiter restarted = Arbiter.builder().rules(TestScheme.rules()).store(store).build();
      assertThat(restarted.sampling().get(id)).hasValueSatisfying(b -> assertThat(b.claims()).hasSize(4));
      assertThatThrownBy(() -> restarted.sampling().create(new io.arbiter.review.BatchRequest(null, 50.0, null, 6L)))
          .isInstanceOfSatisfying(ArbiterException.class, e -> assertThat(e.kind())
              .isEqualTo(ArbiterException.Kind.CONFLICT));
    }
  }

  @Test
  void claimWithLedger_showsTheClaimsOwnEntryProvisionalThenFinal() {
    try (Store store = open()) {
      LedgerEntryScenario.run(store);
    }
  }

  @Test
  void history_keepsEveryStateOfTheDecision() {
    try (Store store = open()) {
      Arbiter arbiter = TestScheme.base().arbiter(store);
      arbiter.claims().submit(claim().code("H1").item("PARA", "2", "10").build());
      arbiter.reviews().review("H1", new Review(List.of(new Review.LineReview(1, null, new BigDecimal("1"), null, "one")),
          List.of()));
      arbiter.claims().process("H1");
      List<ClaimEvent> history = arbiter.claims().history("H1");
      assertThat(history).extracting(ClaimEvent::event).containsExactly("submitted", "reviewed", "processed");
      assertThat(history).extracting(e -> e.decision().status())
          .containsExactly(ClaimStatus.CHECKED, ClaimStatus.CHECKED, ClaimStatus.VALUATED);
      assertThat(history.get(0).decision().items().get(0).qtyApproved()).isEqualByComparingTo("2");
      assertThat(history.get(1).decision().items().get(0).qtyApproved()).isEqualByComparingTo("1");
    }
  }

  @Test
  void resubmission_identicalBodyBooksOnceAndDifferentBodyConflicts() {
    try (Store store = open()) {
      Arbiter arbiter = limited(1).arbiter(store);
      Claim c = claim().code("I1").item("PARA", "1", "10").build();
      assertThat(arbiter.claims().submit(c).created()).isTrue();
      Submission again = arbiter.claims().submit(c);
      assertThat(again.created()).isFalse();
      assertThat(again.decision().items().get(0).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
      assertThat(arbiter.claims().history("I1")).hasSize(1);
      assertThatThrownBy(() -> arbiter.claims().submit(claim().code("I1").item("PARA", "2", "10").build()))
          .isInstanceOfSatisfying(ArbiterException.class,
              e -> assertThat(e.kind()).isEqualTo(ArbiterException.Kind.CONFLICT));
      assertThat(arbiter.balances().of("111", LocalDate.parse("2026-06-15")).policies().get(0).provisions())
          .singleElement().satisfies(p -> assertThat(p.used()).isEqualByComparingTo("1"));
    }
  }

  @Test
  void concurrency_twoHundredClaimsNeverOverGrantALimit() throws Exception {
    try (Store store = open()) {
      TestScheme scheme = limited(7);
      scheme.item("PARA").put("frequency", 0);
      Arbiter arbiter = scheme.arbiter(store);
      assertThat(grantedConcurrently(List.of(arbiter), 200)).isEqualTo(7);
    }
  }

  /** Submits {@code claims} one-line PARA claims of insuree 111 from 8 threads over the arbiters. */
  static int grantedConcurrently(List<Arbiter> arbiters, int claims) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<ClaimDecision>> futures = new ArrayList<>();
      for (int i = 0; i < claims; i++) {
        Arbiter arbiter = arbiters.get(i % arbiters.size());
        Claim c = claim().code("CC" + i).item("PARA", "1", "10").build();
        futures.add(pool.submit(() -> arbiter.claims().submit(c).decision()));
      }
      int granted = 0;
      for (Future<ClaimDecision> f : futures) {
        granted += f.get().items().get(0).rejectionReason() == RejectionCode.ACCEPTED ? 1 : 0;
      }
      return granted;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void cache_seesBookingsOfAnotherInstance() {
    TestScheme scheme = limited(2);
    try (Store first = open(); Store second = open()) {
      Arbiter a = scheme.arbiter(first);
      Arbiter b = Arbiter.builder().rules(TestScheme.rules()).store(second).build();
      assertThat(b.claims().submit(claim().code("X1").on("2026-03-01").item("PARA", "1", "10").build()).decision()
          .items().get(0).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
      assertThat(a.claims().submit(claim().code("X2").on("2026-04-01").item("PARA", "1", "10").build()).decision()
          .items().get(0).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
      assertThat(b.claims().submit(claim().code("X3").on("2026-05-01").item("PARA", "1", "10").build()).decision()
          .items().get(0).rejectionReason()).as("b's cached ledger is stale after a's booking").isEqualTo(RejectionCode.MAX_PROVISIONS);
    }
  }

  @Test
  void vouchers_usedIsNeverSetBackByALaterScheme() {
    TestScheme scheme = VouchersTest.voucherScheme();
    try (Store store = open()) {
      Arbiter arbiter = scheme.arbiter(store);
      ((com.fasterxml.jackson.databind.node.ObjectNode) scheme.array("vouchers").get(0)).put("status", "New");
      arbiter.scheme().replace(scheme.document());
      assertThat(arbiter.claims().submit(claim().voucher("POL1").service("CONS", "1", "100").build()).decision()
          .services().get(0).rejectionReason()).as("POL1 stays Used").isEqualTo(RejectionCode.ACCEPTED);
    }
  }

  /**
   * Issue 15 §7c: a voucher import counts the rows that changed the register (imported) apart from
   * those that changed nothing (unchanged), so a re-run of the same file imports 0. A number twice
   * in one file sees its first row's write.
   */
  @Test
  void vouchers_reimportCountsUnchangedRowsApart() throws Exception {
    try (Store store = open()) {
      Arbiter arbiter = VouchersTest.voucherScheme().arbiter(store);
      String register = "number,status\nRIM001,New\nRIM002,Cancel\nRIM003,Used\n";
      assertThat(arbiter.imports().vouchers(new java.io.StringReader(register)))
          .isEqualTo(new VoucherImportSummary(3, 3, 0, 0, List.of()));
      assertThat(arbiter.imports().vouchers(new java.io.StringReader(register)))
          .as("the same file again").isEqualTo(new VoucherImportSummary(3, 0, 3, 0, List.of()));
      assertThat(arbiter.imports().vouchers(new java.io.StringReader(
          "number,status\nRIM001,new\nRIM002,New\nRIM003,New\nRIM004,New\nRIM004,New\nRIM005,New\nRIM005,Used\n")))
          .as("RIM002 and RIM005 changed, RIM004 and RIM005 added; RIM001 and RIM004 as they are, RIM003 Used")
          .isEqualTo(new VoucherImportSummary(7, 4, 3, 0, List.of()));
      assertThat(store.population(null).voucher("RIM002").status()).isEqualTo(io.arbiter.scheme.Voucher.Status.NEW);
      assertThat(store.population(null).voucher("RIM005").status()).isEqualTo(io.arbiter.scheme.Voucher.Status.USED);
    }
  }

  /**
   * Issue 15 §4: on a database population too, the members counted for maxPolicyExtraMember are
   * the memberships valid at the target date, in valuation and in the balance.
   */
  @Test
  void extraMembers_countedAtTheTargetDate() {
    try (Store store = open()) {
      Arbiter arbiter = ValuationTest.extraMembers().arbiter(store);
      for (String date : List.of("2026-05-31", "2026-06-01", "2026-06-30", "2026-07-01")) {
        assertThat(ValuationTest.policyCeilingInBalance(arbiter, date)).as(date)
            .isEqualByComparingTo(ValuationTest.extraMembersCeiling(date));
      }
      assertThat(arbiter.claims().submit(claim().on("2026-06-30").service("SURG", "1", "5000").build()).decision()
          .services().get(0).priceValuated()).as("three members").isEqualByComparingTo("150.00");
      assertThat(arbiter.claims().submit(claim().on("2026-07-01").service("SURG", "1", "5000").build()).decision()
          .services().get(0).priceValuated()).as("four members: 200, less the 150 paid").isEqualByComparingTo("50.00");
    }
  }

  @Test
  void vouchers_csvImportReportsBadRowsAndNeverSetsUsedBack() throws Exception {
    try (Store store = open()) {
      Arbiter arbiter = VouchersTest.voucherScheme().arbiter(store);
      VoucherImportSummary first = arbiter.imports().vouchers(new java.io.StringReader(
          "number,status\nNEWV02,used\nABC,New\nNEWV03,maybe\n\nCANV02,CANCEL\n"));
      assertThat(first.read()).isEqualTo(4);
      assertThat(first.imported()).isEqualTo(2);
      assertThat(first.unchanged()).isZero();
      assertThat(first.rejected()).isEqualTo(2);
      assertThat(first.errors()).extracting(e -> e.line() + " " + e.field())
          .containsExactly("3 number", "4 status");
      assertThat(arbiter.imports().vouchers(new java.io.StringReader("number,status\nNEWV02,New\n")).unchanged())
          .as("Used is never set back").isEqualTo(1);
      assertThat(arbiter.claims().submit(claim().voucher("NEWV02").service("CONS", "1", "100").build()).decision()
          .services().get(0).rejectionReason()).as("still Used, another policy's").isEqualTo(RejectionCode.VOUCHER_OTHER_POLICY);
      assertThat(arbiter.claims().submit(claim().voucher("CANV02").service("CONS", "1", "100").build()).decision()
          .services().get(0).rejectionReason()).isEqualTo(RejectionCode.VOUCHER_CANCELLED);
    }
  }

  /**
   * Issue 15 §0: right after a start every family is cold, and a claim's (or balance's) transaction
   * holds its connection while the population of its family is read. With 4 × the pool size of
   * concurrent claims and balance reads for distinct families, each must still answer at once, not
   * after the pool's 30 s timeout (which is what they got when the population loader borrowed a
   * second connection).
   */
  @Test
  void coldFamilies_fourTimesThePoolSizeOfConcurrentClaimsAndBalancesAllAnswerAtOnce() throws Exception {
    int requests = 4 * poolSize();
    TestScheme scheme = TestScheme.base();
    for (int i = 0; i <= requests; i++) {
      addFamily(scheme, "CF" + i, "CHF" + i);
    }
    try (Store first = open()) {
      scheme.arbiter(first);
    }
    try (Store store = open()) {
      Arbiter arbiter = Arbiter.builder().rules(TestScheme.rules()).store(store).build();
      // One family warms the rules up, so the timing below measures waiting, not the first compilation.
      arbiter.claims().submit(claim().code("WARM").insuree("CHF0").item("PARA", "1", "10").build());
      ExecutorService pool = Executors.newFixedThreadPool(requests);
      try {
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 1; i <= requests; i++) {
          String chfId = "CHF" + i;
          Claim c = claim().code("COLD" + i).insuree(chfId).item("PARA", "1", "10").build();
          boolean balance = i % 4 == 0;
          futures.add(pool.submit(() -> {
            start.await();
            return balance ? arbiter.balances().of(chfId, LocalDate.parse("2026-06-15")).policies().size()
                : arbiter.claims().submit(c).decision().status().code();
          }));
        }
        long began = System.nanoTime();
        start.countDown();
        for (int i = 1; i <= requests; i++) {
          long left = COLD_ANSWER_WITHIN.toNanos() - (System.nanoTime() - began);
          assertThat(futures.get(i - 1).get(Math.max(left, 0), java.util.concurrent.TimeUnit.NANOSECONDS))
              .as("a policy in the balance, or a checked claim").isEqualTo(i % 4 == 0 ? 1 : ClaimStatus.CHECKED.code());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** Far below the pool's 30 s connection timeout, and ample for 32 one-line claims on a busy machine. */
  private static final java.time.Duration COLD_ANSWER_WITHIN = java.time.Duration.ofSeconds(3);

  /** A family of one insuree on a policy of its own, like the base scheme's F1. */
  private static void addFamily(TestScheme scheme, String familyId, String chfId) {
    scheme.array("families").addObject().put("id", familyId).put("headChfId", chfId);
    scheme.array("insurees").addObject().put("chfId", chfId).put("familyId", familyId).put("gender", "M")
        .put("dob", "1980-06-15");
    com.fasterxml.jackson.databind.node.ObjectNode policy = scheme.policy("POL1").deepCopy();
    scheme.array("policies").add(policy.put("id", "P" + familyId).put("familyId", familyId));
    com.fasterxml.jackson.databind.node.ObjectNode membership = scheme.membership("111").deepCopy();
    scheme.array("memberships").add(membership.put("chfId", chfId).put("policyId", "P" + familyId));
  }

  /**
   * Issue 15 §5: the FHIR insurance a claim was posted with is kept with the request, so the claim
   * reads back as posted after a restart, and the same claim posted again is the same claim.
   */
  @Test
  void submitted_claimWithInsurance_keepsItAcrossARestart() {
    Claim built = claim().code("INS1").on("2026-06-01").item("PARA", "1", "10").build();
    Claim posted = new Claim(built.code(), built.chfId(), built.healthFacility(), built.dateFrom(), built.dateTo(),
        built.dateClaimed(), built.visitType(), built.icd(), built.icd1(), built.icd2(), built.icd3(), built.icd4(),
        built.items(), built.services(), built.voucher(),
        "[{\"sequence\":1,\"focal\":true,\"coverage\":{\"reference\":\"Coverage/POL1\"}}]");
    try (Store store = open()) {
      TestScheme.base().arbiter(store).claims().submit(posted);
    }
    try (Store store = open()) {
      Arbiter restarted = Arbiter.builder().rules(TestScheme.rules()).store(store).build();
      assertThat(restarted.claims().submitted("INS1")).contains(posted);
      assertThat(restarted.claims().submit(posted).created()).isFalse();
    }
  }

  /**
   * Issue 18 §1: claims of many families at once are all answered, each checked and stored, and
   * they are committed in groups (some group holds more than one claim).
   */
  @Test
  void groupCommit_claimsOfManyFamiliesAtOnceAreAllStoredInGroups() throws Exception {
    int families = 4 * poolSize();
    TestScheme scheme = TestScheme.base();
    for (int i = 1; i <= families; i++) {
      addFamily(scheme, "GF" + i, "GCHF" + i);
    }
    java.util.concurrent.atomic.AtomicInteger largest = new java.util.concurrent.atomic.AtomicInteger();
    try (Store store = open((c, units) -> largest.accumulateAndGet(units, Math::max))) {
      Arbiter arbiter = scheme.arbiter(store);
      List<Claim> claims = new ArrayList<>();
      for (int i = 0; i < 3 * families; i++) {
        claims.add(claim().code("GC" + i).insuree("GCHF" + (1 + i % families)).on("2026-0" + (1 + i / families) + "-10")
            .item("PARA", "1", "10").build());
      }
      List<Future<Submission>> answers = submitAtOnce(arbiter, claims);
      for (int i = 0; i < claims.size(); i++) {
        assertThat(answers.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS).decision().status())
            .isEqualTo(ClaimStatus.CHECKED);
        assertThat(store.bookedClaim("GC" + i)).as("stored with its ledger entry").hasValueSatisfying(
            b -> assertThat(b.usage()).isNotNull());
      }
      assertThat(largest.get()).as("claims arriving together share a commit").isGreaterThan(1);
    }
  }

  /**
   * Issue 18 §1: when a group's commit fails, every claim of the group is answered with the failure
   * and none of them is stored or booked, while the groups before and after it commit; posted
   * again, each failed claim is decided afresh (its family's cached ledger forgot the booking).
   */
  @Test
  void groupCommit_aFailedGroupAnswersEveryMemberAndBooksNone() throws Exception {
    int families = 8;
    TestScheme scheme = TestScheme.base();
    for (int i = 1; i <= families; i++) {
      addFamily(scheme, "FF" + i, "FCHF" + i);
    }
    java.util.concurrent.CountDownLatch queued = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger groups = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean();
    try (Store store = open((c, units) -> {
      if (!armed.get()) {
        return;
      }
      int group = groups.incrementAndGet();
      if (group == 1) {
        // Hold the first claim's group until the others are queued behind it, then fail theirs.
        try {
          queued.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      if (group == 2) {
        failed.set(units);
        throw new java.sql.SQLException("injected failure of a group of " + units);
      }
    })) {
      Arbiter arbiter = scheme.arbiter(store);
      armed.set(true);
      Claim first = claim().code("FG0").insuree("FCHF1").item("PARA", "1", "10").build();
      ExecutorService lone = Executors.newSingleThreadExecutor();
      Future<Submission> firstAnswer = lone.submit(() -> arbiter.claims().submit(first));
      while (groups.get() == 0) {
        Thread.sleep(5);
      }
      List<Claim> others = new ArrayList<>();
      for (int i = 2; i <= families; i++) {
        others.add(claim().code("FG" + i).insuree("FCHF" + i).item("PARA", "1", "10").build());
      }
      List<Future<Submission>> answers = submitAtOnce(arbiter, others);
      Thread.sleep(1000);
      queued.countDown();
      assertThat(firstAnswer.get(30, java.util.concurrent.TimeUnit.SECONDS).created()).isTrue();
      lone.shutdown();
      int refused = 0;
      for (int i = 0; i < others.size(); i++) {
        try {
          // Claims beyond the pool's connections wait for one and land in later groups, which commit.
          assertThat(answers.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS).created()).isTrue();
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(io.arbiter.store.StoreException.class);
          assertThat(store.bookedClaim(others.get(i).code())).as("nothing of a failed group is stored").isEmpty();
          refused++;
        }
      }
      assertThat(refused).as("every member of the failed group is answered with the failure")
          .isEqualTo(failed.get()).isGreaterThan(1);
      for (Claim c : others) {
        Submission again = arbiter.claims().submit(c);
        assertThat(again.decision().items().get(0).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
      }
    }
  }

  /** Submits every claim from a thread of its own, all released at once; the answers in order. */
  private static List<Future<Submission>> submitAtOnce(Arbiter arbiter, List<Claim> claims) {
    ExecutorService pool = Executors.newFixedThreadPool(claims.size());
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<Future<Submission>> answers = new ArrayList<>();
    for (Claim c : claims) {
      answers.add(pool.submit(() -> {
        start.await();
        return arbiter.claims().submit(c);
      }));
    }
    start.countDown();
    pool.shutdown();
    return answers;
  }
}

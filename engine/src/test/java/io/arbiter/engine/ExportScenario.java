package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import io.arbiter.export.TrainingExport;
import io.arbiter.review.Review;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.scoring.TrainingData;
import io.arbiter.scoring.TrainingRecord;
import io.arbiter.store.Store;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The export-training round trip every store must support: submit at set instants, review, export
 * from a boundary, read the file back. Also the clock that times the store's events.
 */
public final class ExportScenario extends Clock {
  static final Instant SINCE = Instant.parse("2026-03-01T00:00:00Z");
  private Instant now = SINCE;

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  public void run(Store store, Path dir) throws Exception {
    Arbiter arbiter = Arbiter.builder().rules(TestScheme.rules()).scheme(TestScheme.base().document())
        .store(store).clock(this).build();
    now = SINCE.minusSeconds(86_400);
    arbiter.claims().submit(claim().code("E0").on("2026-02-20").item("PARA", "1", "10").build());
    now = SINCE.plusSeconds(7200);
    arbiter.claims().submit(claim().code("E2").on("2026-02-24").item("PARA", "4", "10").build());
    now = SINCE;
    ClaimDecision e1 = arbiter.claims().submit(claim().code("E1").on("2026-02-22").item("PARA", "2", "10").build()).decision();
    now = SINCE.plusSeconds(9000);
    arbiter.claims().submit(claim().code("E3").on("2026-02-26").item("PARA", "3", "10").build());
    now = SINCE.plusSeconds(86_400);
    arbiter.reviews().review("E1", new Review(List.of(new Review.LineReview(1, null, new BigDecimal("1"), null, "one")), List.of()));
    arbiter.reviews().review("E2", new Review(List.of(new Review.LineReview(1, 2, null, null, "no")), List.of()));
    arbiter.reviews().review("E0", new Review(List.of(new Review.LineReview(1, null, null, null, "fine")), List.of()));

    List<String> seen = new ArrayList<>();
    store.claimsSubmittedSince(SINCE, h -> seen.add(h.claim().code()));
    assertThat(seen).as("E1 at the boundary, E0 a day before").containsExactly("E1", "E2", "E3");

    Path file = dir.resolve("export.ndjson");
    TrainingExport.Summary summary;
    try (TrainingData.Writer out = new TrainingData.Writer(file, "export", TrainingExport.headerScheme(store))) {
      summary = TrainingExport.export(store, SINCE, out);
    }
    assertThat(summary).isEqualTo(new TrainingExport.Summary(3, 2, 0));
    List<TrainingRecord> read = new ArrayList<>();
    try (TrainingData.Reader in = new TrainingData.Reader(file)) {
      assertThat(SchemeSnapshot.of(in.header().scheme(), "h").codes(io.arbiter.scheme.LineKind.ITEM)).contains("PARA");
      assertThat(in.header().scheme().insurees()).isEmpty();
      in.forEachRemaining(read::add);
    }
    assertThat(read).extracting(r -> r.claim().code()).containsExactly("E1", "E2", "E3");
    TrainingRecord r1 = read.get(0);
    assertThat(r1.decision().items().get(0).qtyApproved()).as("the decision at submission").isEqualByComparingTo("2");
    assertThat(r1.insuree().chfId()).isEqualTo(e1.chfId());
    LineDecision line = e1.items().get(0);
    assertThat(r1.review().items()).singleElement().satisfies(o -> {
      assertThat(o.outcome()).isEqualTo(TrainingRecord.ADJUSTED);
      assertThat(o.adjustedValue()).isEqualByComparingTo(line.priceAdjusted());
    });
    assertThat(read.get(1).review().items()).singleElement().satisfies(o -> {
      assertThat(o.outcome()).isEqualTo(TrainingRecord.REJECTED);
      assertThat(o.adjustedValue()).isEqualByComparingTo(line.priceAdjusted().multiply(new BigDecimal("4")));
    });
    assertThat(read.get(2).review()).isNull();
    assertThat(read.stream().flatMap(r -> r.labels().stream()).toList())
        .isEqualTo(Arrays.asList(true, true, null));
    assertThat(read).allSatisfy(r -> assertThat(r.truth()).isNull());
  }
}

package io.arbiter.training;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimItem;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineStatus;
import io.arbiter.demo.DemoClaims;
import io.arbiter.demo.DemoScheme;
import io.arbiter.engine.Arbiter;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.HealthFacility;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scoring.TrainingData;
import io.arbiter.scoring.TrainingRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A small training file made for tests: demo-scheme claims decided by the real rules, some item
 * lines asked at 1.5–3× their price (mostly at three "inflating" facilities), 60 % of claims
 * reviewed, and inflated lines adjusted far more often than others. Built once per JVM, in a
 * temporary directory, with the LR model trained on it.
 */
final class TrainingFixture {
  static final int CLAIMS = 1600;
  static final long SEED = 11;
  static final Clock CLOCK = Clock.fixed(Instant.parse("2027-01-15T10:00:00Z"), ZoneOffset.UTC);
  private static Path file;
  private static Trainer.Run lr;

  private TrainingFixture() {}

  static synchronized Path file() {
    if (file == null) {
      try {
        Path dir = Files.createTempDirectory("arbiter-training-fixture");
        file = write(dir.resolve("training.ndjson"), CLAIMS, SEED);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return file;
  }

  /** The LR model trained on {@link #file()} with default options and {@link #CLOCK}. */
  static synchronized Trainer.Run lr() {
    if (lr == null) {
      try {
        lr = Trainer.run(file(), new TrainingOptions().setOut(file().resolveSibling("lr")).setClock(CLOCK));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return lr;
  }

  static Path write(Path target, int claims, long seed) throws IOException {
    SchemeDocument doc = DemoScheme.generate(new io.arbiter.demo.DemoOptions().setSeed(DemoScheme.DEFAULT_SEED).setInsurees(800));
    Set<String> inflating = doc.healthFacilities().stream().map(HealthFacility::code).sorted().limit(3)
        .collect(Collectors.toSet());
    Map<String, Insuree> insurees = doc.insurees().stream().collect(Collectors.toMap(Insuree::chfId,
        Function.identity()));
    DemoClaims generator = new DemoClaims(doc, seed, "F");
    SplittableRandom random = new SplittableRandom(seed);
    List<Claim> generated = new ArrayList<>();
    Set<String> inflated = new HashSet<>();
    for (int c = 0; c < claims; c++) {
      Claim claim = generator.next(3 + random.nextInt(6));
      double rate = inflating.contains(claim.healthFacility()) ? 0.3 : 0.03;
      List<ClaimItem> items = new ArrayList<>();
      for (int i = 0; i < claim.items().size(); i++) {
        ClaimItem item = claim.items().get(i);
        if (random.nextDouble() < rate && item.priceAsked().signum() > 0) {
          item = new ClaimItem(item.itemCode(), item.qtyProvided(), item.priceAsked()
              .multiply(BigDecimal.valueOf(1.5 + 1.5 * random.nextDouble())).setScale(2, RoundingMode.HALF_UP));
          inflated.add(claim.code() + "|" + (i + 1));
        }
        items.add(item);
      }
      generated.add(new Claim(claim.code(), claim.chfId(), claim.healthFacility(), claim.dateFrom(),
          claim.dateTo(), claim.dateClaimed(), claim.visitType(), claim.icd(), claim.icd1(), claim.icd2(),
          claim.icd3(), claim.icd4(), items, claim.services(), claim.voucher()));
    }
    // A training file lists claims in the order they were decided.
    generated.sort(Comparator.comparing(Claim::dateClaimed).thenComparing(Claim::code));
    Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(doc).build();
    try (TrainingData.Writer writer = new TrainingData.Writer(target, "test fixture seed=" + seed, doc)) {
      for (Claim claim : generated) {
        ClaimDecision decision = arbiter.claims().submit(claim).decision();
        TrainingRecord.Review review = null;
        if (random.nextDouble() < 0.6) {
          review = new TrainingRecord.Review(
              outcomes(decision.items(), claim.code(), inflated, random),
              outcomes(decision.services(), claim.code() + "/S", inflated, random));
        }
        writer.write(new TrainingRecord(claim, decision, insurees.get(claim.chfId()), review, null));
      }
    }
    return target;
  }

  private static List<TrainingRecord.LineOutcome> outcomes(List<LineDecision> lines, String claimKey,
      Set<String> inflated, SplittableRandom random) {
    List<TrainingRecord.LineOutcome> outcomes = new ArrayList<>();
    for (LineDecision line : lines) {
      if (line.status() != LineStatus.PASSED) {
        continue;
      }
      boolean wasInflated = inflated.contains(claimKey + "|" + line.lineNo());
      BigDecimal asked = line.qtyProvided().multiply(line.priceAsked());
      if (wasInflated && random.nextDouble() < 0.9) {
        BigDecimal listed = line.priceAdjusted() == null ? BigDecimal.ZERO : line.priceAdjusted();
        BigDecimal excess = line.priceAsked().subtract(listed).max(BigDecimal.ZERO).multiply(line.qtyProvided());
        outcomes.add(new TrainingRecord.LineOutcome(line.lineNo(), TrainingRecord.ADJUSTED,
            excess.setScale(2, RoundingMode.HALF_UP), null));
      } else if (!wasInflated && random.nextDouble() < 0.04) {
        outcomes.add(new TrainingRecord.LineOutcome(line.lineNo(), TrainingRecord.ADJUSTED,
            asked.multiply(BigDecimal.valueOf(0.2)).setScale(2, RoundingMode.HALF_UP), null));
      } else {
        outcomes.add(new TrainingRecord.LineOutcome(line.lineNo(), TrainingRecord.ACCEPTED, BigDecimal.ZERO, null));
      }
    }
    return outcomes;
  }
}

package io.arbiter.demo;

import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSettings;
import java.util.List;

/**
 * Generates a believable openIMIS-style scheme for demonstrations, examples and benchmarks: 15
 * health facilities (2 hospitals, 5 health centres, 8 dispensaries) with their price lists, 64
 * items and 66 services across every service category, a co-insurance and a fixed-amount product,
 * a few hundred ICD-10 diagnoses, and (by default) 3000 insurees in households with policies for
 * 2026.
 *
 * <p>Deterministic: the same options give an equal document, byte for byte once serialised. The
 * seed drives only the population (households, insurance numbers, policies); registers,
 * facilities and products are the same for every seed, so example claims can name their codes.
 * Most policies cover 2026-01-01 to 2026-12-31, so claims dated in 2026 keep their decision.
 */
public final class DemoScheme {
  /** The seed behind the examples and the benchmarks. */
  public static final long DEFAULT_SEED = 2026L;

  private DemoScheme() {}

  /** The demo scheme with {@link DemoOptions#DEFAULT_INSUREES} insurees drawn from {@code seed}. */
  public static SchemeDocument generate(long seed) {
    return generate(new DemoOptions().setSeed(seed));
  }

  /** The demo scheme for these options; the document always loads with {@code SchemeSnapshot.of}. */
  public static SchemeDocument generate(DemoOptions options) {
    DemoOptions o = new DemoOptions(options);
    DemoPopulation.Population population = DemoPopulation.generate(o.getSeed(), o.getInsurees());
    DemoVouchers.Holders vouchers = DemoVouchers.holders(population.families(), population.insurees());
    return new SchemeDocument(
        "Arbiter demo scheme (seed " + o.getSeed() + ")",
        SchemeSettings.DEFAULTS,
        Catalogue.items().stream().map(Catalogue.Item::item).toList(),
        Catalogue.serviceVersions(),
        DemoFacilities.priceLists(),
        DemoFacilities.all(),
        concat(DemoProducts.all(), List.of(DemoVouchers.product())),
        DemoDiagnoses.all(),
        population.families(),
        population.insurees(),
        concat(population.policies(), vouchers.policies()),
        concat(population.memberships(), vouchers.memberships()),
        vouchers.vouchers());
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}

package io.arbiter.scheme;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A scheme's reference data, validated and indexed once so that adjudication only does keyed and
 * effective-dated lookups, never scans. Immutable and thread-safe; replace a scheme by building a
 * new snapshot and swapping the reference (as {@code Arbiter} does when a scheme is replaced).
 */
public final class SchemeSnapshot implements Population {
  private final SchemeDocument document;
  private final String version;
  private final Instant loadedAt;
  private final Map<String, EffectiveDated<MedicalItem>> items;
  private final Map<String, EffectiveDated<MedicalService>> services;
  private final Map<String, Map<String, EffectiveDated<PriceListEntry>>> priceLists;
  private final Map<String, HealthFacility> facilities;
  private final Map<String, Product> products;
  private final Map<String, Map<String, EffectiveDated<ProductLine>>> productItems;
  private final Map<String, Map<String, EffectiveDated<ProductLine>>> productServices;
  private final Set<String> diagnoses;
  private final Map<String, Family> families;
  private final Map<String, Insuree> insurees;
  private final Map<String, Policy> policies;
  private final Map<String, List<Membership>> membershipsByInsuree;
  private final Map<String, List<Membership>> membershipsByPolicy;
  private final Map<String, Voucher> vouchers;
  private final List<SchemeProblem> warnings = new ArrayList<>();

  private SchemeSnapshot(SchemeDocument doc, String version, Instant loadedAt, List<SchemeProblem> problems) {
    this.document = doc;
    this.version = version;
    this.loadedAt = loadedAt;
    boolean literalMasks = doc.settings().maskZeroMeans() == SchemeSettings.MaskZeroMeans.NOBODY;
    this.items = dated(normalised(doc.items(), "/items", literalMasks, problems), MedicalItem::code, "/items", problems);
    this.services = dated(normalised(doc.services(), "/services", literalMasks, problems), MedicalService::code,
        "/services", problems);
    requireEach(doc.items(), "/items", "price", MedicalItem::price, problems);
    requireEach(doc.services(), "/services", "price", MedicalService::price, problems);
    this.priceLists = new HashMap<>();
    List<PriceList> lists = doc.priceLists();
    for (int i = 0; i < lists.size(); i++) {
      PriceList list = lists.get(i);
      String at = "/priceLists/" + i;
      if (isBlank(list.code())) {
        problems.add(new SchemeProblem(at + "/code", "is required"));
      } else if (priceLists.put(list.code(), dated(list.entries(), PriceListEntry::code, at + "/entries", problems)) != null) {
        problems.add(new SchemeProblem(at + "/code", "duplicate code " + list.code()));
      }
    }
    this.facilities = unique(doc.healthFacilities(), HealthFacility::code, "/healthFacilities", "code", problems);
    this.products = unique(doc.products(), Product::code, "/products", "code", problems);
    this.productItems = new HashMap<>();
    this.productServices = new HashMap<>();
    List<Product> productList = doc.products();
    for (int i = 0; i < productList.size(); i++) {
      Product p = productList.get(i);
      if (!isBlank(p.code())) {
        productItems.put(p.code(), dated(p.items(), ProductLine::code, "/products/" + i + "/items", problems));
        productServices.put(p.code(), dated(p.services(), ProductLine::code, "/products/" + i + "/services", problems));
      }
    }
    this.diagnoses = Set.copyOf(unique(doc.diagnoses(), Diagnosis::code, "/diagnoses", "code", problems).keySet());
    this.families = unique(doc.families(), Family::id, "/families", "id", problems);
    this.insurees = unique(doc.insurees(), Insuree::chfId, "/insurees", "chfId", problems);
    this.policies = unique(doc.policies(), Policy::id, "/policies", "id", problems);
    this.membershipsByInsuree = new HashMap<>();
    this.membershipsByPolicy = new HashMap<>();
    for (Membership m : doc.memberships()) {
      membershipsByInsuree.computeIfAbsent(m.chfId(), k -> new ArrayList<>()).add(m);
      membershipsByPolicy.computeIfAbsent(m.policyId(), k -> new ArrayList<>()).add(m);
    }
    this.vouchers = unique(doc.vouchers(), Voucher::number, "/vouchers", "number", problems);
    each(doc.vouchers(), "/vouchers", (v, at) -> {
      if (v.status() == null) {
        problems.add(new SchemeProblem(at + "/status", "is required"));
      }
    });
    try {
      java.util.regex.Pattern.compile(doc.settings().voucherNumberFormat());
    } catch (java.util.regex.PatternSyntaxException e) {
      problems.add(new SchemeProblem("/settings/voucherNumberFormat", "is not a regular expression: "
          + e.getDescription()));
    }
    problems.addAll(doc.settings().reviewSelection().problems("/settings/reviewSelection"));
    checkReferences(problems);
  }

  /**
   * Validates and indexes a scheme document.
   *
   * @param version the version label recorded on decisions (e.g. a content hash)
   * @throws SchemeException listing every problem by JSON pointer: missing codes and required
   *     fields, duplicate codes, overlapping versions, references to records that do not exist
   */
  public static SchemeSnapshot of(SchemeDocument document, String version) {
    return of(document, version, Instant.now());
  }

  /**
   * As {@link #of(SchemeDocument, String)}, for a version first loaded at {@code loadedAt}.
   *
   * @throws SchemeException listing every problem
   */
  public static SchemeSnapshot of(SchemeDocument document, String version, Instant loadedAt) {
    List<SchemeProblem> problems = new ArrayList<>();
    SchemeSnapshot snapshot = new SchemeSnapshot(document, version, loadedAt, problems);
    if (!problems.isEmpty()) {
      throw new SchemeException(problems);
    }
    return snapshot;
  }

  private void checkReferences(List<SchemeProblem> problems) {
    each(document.healthFacilities(), "/healthFacilities", (f, at) -> {
      reference(priceLists, f.itemsPriceList(), false, at + "/itemsPriceList", problems);
      reference(priceLists, f.servicesPriceList(), false, at + "/servicesPriceList", problems);
    });
    each(document.products(), "/products", (p, at) -> {
      each(p.items(), at + "/items", (l, lineAt) -> {
        reference(items, l.code(), true, lineAt + "/code", problems);
        checkWindows(l, lineAt, problems);
      });
      each(p.services(), at + "/services", (l, lineAt) -> {
        reference(services, l.code(), true, lineAt + "/code", problems);
        checkWindows(l, lineAt, problems);
      });
    });
    each(document.insurees(), "/insurees", (i, at) -> reference(families, i.familyId(), true, at + "/familyId", problems));
    each(document.policies(), "/policies", (p, at) -> {
      reference(families, p.familyId(), true, at + "/familyId", problems);
      reference(products, p.productCode(), true, at + "/productCode", problems);
    });
    each(document.memberships(), "/memberships", (m, at) -> {
      reference(insurees, m.chfId(), true, at + "/chfId", problems);
      reference(policies, m.policyId(), true, at + "/policyId", problems);
    });
  }

  @SuppressWarnings("unchecked")
  private <T extends RegisterEntry> List<T> normalised(List<T> rows, String pointer, boolean literal,
      List<SchemeProblem> problems) {
    List<T> out = new ArrayList<>(rows.size());
    each(rows, pointer, (row, at) -> {
      int mask = Masks.normalise(row, at, literal, problems, warnings);
      out.add(mask == row.patientCategory() && row.patient() == null ? row : (T) row.withMask(mask));
    });
    return out;
  }

  private static void checkWindows(ProductLine line, String at, List<SchemeProblem> problems) {
    each(line.windowLimits(), at + "/windowLimits", (w, wAt) -> {
      if (!w.isValid()) {
        problems.add(new SchemeProblem(wAt + "/window", "must be an ISO-8601 period such as P30D, or MONTH, QUARTER,"
            + " YEAR or POLICY; was " + w.window()));
      }
    });
  }

  private static <T> void each(List<T> rows, String pointer, java.util.function.BiConsumer<T, String> check) {
    for (int i = 0; i < rows.size(); i++) {
      check.accept(rows.get(i), pointer + "/" + i);
    }
  }

  private static void reference(Map<String, ?> map, String key, boolean required, String field,
      List<SchemeProblem> problems) {
    if (key == null) {
      if (required) {
        problems.add(new SchemeProblem(field, "is required"));
      }
    } else if (!map.containsKey(key)) {
      problems.add(new SchemeProblem(field, "'" + key + "' does not exist"));
    }
  }

  private static <T> void requireEach(List<T> rows, String pointer, String field, Function<T, ?> value,
      List<SchemeProblem> problems) {
    each(rows, pointer, (row, at) -> {
      if (value.apply(row) == null) {
        problems.add(new SchemeProblem(at + "/" + field, "is required"));
      }
    });
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static <T> Map<String, T> unique(List<T> rows, Function<T, String> key, String pointer, String keyField,
      List<SchemeProblem> problems) {
    Map<String, T> map = new HashMap<>();
    each(rows, pointer, (row, at) -> {
      String k = key.apply(row);
      if (isBlank(k)) {
        problems.add(new SchemeProblem(at + "/" + keyField, "is required"));
      } else if (map.put(k, row) != null) {
        problems.add(new SchemeProblem(at + "/" + keyField, "duplicate " + keyField + " " + k));
      }
    });
    return map;
  }

  private static <T extends Validity> Map<String, EffectiveDated<T>> dated(
      List<T> rows, Function<T, String> key, String pointer, List<SchemeProblem> problems) {
    Map<String, List<T>> byCode = new LinkedHashMap<>();
    Map<String, List<String>> pointers = new HashMap<>();
    each(rows, pointer, (row, at) -> {
      String k = key.apply(row);
      if (isBlank(k)) {
        problems.add(new SchemeProblem(at + "/code", "is required"));
      } else {
        byCode.computeIfAbsent(k, c -> new ArrayList<>()).add(row);
        pointers.computeIfAbsent(k, c -> new ArrayList<>()).add(at);
      }
    });
    Map<String, EffectiveDated<T>> map = new HashMap<>();
    byCode.forEach((code, versions) -> map.put(code, EffectiveDated.of(versions, pointers.get(code), problems)));
    return map;
  }

  public SchemeDocument document() {
    return document;
  }

  public String version() {
    return version;
  }

  public Instant loadedAt() {
    return loadedAt;
  }

  /** What was normalised on loading (masks widened), each naming its field. */
  public List<SchemeProblem> warnings() {
    return List.copyOf(warnings);
  }

  public SchemeSettings settings() {
    return document.settings();
  }

  /** Whether any version of the item or service ever existed. */
  public boolean registerHas(LineKind kind, String code) {
    return (kind == LineKind.ITEM ? items : services).containsKey(code);
  }

  /** The register version of an item or service valid at {@code date}, or null. */
  public RegisterEntry register(LineKind kind, String code, LocalDate date) {
    EffectiveDated<? extends RegisterEntry> dated = (kind == LineKind.ITEM ? items : services).get(code);
    return dated == null ? null : dated.at(date);
  }

  /** The service version valid at {@code date}, or null. */
  public MedicalService service(String code, LocalDate date) {
    EffectiveDated<MedicalService> dated = services.get(code);
    return dated == null ? null : dated.at(date);
  }

  /** The entry of a price list valid at {@code date}, or null. */
  public PriceListEntry priceListEntry(String priceList, String code, LocalDate date) {
    if (priceList == null) {
      return null;
    }
    Map<String, EffectiveDated<PriceListEntry>> list = priceLists.get(priceList);
    EffectiveDated<PriceListEntry> dated = list == null ? null : list.get(code);
    return dated == null ? null : dated.at(date);
  }

  /** A health facility, or null if it never existed. */
  public HealthFacility facility(String code) {
    return facilities.get(code);
  }

  public Product product(String code) {
    return products.get(code);
  }

  /** A product's line for an item or service valid at {@code date}, or null. */
  public ProductLine productLine(String productCode, LineKind kind, String code, LocalDate date) {
    Map<String, EffectiveDated<ProductLine>> lines =
        (kind == LineKind.ITEM ? productItems : productServices).get(productCode);
    EffectiveDated<ProductLine> dated = lines == null ? null : lines.get(code);
    return dated == null ? null : dated.at(date);
  }

  public boolean diagnosisExists(String icd) {
    return diagnoses.contains(icd);
  }

  @Override
  public Insuree insuree(String chfId) {
    return insurees.get(chfId);
  }

  @Override
  public Family family(String id) {
    return families.get(id);
  }

  @Override
  public Policy policy(String id) {
    return policies.get(id);
  }

  @Override
  public List<Membership> memberships(String chfId) {
    return membershipsByInsuree.getOrDefault(chfId, List.of());
  }

  @Override
  public int memberCount(String policyId, LocalDate date) {
    return Membership.inForce(membershipsByPolicy.getOrDefault(policyId, List.of()), date);
  }

  @Override
  public Voucher voucher(String number) {
    return vouchers.get(number);
  }

  /** Row counts per kind of record, for the scheme summary. */
  public Map<String, Integer> counts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("items", items.size());
    counts.put("services", services.size());
    counts.put("priceLists", priceLists.size());
    counts.put("healthFacilities", facilities.size());
    counts.put("products", products.size());
    counts.put("diagnoses", diagnoses.size());
    counts.put("families", families.size());
    counts.put("insurees", insurees.size());
    counts.put("policies", policies.size());
    counts.put("memberships", document.memberships().size());
    counts.put("vouchers", vouchers.size());
    return Collections.unmodifiableMap(counts);
  }

  /** Codes are unique per kind; used by tests and tools that list the registers. */
  public Set<String> codes(LineKind kind) {
    return new HashSet<>((kind == LineKind.ITEM ? items : services).keySet());
  }
}

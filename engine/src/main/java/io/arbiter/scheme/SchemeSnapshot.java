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
import java.util.stream.Collectors;

/**
 * A scheme's reference data, validated and indexed once so that adjudication only does keyed and
 * effective-dated lookups, never scans. Immutable and thread-safe; replace a scheme by building a
 * new snapshot and swapping the reference (see {@code SchemeHolder} in the engine).
 */
public final class SchemeSnapshot {
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
  private final Map<String, Integer> memberCountByPolicy;

  private SchemeSnapshot(SchemeDocument doc, String version, List<String> problems) {
    this.document = doc;
    this.version = version;
    this.loadedAt = Instant.now();
    this.items = dated(doc.items(), MedicalItem::code, "item", problems);
    this.services = dated(doc.services(), MedicalService::code, "service", problems);
    this.priceLists = new HashMap<>();
    for (PriceList list : doc.priceLists()) {
      if (priceLists.put(list.code(), dated(list.entries(), PriceListEntry::code,
          "priceList " + list.code() + " entry", problems)) != null) {
        problems.add("priceList " + list.code() + ": duplicate code");
      }
    }
    this.facilities = unique(doc.healthFacilities(), HealthFacility::code, "healthFacility", problems);
    this.products = unique(doc.products(), Product::code, "product", problems);
    this.productItems = new HashMap<>();
    this.productServices = new HashMap<>();
    for (Product p : doc.products()) {
      productItems.put(p.code(), dated(p.items(), ProductLine::code, "product " + p.code() + " item", problems));
      productServices.put(p.code(), dated(p.services(), ProductLine::code, "product " + p.code() + " service", problems));
    }
    this.diagnoses = doc.diagnoses().stream().map(Diagnosis::code).collect(Collectors.toUnmodifiableSet());
    this.families = unique(doc.families(), Family::id, "family", problems);
    this.insurees = unique(doc.insurees(), Insuree::chfId, "insuree", problems);
    this.policies = unique(doc.policies(), Policy::id, "policy", problems);
    this.membershipsByInsuree = new HashMap<>();
    this.memberCountByPolicy = new HashMap<>();
    for (Membership m : doc.memberships()) {
      membershipsByInsuree.computeIfAbsent(m.chfId(), k -> new ArrayList<>()).add(m);
      memberCountByPolicy.merge(m.policyId(), 1, Integer::sum);
    }
    checkReferences(problems);
  }

  /**
   * Validates and indexes a scheme document.
   *
   * @param version the version label recorded on decisions (e.g. a content hash)
   * @throws SchemeException listing every problem: overlapping versions, duplicate codes, dangling
   *     references
   */
  public static SchemeSnapshot of(SchemeDocument document, String version) {
    List<String> problems = new ArrayList<>();
    SchemeSnapshot snapshot = new SchemeSnapshot(document, version, problems);
    if (!problems.isEmpty()) {
      throw new SchemeException(problems);
    }
    return snapshot;
  }

  private void checkReferences(List<String> problems) {
    for (HealthFacility f : document.healthFacilities()) {
      requireKey(priceLists, f.itemsPriceList(), "healthFacility " + f.code() + ": itemsPriceList", problems);
      requireKey(priceLists, f.servicesPriceList(), "healthFacility " + f.code() + ": servicesPriceList", problems);
    }
    for (Product p : document.products()) {
      p.items().forEach(l -> requireKey(items, l.code(), "product " + p.code() + ": item", problems));
      p.services().forEach(l -> requireKey(services, l.code(), "product " + p.code() + ": service", problems));
    }
    for (Insuree i : document.insurees()) {
      requireKey(families, i.familyId(), "insuree " + i.chfId() + ": familyId", problems);
    }
    for (Policy p : document.policies()) {
      requireKey(families, p.familyId(), "policy " + p.id() + ": familyId", problems);
      requireKey(products, p.productCode(), "policy " + p.id() + ": productCode", problems);
    }
    for (Membership m : document.memberships()) {
      requireKey(insurees, m.chfId(), "membership: chfId", problems);
      requireKey(policies, m.policyId(), "membership of " + m.chfId() + ": policyId", problems);
    }
  }

  private static void requireKey(Map<String, ?> map, String key, String what, List<String> problems) {
    if (key != null && !map.containsKey(key)) {
      problems.add(what + " '" + key + "' does not exist");
    }
  }

  private static <T> Map<String, T> unique(List<T> rows, Function<T, String> key, String what, List<String> problems) {
    Map<String, T> map = new HashMap<>();
    for (T row : rows) {
      String k = key.apply(row);
      if (k == null || k.isBlank()) {
        problems.add(what + ": missing code");
      } else if (map.put(k, row) != null) {
        problems.add(what + " " + k + ": duplicate code");
      }
    }
    return map;
  }

  private static <T extends Validity> Map<String, EffectiveDated<T>> dated(
      List<T> rows, Function<T, String> key, String what, List<String> problems) {
    Map<String, List<T>> byCode = new LinkedHashMap<>();
    for (T row : rows) {
      String k = key.apply(row);
      if (k == null || k.isBlank()) {
        problems.add(what + ": missing code");
      } else {
        byCode.computeIfAbsent(k, c -> new ArrayList<>()).add(row);
      }
    }
    Map<String, EffectiveDated<T>> map = new HashMap<>();
    byCode.forEach((code, versions) -> map.put(code, EffectiveDated.of(versions, what + " " + code, problems)));
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

  public Insuree insuree(String chfId) {
    return insurees.get(chfId);
  }

  public Family family(String id) {
    return families.get(id);
  }

  public Policy policy(String id) {
    return policies.get(id);
  }

  /** The insuree's memberships, in document order; empty if none. */
  public List<Membership> memberships(String chfId) {
    return membershipsByInsuree.getOrDefault(chfId, List.of());
  }

  /** Number of members (insuree-policy rows) of a policy. */
  public int memberCount(String policyId) {
    return memberCountByPolicy.getOrDefault(policyId, 0);
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
    return Collections.unmodifiableMap(counts);
  }

  /** Codes are unique per kind; used by tests and tools that list the registers. */
  public Set<String> codes(LineKind kind) {
    return new HashSet<>((kind == LineKind.ITEM ? items : services).keySet());
  }
}

package io.arbiter.demo;

import io.arbiter.scheme.CareType;
import io.arbiter.scheme.HealthFacility;
import io.arbiter.scheme.PriceList;
import io.arbiter.scheme.PriceListEntry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo scheme's 15 health facilities and their price lists. Each facility level has its own
 * items and services list holding the {@link Catalogue} entries of its tier and below, at the
 * register price; the mission hospital has lists of its own, a quarter of whose entries override
 * the register price by +25 %.
 */
final class DemoFacilities {
  private static final int MISSION_MARKUP_PERCENT = 125;

  private DemoFacilities() {}

  static List<HealthFacility> all() {
    List<HealthFacility> f = new ArrayList<>();
    f.add(facility("H001", "Kilima District Hospital", "H", CareType.B, "HOSP"));
    f.add(facility("H002", "St. Luke's Mission Hospital", "H", CareType.B, "MISSION"));
    f.add(facility("C001", "Mwanga Health Centre", "C", CareType.B, "HC"));
    f.add(facility("C002", "Rusumo Health Centre", "C", CareType.B, "HC"));
    f.add(facility("C003", "Ikonda Health Centre", "C", CareType.B, "HC"));
    f.add(facility("C004", "Lupila Health Centre", "C", CareType.O, "HC"));
    f.add(facility("C005", "Msasa Health Centre", "C", CareType.O, "HC"));
    String[] dispensaries = {"Kasanga", "Mlali", "Nyamuswa", "Igowole", "Ruhuwiko", "Matai", "Kibaoni", "Itete"};
    for (int i = 0; i < dispensaries.length; i++) {
      f.add(facility(String.format("D%03d", i + 1), dispensaries[i] + " Dispensary", "D", CareType.O, "DISP"));
    }
    return f;
  }

  /**
   * Items lists (PLI-*) then services lists (PLS-*): hospitals', the mission's, health centres'
   * and dispensaries'.
   */
  static List<PriceList> priceLists() {
    List<Stocked> items = Catalogue.items().stream()
        .map(r -> new Stocked(r.item().code(), r.item().price(), r.tier())).toList();
    List<Stocked> services = Catalogue.services().stream()
        .map(r -> new Stocked(r.service().code(), r.service().price(), r.tier())).toList();
    List<PriceList> lists = new ArrayList<>();
    lists.addAll(listsOf("PLI", "Items", items));
    lists.addAll(listsOf("PLS", "Services", services));
    return lists;
  }

  private record Stocked(String code, BigDecimal price, Catalogue.Tier tier) {}

  private static HealthFacility facility(String code, String name, String level, CareType careType, String lists) {
    return new HealthFacility(code, name, level, careType, "PLI-" + lists, "PLS-" + lists, Catalogue.SINCE, null);
  }

  private static List<PriceList> listsOf(String prefix, String kind, List<Stocked> entries) {
    return List.of(
        atLevel(prefix + "-HOSP", kind + " of hospitals", "H", entries),
        mission(prefix + "-MISSION", kind + " of St. Luke's Mission Hospital", entries),
        atLevel(prefix + "-HC", kind + " of health centres", "C", entries),
        atLevel(prefix + "-DISP", kind + " of dispensaries", "D", entries));
  }

  private static PriceList atLevel(String code, String name, String level, List<Stocked> entries) {
    List<PriceListEntry> listed = entries.stream().filter(e -> e.tier().stockedAt(level))
        .map(e -> new PriceListEntry(e.code(), null, Catalogue.SINCE, null)).toList();
    return new PriceList(code, name, listed);
  }

  private static PriceList mission(String code, String name, List<Stocked> entries) {
    List<PriceListEntry> listed = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Stocked e = entries.get(i);
      boolean overridden = i % 4 == 0;
      listed.add(new PriceListEntry(e.code(),
          overridden ? Amounts.share(e.price(), MISSION_MARKUP_PERCENT, 1) : null, Catalogue.SINCE, null));
    }
    return new PriceList(code, name, listed);
  }
}

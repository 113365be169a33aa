package io.arbiter.scheme;

import java.util.List;

/**
 * The whole reference data of a scheme as one document, as {@code PUT /v1/scheme} takes it.
 * Immutable; null lists are empty. {@link SchemeSnapshot#of} validates and indexes it.
 */
public record SchemeDocument(
    String name,
    SchemeSettings settings,
    List<MedicalItem> items,
    List<MedicalService> services,
    List<PriceList> priceLists,
    List<HealthFacility> healthFacilities,
    List<Product> products,
    List<Diagnosis> diagnoses,
    List<Family> families,
    List<Insuree> insurees,
    List<Policy> policies,
    List<Membership> memberships,
    List<Voucher> vouchers) {

  public SchemeDocument {
    settings = (settings == null ? SchemeSettings.DEFAULTS : settings).withDefaults();
    items = copy(items);
    services = copy(services);
    priceLists = copy(priceLists);
    healthFacilities = copy(healthFacilities);
    products = copy(products);
    diagnoses = copy(diagnoses);
    families = copy(families);
    insurees = copy(insurees);
    policies = copy(policies);
    memberships = copy(memberships);
    vouchers = copy(vouchers);
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}

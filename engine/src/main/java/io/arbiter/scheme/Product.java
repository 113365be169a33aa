package io.arbiter.scheme;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * An insurance product (openIMIS {@code tblProduct}) with its item and service lines. Field names
 * are openIMIS's in camelCase: {@code ded*} deductibles, {@code max*} ceilings, per policy, per
 * insuree and per treatment (claim), general then in-patient ({@code IP}) and out-patient
 * ({@code OP}); {@code maxNo*} category maxima (claims per policy period); {@code maxAmount*}
 * category ceilings (per claim); {@code voucher} true for a voucher product, whose claims must name a
 * voucher attributed to the policy. Null means "not set".
 */
public record Product(
    String code,
    String name,
    LocalDate validFrom,
    LocalDate validTo,
    CeilingInterpretation ceilingInterpretation,
    BigDecimal dedPolicy,
    BigDecimal dedIPPolicy,
    BigDecimal dedOPPolicy,
    BigDecimal dedInsuree,
    BigDecimal dedIPInsuree,
    BigDecimal dedOPInsuree,
    BigDecimal dedTreatment,
    BigDecimal dedIPTreatment,
    BigDecimal dedOPTreatment,
    BigDecimal maxPolicy,
    BigDecimal maxIPPolicy,
    BigDecimal maxOPPolicy,
    BigDecimal maxInsuree,
    BigDecimal maxIPInsuree,
    BigDecimal maxOPInsuree,
    BigDecimal maxTreatment,
    BigDecimal maxIPTreatment,
    BigDecimal maxOPTreatment,
    Integer threshold,
    BigDecimal maxPolicyExtraMember,
    BigDecimal maxPolicyExtraMemberIP,
    BigDecimal maxPolicyExtraMemberOP,
    BigDecimal maxCeilingPolicy,
    BigDecimal maxCeilingPolicyIP,
    BigDecimal maxCeilingPolicyOP,
    Integer maxNoConsultation,
    Integer maxNoSurgery,
    Integer maxNoDelivery,
    Integer maxNoHospitalization,
    Integer maxNoVisits,
    Integer maxNoAntenatal,
    BigDecimal maxAmountConsultation,
    BigDecimal maxAmountSurgery,
    BigDecimal maxAmountDelivery,
    BigDecimal maxAmountHospitalization,
    BigDecimal maxAmountAntenatal,
    Boolean voucher,
    List<ProductLine> items,
    List<ProductLine> services)
    implements Validity {

  public Product {
    items = items == null ? List.of() : List.copyOf(items);
    services = services == null ? List.of() : List.copyOf(services);
  }

  /** Whether claims under this product need a voucher. */
  @JsonIgnore
  public boolean isVoucherProduct() {
    return Boolean.TRUE.equals(voucher);
  }

  /** The ceiling interpretation, I when unset. */
  public CeilingInterpretation interpretation() {
    return ceilingInterpretation == null ? CeilingInterpretation.I : ceilingInterpretation;
  }

  /** Maximum number of claims of a claim category per policy period; null = no limit. */
  public Integer maxNo(String category) {
    return switch (category) {
      case "H" -> maxNoHospitalization;
      case "V" -> maxNoVisits;
      case "C" -> maxNoConsultation;
      case "S" -> maxNoSurgery;
      case "D" -> maxNoDelivery;
      case "A" -> maxNoAntenatal;
      default -> null;
    };
  }

  /** Ceiling of a claim category within one claim; null = none (V never has one). */
  public BigDecimal maxAmount(String category) {
    return switch (category) {
      case "H" -> maxAmountHospitalization;
      case "C" -> maxAmountConsultation;
      case "S" -> maxAmountSurgery;
      case "D" -> maxAmountDelivery;
      case "A" -> maxAmountAntenatal;
      default -> null;
    };
  }
}

package io.arbiter.rules;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One product line of one valid policy that covers a claim line, with the values of the
 * per-product checks pre-joined: waiting period end (E_ip + w months), provisions left in the
 * policy period [E_ip, X], and the claim category's maximum and count. Ordered by {@code order}
 * (the insuree's policies by effective date), which decides "the first failure".
 */
public final class CoverageFact extends Verdict {
  private final int lineIndex;
  private final int order;
  private final boolean service;
  private final String productCode;
  private final String policyId;
  private final LocalDate targetDate;
  private final boolean waitingApplies;
  private final int waitingMonths;
  private final LocalDate waitingEnd;
  private final BigDecimal qty;
  private final BigDecimal limitNo;
  private final BigDecimal providedBefore;
  private final String category;
  private final Integer categoryMax;
  private final int categoryCount;
  private final boolean voucherProduct;
  private final String voucherNumber;
  private final String voucherStatus;
  private final boolean voucherForPolicy;
  private BigDecimal qtyAllowed;

  /** Creates a coverage fact; the engine fills it through {@link CoverageFactBuilder}. */
  CoverageFact(CoverageFactBuilder b) {
    this.lineIndex = b.lineIndex;
    this.order = b.order;
    this.service = b.service;
    this.productCode = b.productCode;
    this.policyId = b.policyId;
    this.targetDate = b.targetDate;
    this.waitingApplies = b.waitingApplies;
    this.waitingMonths = b.waitingMonths;
    this.waitingEnd = b.waitingEnd;
    this.qty = b.qty;
    this.limitNo = b.limitNo;
    this.providedBefore = b.providedBefore;
    this.category = b.category;
    this.categoryMax = b.categoryMax;
    this.categoryCount = b.categoryCount;
    this.voucherProduct = b.voucherProduct;
    this.voucherNumber = b.voucherNumber;
    this.voucherStatus = b.voucherStatus;
    this.voucherForPolicy = b.voucherForPolicy;
  }

  /** Passes with a reduced quantity (partial provisions). */
  public void allow(BigDecimal quantity, String rule, String explanation, Object... keyValues) {
    this.qtyAllowed = quantity;
    explain(rule, explanation, keyValues);
  }

  public int getLineIndex() {
    return lineIndex;
  }

  public int getOrder() {
    return order;
  }

  public boolean isService() {
    return service;
  }

  public String getProductCode() {
    return productCode;
  }

  public String getPolicyId() {
    return policyId;
  }

  public LocalDate getTargetDate() {
    return targetDate;
  }

  /** Policy stage N, or the member joined a running policy (E_p &lt; E_ip). */
  public boolean isWaitingApplies() {
    return waitingApplies;
  }

  public int getWaitingMonths() {
    return waitingMonths;
  }

  /** First day after the waiting period: E_ip + waiting months (clamped to month end). */
  public LocalDate getWaitingEnd() {
    return waitingEnd;
  }

  /** True when the target date falls before {@link #getWaitingEnd()}. */
  public boolean isBeforeWaitingEnd() {
    return targetDate.isBefore(waitingEnd);
  }

  public BigDecimal getQty() {
    return qty;
  }

  /** Provision limit L for the insuree's age group; null when unlimited. */
  public BigDecimal getLimitNo() {
    return limitNo;
  }

  /** P: quantity of the code on the insuree's other passed lines in [E_ip, X]. */
  public BigDecimal getProvidedBefore() {
    return providedBefore;
  }

  /** L − P; null when unlimited. */
  public BigDecimal getProvisionsLeft() {
    return limitNo == null ? null : limitNo.subtract(providedBefore);
  }

  public String getCategory() {
    return category;
  }

  /** The product's maximum for the claim category; null when unlimited. */
  public Integer getCategoryMax() {
    return categoryMax;
  }

  /** N: the insuree's other claims of the same category in [E_ip, X]. */
  public int getCategoryCount() {
    return categoryCount;
  }

  /** Whether the product is a voucher product (its claims must name the policy's voucher). */
  public boolean isVoucherProduct() {
    return voucherProduct;
  }

  /** The voucher the claim names; null when none. */
  public String getVoucherNumber() {
    return voucherNumber;
  }

  /** New, Used or Cancel; null when the voucher is not in the register. */
  public String getVoucherStatus() {
    return voucherStatus;
  }

  /** Whether the voucher is attributed to this coverage's policy (its number is the policy's). */
  public boolean isVoucherForPolicy() {
    return voucherForPolicy;
  }

  /** Quantity this product line allows; null for the whole quantity. */
  public BigDecimal getQtyAllowed() {
    return qtyAllowed;
  }
}

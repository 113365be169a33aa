package io.arbiter.rules;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Collects a {@link CoverageFact}'s pre-joined values; not thread-safe. */
public final class CoverageFactBuilder {
  int lineIndex;
  int order;
  boolean service;
  String productCode;
  String policyId;
  LocalDate targetDate;
  boolean waitingApplies;
  int waitingMonths;
  LocalDate waitingEnd;
  BigDecimal qty;
  BigDecimal limitNo;
  BigDecimal providedBefore = BigDecimal.ZERO;
  String category;
  Integer categoryMax;
  int categoryCount;
  boolean voucherProduct;
  String voucherNumber;
  String voucherStatus;
  boolean voucherForPolicy;

  public CoverageFactBuilder line(int lineIndex, int order, boolean service, BigDecimal qty, LocalDate targetDate) {
    this.lineIndex = lineIndex;
    this.order = order;
    this.service = service;
    this.qty = qty;
    this.targetDate = targetDate;
    return this;
  }

  public CoverageFactBuilder product(String productCode, String policyId) {
    this.productCode = productCode;
    this.policyId = policyId;
    return this;
  }

  public CoverageFactBuilder waiting(boolean applies, int months, LocalDate end) {
    this.waitingApplies = applies;
    this.waitingMonths = months;
    this.waitingEnd = end;
    return this;
  }

  public CoverageFactBuilder provisions(BigDecimal limitNo, BigDecimal providedBefore) {
    this.limitNo = limitNo;
    this.providedBefore = providedBefore;
    return this;
  }

  public CoverageFactBuilder categoryMaximum(String category, Integer max, int count) {
    this.category = category;
    this.categoryMax = max;
    this.categoryCount = count;
    return this;
  }

  /**
   * @param number the voucher the claim names, or null
   * @param status its status (New, Used, Cancel), or null when the voucher is unknown
   * @param forPolicy whether the voucher is this policy's (same number)
   */
  public CoverageFactBuilder voucher(boolean voucherProduct, String number, String status, boolean forPolicy) {
    this.voucherProduct = voucherProduct;
    this.voucherNumber = number;
    this.voucherStatus = status;
    this.voucherForPolicy = forPolicy;
    return this;
  }

  public CoverageFact build() {
    return new CoverageFact(this);
  }
}

package io.arbiter.engine;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimItem;
import io.arbiter.claim.ClaimService;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Builds claims for tests: insuree 111 at HF1, diagnosis A00, one day of care. */
public final class TestClaim {
  private static int sequence;
  private String code = "C" + (++sequence);
  private String chfId = "111";
  private String facility = "HF1";
  private LocalDate dateFrom = LocalDate.parse("2026-06-01");
  private LocalDate dateTo;
  private LocalDate dateClaimed;
  private String visitType = "O";
  private String icd = "A00";
  private String voucher;
  private final List<ClaimItem> items = new ArrayList<>();
  private final List<ClaimService> services = new ArrayList<>();

  public static TestClaim claim() {
    return new TestClaim();
  }

  public TestClaim code(String code) {
    this.code = code;
    return this;
  }

  public TestClaim insuree(String chfId) {
    this.chfId = chfId;
    return this;
  }

  public TestClaim on(String dateFrom) {
    this.dateFrom = LocalDate.parse(dateFrom);
    return this;
  }

  public TestClaim to(String dateTo) {
    this.dateTo = LocalDate.parse(dateTo);
    return this;
  }

  public TestClaim claimed(String dateClaimed) {
    this.dateClaimed = LocalDate.parse(dateClaimed);
    return this;
  }

  public TestClaim visit(String visitType) {
    this.visitType = visitType;
    return this;
  }

  public TestClaim icd(String icd) {
    this.icd = icd;
    return this;
  }

  public TestClaim item(String code, String qty, String price) {
    items.add(new ClaimItem(code, new BigDecimal(qty), new BigDecimal(price)));
    return this;
  }

  public TestClaim service(String code, String qty, String price) {
    services.add(new ClaimService(code, new BigDecimal(qty), new BigDecimal(price)));
    return this;
  }

  public TestClaim voucher(String voucher) {
    this.voucher = voucher;
    return this;
  }

  /** A package service line whose parts are given as "ITEM:qty:price" or "service:CODE:qty:price". */
  public TestClaim packageService(String code, String qty, String... parts) {
    List<io.arbiter.claim.ClaimSubLine> items = new ArrayList<>();
    List<io.arbiter.claim.ClaimSubLine> subServices = new ArrayList<>();
    for (String part : parts) {
      String[] p = part.split(":");
      boolean service = p[0].equals("service");
      int at = service ? 1 : 0;
      (service ? subServices : items).add(new io.arbiter.claim.ClaimSubLine(p[at], new BigDecimal(p[at + 1]),
          new BigDecimal(p[at + 2])));
    }
    services.add(new ClaimService(code, new BigDecimal(qty), null, items, subServices));
    return this;
  }

  public TestClaim facility(String facility) {
    this.facility = facility;
    return this;
  }

  public Claim build() {
    LocalDate claimed = dateClaimed != null ? dateClaimed : (dateTo != null ? dateTo : dateFrom);
    return new Claim(code, chfId, facility, dateFrom, dateTo, claimed, visitType, icd, null, null, null, null,
        items, services, voucher);
  }
}

package io.arbiter.engine;

import io.arbiter.claim.ClaimService;
import io.arbiter.claim.ClaimSubLine;
import io.arbiter.scheme.MedicalService;
import io.arbiter.scheme.PackageContents;
import io.arbiter.scheme.PackageType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a package service's parts compare with its definition (fee-for-service packages, type P). */
final class Packages {
  private Packages() {}

  /**
   * The differences between the claimed parts and the package's contents, e.g. "missing item X;
   * extra service Y; item Z: 2 instead of 3"; null when they match exactly or the line is no
   * fee-for-service package with parts.
   */
  static String differences(MedicalService service, ClaimService line) {
    if (service == null || service.packageType() != PackageType.P || !line.hasParts()) {
      return null;
    }
    PackageContents contents = service.packageContents() == null
        ? new PackageContents(null, null) : service.packageContents();
    List<String> out = new ArrayList<>();
    compare("item", contents.items(), line.subItems(), out);
    compare("service", contents.services(), line.subServices(), out);
    return out.isEmpty() ? null : String.join("; ", out);
  }

  private static void compare(String word, List<PackageContents.Part> defined, List<ClaimSubLine> claimed,
      List<String> out) {
    Map<String, BigDecimal> expected = new LinkedHashMap<>();
    defined.forEach(p -> expected.merge(p.code(), p.qty(), BigDecimal::add));
    Map<String, BigDecimal> actual = new LinkedHashMap<>();
    claimed.forEach(p -> actual.merge(p.code(), p.qtyProvided(), BigDecimal::add));
    expected.forEach((code, qty) -> {
      BigDecimal got = actual.get(code);
      if (got == null) {
        out.add("missing " + word + " " + code);
      } else if (got.compareTo(qty) != 0) {
        out.add(word + " " + code + ": " + got.stripTrailingZeros().toPlainString() + " instead of "
            + qty.stripTrailingZeros().toPlainString());
      }
    });
    actual.keySet().stream().filter(code -> !expected.containsKey(code))
        .forEach(code -> out.add("extra " + word + " " + code));
  }
}

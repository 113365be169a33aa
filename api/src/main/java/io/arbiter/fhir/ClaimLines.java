package io.arbiter.fhir;

import io.arbiter.claim.ClaimItem;
import io.arbiter.claim.ClaimService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A FHIR Claim's lines read as Arbiter's items and services (by their category), with the FHIR
 * index and sequence of each.
 */
record ClaimLines(List<ClaimItem> items, List<ClaimService> services, List<Integer> itemIndex,
    List<Integer> serviceIndex, List<Integer> itemSequence, List<Integer> serviceSequence) {

  /** Reads the lines; a line whose category is neither item nor service is an issue. */
  static ClaimLines read(List<org.hl7.fhir.r4.model.Claim.ItemComponent> lines, List<FhirException.Issue> issues) {
    ClaimLines read = new ClaimLines(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
        new ArrayList<>(), new ArrayList<>());
    for (int i = 0; i < lines.size(); i++) {
      org.hl7.fhir.r4.model.Claim.ItemComponent line = lines.get(i);
      String category = ClaimMapping.category(line.getCategory());
      String lineCode = ClaimMapping.lineCode(line);
      BigDecimal qty = line.getQuantity().getValue();
      BigDecimal price = line.getUnitPrice().getValue();
      if (Fhir.ITEM.equals(category)) {
        read.items.add(new ClaimItem(lineCode, qty, price));
        read.itemIndex.add(i);
        read.itemSequence.add(line.getSequence());
      } else if (Fhir.SERVICE.equals(category)) {
        read.services.add(new ClaimService(lineCode, qty, price));
        read.serviceIndex.add(i);
        read.serviceSequence.add(line.getSequence());
      } else {
        issues.add(new FhirException.Issue(category == null ? IssueType.REQUIRED : IssueType.CODEINVALID,
            "category must be item or service" + (category == null ? "" : ", was " + category),
            "Claim.item[" + i + "].category"));
      }
    }
    return read;
  }
}

package io.arbiter.fhir;

import io.arbiter.claim.Claim;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FHIR Claim read into Arbiter's, with the FHIR index and sequence of each item and service
 * line and the FHIR index of each diagnosis (main first).
 */
record ClaimRead(Claim claim, int[] itemIndex, int[] serviceIndex, int[] itemSequence, int[] serviceSequence,
    int[] diagnosisIndex) {
  private static final Pattern LINE = Pattern.compile("/(items|services)/(\\d+)(/(\\w+))?.*");
  private static final Pattern ICD = Pattern.compile("/icd(\\d)?");

  /** The FHIRPath of the element an engine field pointer ({@code /items/0/qtyProvided}) came from. */
  String where(String pointer) {
    if (pointer == null || pointer.isEmpty()) {
      return "Claim";
    }
    Matcher line = LINE.matcher(pointer);
    if (line.matches()) {
      int[] index = line.group(1).equals("items") ? itemIndex : serviceIndex;
      int i = Integer.parseInt(line.group(2));
      String at = "Claim.item[" + (i < index.length ? index[i] : i) + "]";
      String field = line.group(4);
      return field == null ? at : at + switch (field) {
        case "itemCode", "serviceCode" -> ".productOrService";
        case "qtyProvided" -> ".quantity";
        case "priceAsked" -> ".unitPrice";
        default -> "";
      };
    }
    Matcher icd = ICD.matcher(pointer);
    if (icd.matches()) {
      int i = icd.group(1) == null ? 0 : Integer.parseInt(icd.group(1));
      return "Claim.diagnosis[" + (i < diagnosisIndex.length ? diagnosisIndex[i] : i) + "]";
    }
    return switch (pointer) {
      case "/code" -> "Claim.identifier";
      case "/chfId" -> "Claim.patient";
      case "/healthFacility" -> "Claim.provider";
      case "/dateFrom" -> "Claim.billablePeriod.start";
      case "/dateTo" -> "Claim.billablePeriod.end";
      case "/dateClaimed" -> "Claim.created";
      case "/visitType" -> "Claim.type";
      case "/voucher" -> "Claim.supportingInfo";
      case "/insurance" -> "Claim.insurance";
      case "/items", "/services" -> "Claim.item";
      default -> "Claim";
    };
  }
}

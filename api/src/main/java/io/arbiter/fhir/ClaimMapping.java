package io.arbiter.fhir;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.arbiter.engine.JsonInput;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimItem;
import io.arbiter.claim.ClaimService;
import io.arbiter.claim.LineDecision;
import io.arbiter.json.Json;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/*
 * Why references are read the way they are: openIMIS references an insuree, a facility or a
 * medical item either by UUID or by code (its "code references"), as a typed identifier, a logical
 * id or both; Arbiter knows them only by code (CHFID, facility code, item/service code). So the
 * code comes from an identifier typed Code (or untyped), else from the logical id of the reference,
 * else from a UUID-typed identifier; a UUID read that way is then an unknown code, refused with
 * an entry error rather than guessed.
 */

/**
 * Maps between openIMIS's FHIR R4 Claim and Arbiter's {@link Claim}. Reading keeps where each
 * engine field came from, so that the engine's refusals can point at the FHIR element.
 */
final class ClaimMapping {
  private static final int MAX_DIAGNOSES = 5;

  private ClaimMapping() {}

  /**
   * Reads a FHIR Claim as openIMIS maps one: identifier (typed Code) → code, patient → CHFID,
   * provider (else facility) → facility code, billablePeriod → dateFrom/dateTo, created →
   * dateClaimed, type → visit type, diagnosis in sequence order → icd, icd1..icd4, item with
   * category item/service → items/services, supportingInfo {@code guarantee} → voucher; insurance
   * is kept as posted (the engine does not read it) for {@link #write}.
   *
   * @throws FhirException 400 listing every element that is missing or cannot be read, or a number
   *     out of the engine's bounds; the engine's own entry checks come later
   */
  static ClaimRead read(org.hl7.fhir.r4.model.Claim fhir) {
    List<FhirException.Issue> issues = new ArrayList<>();
    String code = claimCode(fhir.getIdentifier());
    if (code == null) {
      issues.add(missing("a claim code: an identifier typed Code (or with a value)", "Claim.identifier"));
    }
    String chfId = referencedCode(fhir.getPatient());
    if (chfId == null) {
      issues.add(missing("the patient, by its CHFID", "Claim.patient"));
    }
    String facility = referencedCode(fhir.getProvider());
    if (facility == null) {
      facility = referencedCode(fhir.getFacility());
    }
    if (facility == null) {
      issues.add(missing("the health facility, by its code", "Claim.provider"));
    }
    Period period = fhir.getBillablePeriod();
    LocalDate from = date(period.getStartElement(), "Claim.billablePeriod.start", issues);
    LocalDate to = date(period.getEndElement(), "Claim.billablePeriod.end", issues);
    if (to != null && to.equals(from)) {
      to = null; // openIMIS writes end = start for a one-day visit; Arbiter's claim leaves dateTo out
    }
    LocalDate claimed = date(fhir.getCreatedElement(), "Claim.created", issues);
    String visit = visitType(fhir.getType(), issues);

    List<org.hl7.fhir.r4.model.Claim.DiagnosisComponent> diagnoses = fhir.getDiagnosis();
    List<Integer> order = diagnosisOrder(diagnoses, issues);
    String[] icd = icd(diagnoses, order, issues);

    ClaimLines lines = ClaimLines.read(fhir.getItem(), issues);
    if (!issues.isEmpty()) {
      throw new FhirException(400, "the Claim cannot be read", issues);
    }
    Claim claim = new Claim(code, chfId, facility, from, to, claimed, visit, icd[0], icd[1], icd[2], icd[3], icd[4],
        lines.items(), lines.services(), voucher(fhir), keptInsurance(fhir));
    ClaimRead read = new ClaimRead(claim, ints(lines.itemIndex()), ints(lines.serviceIndex()),
        ints(lines.itemSequence()), ints(lines.serviceSequence()), ints(order));
    checkBounds(read);
    return read;
  }

  /** The diagnoses' indexes in sequence order (main first); more than {@value #MAX_DIAGNOSES} is an issue. */
  private static List<Integer> diagnosisOrder(List<org.hl7.fhir.r4.model.Claim.DiagnosisComponent> diagnoses,
      List<FhirException.Issue> issues) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < diagnoses.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt(i -> diagnoses.get(i).getSequence()));
    if (order.size() > MAX_DIAGNOSES) {
      issues.add(new FhirException.Issue(IssueType.TOOLONG, "at most " + MAX_DIAGNOSES
          + " diagnoses (main and 4 secondary), was " + order.size(), "Claim.diagnosis"));
    }
    return order;
  }

  /** The ICD codes of the diagnoses in {@code order}: icd, icd1..icd4 (null where there is none). */
  private static String[] icd(List<org.hl7.fhir.r4.model.Claim.DiagnosisComponent> diagnoses, List<Integer> order,
      List<FhirException.Issue> issues) {
    String[] icd = new String[MAX_DIAGNOSES];
    for (int k = 0; k < Math.min(order.size(), MAX_DIAGNOSES); k++) {
      org.hl7.fhir.r4.model.Claim.DiagnosisComponent d = diagnoses.get(order.get(k));
      icd[k] = d.hasDiagnosisCodeableConcept() ? conceptCode(d.getDiagnosisCodeableConcept()) : null;
      if (icd[k] == null) {
        issues.add(missing("an ICD code in diagnosisCodeableConcept", "Claim.diagnosis[" + order.get(k) + "]"));
      }
    }
    return icd;
  }

  /**
   * Puts the claim through {@link JsonInput}'s number bounds, as {@code /v1/claims} does: a decimal
   * such as 1e-99999999 is valid FHIR but would cost the engine minutes.
   */
  private static void checkBounds(ClaimRead read) {
    try {
      JsonInput.read(Json.mapper().valueToTree(read.claim()), Claim.class);
    } catch (io.arbiter.engine.ArbiterException e) {
      throw FhirException.of(e, read::where);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a claim always converts to JSON and back", e);
    }
  }

  /**
   * Arbiter's claim as openIMIS writes a FHIR Claim: items first, then services, numbered from 1 in
   * that order (the sequences of the Claim as first posted are not kept); insurance as posted, else
   * the policies the decision applied (see {@link #appliedPolicies(ClaimDecision)}).
   */
  static org.hl7.fhir.r4.model.Claim write(Claim claim, ClaimDecision decision) {
    org.hl7.fhir.r4.model.Claim fhir = new org.hl7.fhir.r4.model.Claim();
    if (Fhir.validId(claim.code())) {
      fhir.setId(claim.code());
    }
    fhir.addIdentifier(Fhir.codeIdentifier(claim.code()));
    fhir.setStatus(org.hl7.fhir.r4.model.Claim.ClaimStatus.ACTIVE);
    fhir.setUse(org.hl7.fhir.r4.model.Claim.Use.CLAIM);
    fhir.setType(visitConcept(claim.visit()));
    fhir.setPatient(Fhir.byCode("Patient", claim.chfId()));
    fhir.setProvider(Fhir.byCode("Organization", claim.healthFacility()));
    fhir.setPriority(Fhir.concept("http://terminology.hl7.org/CodeSystem/processpriority", "normal", "Normal"));
    List<org.hl7.fhir.r4.model.Claim.InsuranceComponent> posted = postedInsurance(claim.insurance());
    fhir.setInsurance(posted.isEmpty() ? appliedPolicies(decision) : posted);
    Period period = fhir.getBillablePeriod();
    period.getStartElement().setValueAsString(claim.dateFrom().toString());
    period.getEndElement().setValueAsString(claim.targetDate().toString());
    fhir.getCreatedElement().setValueAsString(claim.dateClaimed().toString());
    if (claim.voucher() != null) {
      fhir.addSupportingInfo().setSequence(1)
          .setCategory(Fhir.concept(Fhir.SUPPORTING_INFO, "guarantee", null))
          .setValue(new org.hl7.fhir.r4.model.StringType(claim.voucher()));
    }
    int sequence = 0;
    for (Claim.DiagnosisField d : claim.diagnoses()) {
      fhir.addDiagnosis().setSequence(++sequence).setDiagnosis(Fhir.concept(Fhir.DIAGNOSIS, d.code(), null));
    }
    BigDecimal total = BigDecimal.ZERO;
    sequence = 0;
    for (ClaimItem item : claim.items()) {
      line(fhir, ++sequence, Fhir.ITEM, item.itemCode(), item.qtyProvided(), item.priceAsked());
      total = total.add(item.qtyProvided().multiply(item.priceAsked()));
    }
    for (ClaimService service : claim.services()) {
      BigDecimal price = service.priceAsked() != null ? service.priceAsked() : service.partsAsked();
      line(fhir, ++sequence, Fhir.SERVICE, service.serviceCode(), service.qtyProvided(), price);
      total = total.add(service.qtyProvided().multiply(price));
    }
    fhir.setTotal(new Money().setValue(total));
    return fhir;
  }

  private static void line(org.hl7.fhir.r4.model.Claim fhir, int sequence, String category, String code,
      BigDecimal qty, BigDecimal price) {
    org.hl7.fhir.r4.model.Claim.ItemComponent line = fhir.addItem().setSequence(sequence);
    line.addExtension(itemReference(category, code));
    line.setCategory(Fhir.concept(Fhir.ITEM_CATEGORY, category, category.equals(Fhir.ITEM) ? "Item" : "Service")
        .setText(category));
    line.setProductOrService(new CodeableConcept().setText(code));
    line.setQuantity(new Quantity().setValue(qty));
    line.setUnitPrice(new Money().setValue(price));
  }

  /** openIMIS's claim-item-reference extension: the Medication (item) or ActivityDefinition (service) by code. */
  static Extension itemReference(String category, String code) {
    String type = category.equals(Fhir.ITEM) ? "Medication" : "ActivityDefinition";
    return new Extension(Fhir.ITEM_REFERENCE, Fhir.byCode(type, code).setDisplay(code));
  }

  static CodeableConcept visitConcept(String visit) {
    String display = switch (visit) {
      case "E" -> "Emergency";
      case "R" -> "Referrals";
      default -> "Other";
    };
    return Fhir.concept(Fhir.VISIT_TYPE, visit, display);
  }

  private static String claimCode(List<Identifier> identifiers) {
    for (Identifier identifier : identifiers) {
      if (identifier.hasValue() && isCode(identifier)) {
        return identifier.getValue();
      }
    }
    return null;
  }

  /** An identifier typed Code, or not typed at all. */
  private static boolean isCode(Identifier identifier) {
    if (!identifier.hasType() || !identifier.getType().hasCoding()) {
      return true;
    }
    return identifier.getType().getCoding().stream().anyMatch(c -> Fhir.CODE.equalsIgnoreCase(c.getCode()));
  }

  /** The code a reference names: see the note at the top of this file for the order. */
  static String referencedCode(Reference reference) {
    if (reference == null || reference.isEmpty()) {
      return null;
    }
    Identifier identifier = reference.getIdentifier();
    if (identifier.hasValue() && isCode(identifier)) {
      return identifier.getValue();
    }
    if (reference.hasReference() && reference.getReferenceElement().hasIdPart()) {
      return reference.getReferenceElement().getIdPart();
    }
    return identifier.hasValue() ? identifier.getValue() : null;
  }

  /** An item line's code: its reference extension, else productOrService's code, else its text (openIMIS's way). */
  static String lineCode(org.hl7.fhir.r4.model.Claim.ItemComponent line) {
    Extension reference = line.getExtensionByUrl(Fhir.ITEM_REFERENCE);
    if (reference != null && reference.getValue() instanceof Reference r && r.getIdentifier().hasValue()
        && isCode(r.getIdentifier())) {
      return r.getIdentifier().getValue();
    }
    return conceptCode(line.getProductOrService());
  }

  private static String conceptCode(CodeableConcept concept) {
    for (Coding coding : concept.getCoding()) {
      if (coding.hasCode()) {
        return coding.getCode();
      }
    }
    return concept.hasText() ? concept.getText().trim() : null;
  }

  static String category(CodeableConcept concept) {
    String code = conceptCode(concept);
    return code == null ? null : code.toLowerCase(Locale.ROOT);
  }

  private static String visitType(CodeableConcept type, List<FhirException.Issue> issues) {
    String code = conceptCode(type);
    if (code == null || code.equals("O") || code.equals("E") || code.equals("R")) {
      return code;
    }
    issues.add(new FhirException.Issue(IssueType.CODEINVALID,
        "the visit type must be O (other), E (emergency) or R (referral), was " + code, "Claim.type"));
    return null;
  }

  /**
   * Claim.insurance as posted, as a JSON array in HAPI's form; null when the Claim has none.
   *
   * @throws FhirException 400 when it nests deeper than Arbiter reads JSON
   */
  private static String keptInsurance(org.hl7.fhir.r4.model.Claim fhir) {
    if (!fhir.hasInsurance()) {
      return null;
    }
    org.hl7.fhir.r4.model.Claim only = new org.hl7.fhir.r4.model.Claim().setInsurance(fhir.getInsurance());
    try {
      return Json.mapper().readTree(Fhir.write(only)).get("insurance").toString();
    } catch (JsonProcessingException e) {
      throw FhirException.of(400, IssueType.TOOLONG, "cannot be kept: " + e.getOriginalMessage(), "Claim.insurance");
    }
  }

  /**
   * The insurance a claim was posted with; empty when there is none or it cannot be read (a claim
   * posted on {@code /v1} may carry any text there).
   */
  private static List<org.hl7.fhir.r4.model.Claim.InsuranceComponent> postedInsurance(String insurance) {
    if (insurance == null) {
      return List.of();
    }
    try {
      return Fhir.json().parseResource(org.hl7.fhir.r4.model.Claim.class,
          "{\"resourceType\": \"Claim\", \"insurance\": " + insurance + "}").getInsurance();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /*
   * Why the applied policies stand in for insurance that was never posted: base R4 requires at
   * least one Claim.insurance, openIMIS writes the insuree's policy there, and the policies that
   * paid the lines are what the element means (the instruments that reimburse the claim).
   */

  /**
   * The policies the decision applied, in line order, as Coverage references by code, the first
   * focal; when no line was covered by a policy, one entry saying so (base R4 requires one).
   */
  private static List<org.hl7.fhir.r4.model.Claim.InsuranceComponent> appliedPolicies(ClaimDecision decision) {
    List<String> policies = java.util.stream.Stream.concat(decision.items().stream(), decision.services().stream())
        .map(LineDecision::policyId).filter(java.util.Objects::nonNull).distinct().toList();
    List<org.hl7.fhir.r4.model.Claim.InsuranceComponent> insurance = new ArrayList<>();
    for (String policy : policies) {
      insurance.add(new org.hl7.fhir.r4.model.Claim.InsuranceComponent().setSequence(insurance.size() + 1)
          .setFocal(insurance.isEmpty()).setCoverage(Fhir.byCode("Coverage", policy)));
    }
    if (insurance.isEmpty()) {
      insurance.add(new org.hl7.fhir.r4.model.Claim.InsuranceComponent().setSequence(1).setFocal(true)
          .setCoverage(new Reference().setType("Coverage").setDisplay("no policy of the insuree covers this claim")));
    }
    return insurance;
  }

  private static String voucher(org.hl7.fhir.r4.model.Claim fhir) {
    for (org.hl7.fhir.r4.model.Claim.SupportingInformationComponent info : fhir.getSupportingInfo()) {
      if ("guarantee".equals(conceptCode(info.getCategory())) && info.hasValueStringType()) {
        return info.getValueStringType().getValue();
      }
    }
    return null;
  }

  /** The day of a FHIR date or dateTime (its local date as written, whatever the time zone). */
  private static LocalDate date(BaseDateTimeType value, String where, List<FhirException.Issue> issues) {
    String text = value.getValueAsString();
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      issues.add(new FhirException.Issue(IssueType.VALUE, "must be a full date (YYYY-MM-DD), was " + text, where));
      return null;
    }
  }

  private static FhirException.Issue missing(String what, String where) {
    return new FhirException.Issue(IssueType.REQUIRED, "required: " + what, where);
  }

  private static int[] ints(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }
}

package io.arbiter.fhir;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimRisk;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineRisk;
import io.arbiter.claim.LineStatus;
import java.math.BigDecimal;
import java.util.Date;
import java.util.Map;
import java.util.TimeZone;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.ClaimResponse.AdjudicationComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations.NoteType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/*
 * Why two sets of adjudication categories: openIMIS's own clients read its claim-status categories
 * (1 rejected, 2 entered, 4 checked, 8 processed, 16 valuated: one entry per stage the claim has
 * reached, amount = unit price, value = quantity, exactly as openIMIS's ClaimResponseConverter
 * writes them), while generic FHIR clients read HL7's (submitted, eligible, benefit, copay: line
 * amounts). Every entry carries the line's rejection reason, because openIMIS's readers take
 * reason.coding[0] of each entry without checking it is there.
 */

/** Writes Arbiter's decision on a claim as openIMIS's FHIR R4 ClaimResponse. */
final class ClaimResponseMapping {
  static final String RULESET_VERSION = Fhir.ARBITER + "StructureDefinition/ruleset-version";
  static final String SCHEME_VERSION = Fhir.ARBITER + "StructureDefinition/scheme-version";
  static final String MODEL_VERSION = Fhir.ARBITER + "StructureDefinition/model-version";
  static final String RISK_SCORE = Fhir.ARBITER + "StructureDefinition/risk-score";
  static final String RISK_BAND = Fhir.ARBITER + "StructureDefinition/risk-band";
  static final String LINE_RISK = Fhir.ARBITER + "StructureDefinition/line-risk";

  /** openIMIS's claim-rejection-reasons, with its own display texts; Arbiter's voucher codes after. */
  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(-2, "REJECTED BY AI EVALUATION"), Map.entry(-1, "REJECTED BY MEDICAL OFFICER"),
      Map.entry(0, "ACCEPTED"), Map.entry(1, "INVALID ITEM OR SERVICE"), Map.entry(2, "NOT IN PRICE LIST"),
      Map.entry(3, "NO PRODUCT FOUND"), Map.entry(4, "CATEGORY LIMITATION"), Map.entry(5, "FREQUENCY FAILURE"),
      Map.entry(6, "DUPLICATED"), Map.entry(7, "FAMILY"), Map.entry(8, "DIAGNOSIS NOT IN LIST"),
      Map.entry(9, "TARGET DATE"), Map.entry(10, "CARE TYPE"), Map.entry(11, "MAX HOSPITAL ADMISSIONS"),
      Map.entry(12, "MAX VISITS"), Map.entry(13, "MAX CONSULTATIONS"), Map.entry(14, "MAX SURGERIES"),
      Map.entry(15, "MAX DELIVERIES"), Map.entry(16, "QTY OVER LIMIT"), Map.entry(17, "WAITING PERIOD FAIL"),
      Map.entry(19, "MAX ANTENATAL"));
  private static final Map<Integer, String> VOUCHER_REASONS = Map.of(
      101, "VOUCHER UNKNOWN", 102, "VOUCHER NOT ATTRIBUTED", 103, "VOUCHER CANCELLED", 104, "VOUCHER OF ANOTHER POLICY");

  private ClaimResponseMapping() {}

  /**
   * The ClaimResponse to a claim as just posted: item sequences are those of the posted Claim.
   *
   * @param itemSequence the FHIR sequence of each of the claim's items, in order
   * @param serviceSequence the same for its services
   */
  static ClaimResponse write(ClaimDecision decision, Claim claim, int[] itemSequence, int[] serviceSequence) {
    ClaimResponse response = new ClaimResponse();
    if (Fhir.validId(decision.code())) {
      response.setId(decision.code());
    }
    response.addIdentifier(Fhir.codeIdentifier(decision.code()));
    response.setStatus(ClaimResponse.ClaimResponseStatus.ACTIVE);
    response.setType(ClaimMapping.visitConcept(claim.visit()));
    response.setUse(ClaimResponse.Use.CLAIM);
    response.setPatient(Fhir.byCode("Patient", decision.chfId()));
    response.setCreatedElement(new DateTimeType(Date.from(decision.decidedAt()), TemporalPrecisionEnum.SECOND,
        TimeZone.getTimeZone("UTC")));
    response.setInsurer(new Reference().setDisplay("Arbiter"));
    response.setRequestor(Fhir.byCode("Organization", decision.healthFacility()));
    response.setRequest(Fhir.byCode("Claim", decision.code()));
    response.setOutcome(outcome(decision.status()));
    response.setDisposition(disposition(decision));
    versions(response, decision);
    risk(response, decision.risk());

    Totals totals = new Totals();
    for (LineDecision line : decision.items()) {
      item(response, decision, line, Fhir.ITEM, line.itemCode(), sequence(itemSequence, line.lineNo()), totals);
    }
    for (LineDecision line : decision.services()) {
      item(response, decision, line, Fhir.SERVICE, line.serviceCode(), sequence(serviceSequence, line.lineNo()),
          totals);
    }
    totals(response, decision, totals);
    return response;
  }

  /**
   * The ClaimResponse to a stored claim: items first, then services, numbered from 1, as
   * {@link ClaimMapping#write} numbers the Claim (and as openIMIS numbers its own).
   */
  static ClaimResponse write(ClaimDecision decision, Claim claim) {
    int items = claim.items().size();
    int[] itemSequence = java.util.stream.IntStream.rangeClosed(1, items).toArray();
    int[] serviceSequence = java.util.stream.IntStream.rangeClosed(items + 1, items + claim.services().size())
        .toArray();
    return write(decision, claim, itemSequence, serviceSequence);
  }

  /** openIMIS's claim-status → outcome: rejected and valuated are complete, entered queued, the rest partial. */
  static ClaimResponse.RemittanceOutcome outcome(ClaimStatus status) {
    return switch (status) {
      case REJECTED, VALUATED -> ClaimResponse.RemittanceOutcome.COMPLETE;
      case ENTERED -> ClaimResponse.RemittanceOutcome.QUEUED;
      default -> ClaimResponse.RemittanceOutcome.PARTIAL;
    };
  }

  /**
   * A rejection code as a reason: openIMIS's code system for its codes, Arbiter's for its voucher
   * codes (101-104), which openIMIS's list does not have.
   */
  static CodeableConcept reason(int code) {
    String openImis = REASONS.get(code);
    if (openImis != null) {
      return Fhir.concept(Fhir.REJECTION_REASONS, Integer.toString(code), openImis);
    }
    return Fhir.concept(Fhir.ARBITER_REJECTION_REASONS, Integer.toString(code), VOUCHER_REASONS.get(code));
  }

  private static int sequence(int[] sequences, int lineNo) {
    return lineNo - 1 < sequences.length ? sequences[lineNo - 1] : lineNo;
  }

  /** Sums over the lines of the HL7 categories (the openIMIS ones come from the decision's totals). */
  private static final class Totals {
    BigDecimal eligible = BigDecimal.ZERO;
    BigDecimal benefit = BigDecimal.ZERO;
    BigDecimal copay = BigDecimal.ZERO;
    BigDecimal processed = BigDecimal.ZERO;
  }

  private static void item(ClaimResponse response, ClaimDecision decision, LineDecision line, String category,
      String code, int sequence, Totals totals) {
    ClaimResponse.ItemComponent item = response.addItem().setItemSequence(sequence);
    item.addExtension(ClaimMapping.itemReference(category, code));
    CodeableConcept reason = reason(line.rejectionReason().code());
    BigDecimal asked = nz(line.priceAsked());
    BigDecimal provided = nz(line.qtyProvided());
    boolean rejected = line.status() == LineStatus.REJECTED
        || decision.status() == ClaimStatus.REJECTED;
    if (rejected) {
      openImis(item, ClaimStatus.REJECTED, asked, provided, reason);
    } else {
      BigDecimal qty = line.qtyApproved() != null && line.qtyApproved().signum() != 0 ? line.qtyApproved() : provided;
      openImis(item, ClaimStatus.ENTERED, asked, provided, reason);
      if (decision.status().code() >= ClaimStatus.CHECKED.code()) {
        openImis(item, ClaimStatus.CHECKED, or(line.priceApproved(), asked), qty, reason);
      }
      if (decision.status().code() >= ClaimStatus.PROCESSED.code()) {
        openImis(item, ClaimStatus.PROCESSED, or(line.priceAdjusted(), asked), qty, reason);
        totals.processed = totals.processed.add(or(line.priceAdjusted(), asked).multiply(qty));
      }
      if (decision.status() == ClaimStatus.VALUATED) {
        openImis(item, ClaimStatus.VALUATED, or(line.priceValuated(), asked), qty, reason);
      }
    }
    BigDecimal eligible = rejected ? BigDecimal.ZERO : nz(line.priceValuated()).add(nz(line.deductableAmount()));
    BigDecimal benefit = rejected ? BigDecimal.ZERO : nz(line.priceValuated());
    BigDecimal copay = rejected ? BigDecimal.ZERO : nz(line.deductableAmount());
    hl7(item, "submitted", "Submitted Amount", asked.multiply(provided), reason).setValue(provided);
    hl7(item, "eligible", "Eligible Amount", eligible, reason);
    hl7(item, "benefit", "Benefit Amount", benefit, reason);
    hl7(item, "copay", "CoPay", copay, reason);
    totals.eligible = totals.eligible.add(eligible);
    totals.benefit = totals.benefit.add(benefit);
    totals.copay = totals.copay.add(copay);

    if (line.rule() != null || line.explanation() != null) {
      item.addNoteNumber(note(response, line.rule() + ": " + line.explanation()));
    }
    LineRisk risk = line.risk();
    if (risk != null) {
      item.addExtension(new Extension(LINE_RISK, new DecimalType(risk.probability())));
      item.addNoteNumber(note(response, "risk " + risk.probability()
          + (risk.reasons().isEmpty() ? "" : ": " + String.join("; ", risk.reasons()))));
    }
  }

  private static AdjudicationComponent openImis(ClaimResponse.ItemComponent item, ClaimStatus status, BigDecimal unitPrice,
      BigDecimal qty, CodeableConcept reason) {
    return item.addAdjudication()
        .setCategory(Fhir.concept(Fhir.CLAIM_STATUS, Integer.toString(status.code()), status.label()))
        .setReason(reason.copy()).setAmount(new Money().setValue(unitPrice)).setValue(qty);
  }

  private static AdjudicationComponent hl7(ClaimResponse.ItemComponent item, String code, String display,
      BigDecimal amount, CodeableConcept reason) {
    return item.addAdjudication().setCategory(Fhir.concept(Fhir.ADJUDICATION, code, display))
        .setReason(reason.copy()).setAmount(new Money().setValue(amount));
  }

  /**
   * Totals per category: openIMIS's per stage reached, from the decision's own totals, and for a
   * rejected claim its claimed amount under category 1 (rejected); HL7's summed over the lines.
   */
  private static void totals(ClaimResponse response, ClaimDecision decision, Totals totals) {
    ClaimStatus status = decision.status();
    // openIMIS writes no claim-status total for a rejected claim; a reader of those categories
    // would then find no total at all.
    if (status == ClaimStatus.REJECTED) {
      total(response, Fhir.CLAIM_STATUS, ClaimStatus.REJECTED, decision.claimed());
    }
    if (status.code() >= ClaimStatus.ENTERED.code()) {
      total(response, Fhir.CLAIM_STATUS, ClaimStatus.ENTERED, decision.claimed());
    }
    if (status.code() >= ClaimStatus.CHECKED.code()) {
      total(response, Fhir.CLAIM_STATUS, ClaimStatus.CHECKED, decision.approved());
    }
    if (status.code() >= ClaimStatus.PROCESSED.code()) {
      total(response, Fhir.CLAIM_STATUS, ClaimStatus.PROCESSED, totals.processed);
    }
    if (status == ClaimStatus.VALUATED) {
      total(response, Fhir.CLAIM_STATUS, ClaimStatus.VALUATED, decision.valuated());
    }
    response.addTotal().setCategory(Fhir.concept(Fhir.ADJUDICATION, "submitted", "Submitted Amount"))
        .setAmount(new Money().setValue(nz(decision.claimed())));
    response.addTotal().setCategory(Fhir.concept(Fhir.ADJUDICATION, "eligible", "Eligible Amount"))
        .setAmount(new Money().setValue(totals.eligible));
    response.addTotal().setCategory(Fhir.concept(Fhir.ADJUDICATION, "benefit", "Benefit Amount"))
        .setAmount(new Money().setValue(totals.benefit));
    response.addTotal().setCategory(Fhir.concept(Fhir.ADJUDICATION, "copay", "CoPay"))
        .setAmount(new Money().setValue(totals.copay));
  }

  private static void total(ClaimResponse response, String system, ClaimStatus status, BigDecimal amount) {
    response.addTotal().setCategory(Fhir.concept(system, Integer.toString(status.code()), status.label()))
        .setAmount(new Money().setValue(nz(amount)));
  }

  private static void versions(ClaimResponse response, ClaimDecision decision) {
    if (decision.rulesetVersion() != null) {
      response.addExtension(new Extension(RULESET_VERSION, new StringType(decision.rulesetVersion())));
    }
    if (decision.schemeVersion() != null) {
      response.addExtension(new Extension(SCHEME_VERSION, new StringType(decision.schemeVersion())));
    }
    if (decision.modelVersion() != null) {
      response.addExtension(new Extension(MODEL_VERSION, new StringType(decision.modelVersion())));
    }
  }

  /** The claim's risk: score and band as extensions (for machines), and in words as a note. */
  private static void risk(ClaimResponse response, ClaimRisk risk) {
    if (risk == null) {
      return;
    }
    if (risk.score() != null) {
      response.addExtension(new Extension(RISK_SCORE, new DecimalType(risk.score())));
    }
    response.addExtension(new Extension(RISK_BAND, new org.hl7.fhir.r4.model.CodeType(risk.band())));
    note(response, risk.score() != null
        ? "risk score " + risk.score() + " (" + risk.band() + ") by model " + risk.modelVersion()
        : "not scored by model " + risk.modelVersion() + ": " + risk.error());
  }

  private static int note(ClaimResponse response, String text) {
    int number = response.getProcessNote().size() + 1;
    response.addProcessNote().setNumber(number).setType(NoteType.DISPLAY).setText(text);
    return number;
  }

  private static String disposition(ClaimDecision decision) {
    long passed = java.util.stream.Stream.concat(decision.items().stream(), decision.services().stream())
        .filter(l -> l.status() == LineStatus.PASSED).count();
    int lines = decision.items().size() + decision.services().size();
    return decision.status().label() + ": " + passed + " of " + lines + " lines accepted";
  }

  private static BigDecimal nz(BigDecimal value) {
    return value == null ? BigDecimal.ZERO : value;
  }

  private static BigDecimal or(BigDecimal value, BigDecimal otherwise) {
    return value != null ? value : otherwise;
  }
}

package io.arbiter.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/*
 * Why a lazy holder: FhirContext.forR4() scans the whole R4 model (a second or more), so it is made
 * once per JVM, and only when the first FHIR request reaches a worker thread, never on the event
 * loop and never for a server that gets no FHIR traffic. A context is thread-safe; parsers are not,
 * so each call makes its own (cheap once the context exists).
 */

/** The JVM's one R4 context, the code systems openIMIS uses, and small builders over them. */
final class Fhir {
  /** openIMIS's R4 implementation guide: the base of its code systems and extensions. */
  static final String OPENIMIS = "https://openimis.github.io/openimis_fhir_r4_ig/";
  static final String IDENTIFIERS = OPENIMIS + "CodeSystem/openimis-identifiers";
  static final String CLAIM_STATUS = OPENIMIS + "CodeSystem/claim-status";
  static final String REJECTION_REASONS = OPENIMIS + "CodeSystem/claim-rejection-reasons";
  static final String VISIT_TYPE = OPENIMIS + "CodeSystem/claim-visit-type";
  static final String ITEM_CATEGORY = OPENIMIS + "CodeSystem/claim-item-category";
  static final String DIAGNOSIS = OPENIMIS + "CodeSystem/diagnosis-ICD10-level1";
  static final String SUPPORTING_INFO = OPENIMIS + "CodeSystem/claim-supporting-info-category";
  static final String ITEM_REFERENCE = OPENIMIS + "StructureDefinition/claim-item-reference";
  /** HL7's adjudication categories (submitted, eligible, benefit, copay…). */
  static final String ADJUDICATION = "http://terminology.hl7.org/CodeSystem/adjudication";
  /** Arbiter's own extensions and codes, for what openIMIS has no element or code for. */
  static final String ARBITER = "https://arbiter.io/fhir/";
  static final String ARBITER_REJECTION_REASONS = ARBITER + "CodeSystem/claim-rejection-reasons";

  /** The openIMIS identifier type of a business code (claim code, CHFID, facility code, item code). */
  static final String CODE = "Code";
  static final String ITEM = "item";
  static final String SERVICE = "service";

  private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

  private Fhir() {}

  /** Whether a claim code can serve as a resource's logical id (FHIR allows only these characters). */
  static boolean validId(String code) {
    return code != null && ID.matcher(code).matches();
  }

  private static final class Holder {
    static final FhirContext CONTEXT = FhirContext.forR4();
  }

  /** A new JSON parser of the shared context; one per call, since parsers are not thread-safe. */
  static IParser json() {
    return Holder.CONTEXT.newJsonParser();
  }

  static String write(Resource resource) {
    return json().setPrettyPrint(false).encodeResourceToString(resource);
  }

  static CodeableConcept concept(String system, String code, String display) {
    return new CodeableConcept().addCoding(new Coding(system, code, display));
  }

  /** An openIMIS identifier typed {@code Code}. */
  static Identifier codeIdentifier(String value) {
    Identifier identifier = new Identifier().setValue(value);
    identifier.getType().addCoding(new Coding(IDENTIFIERS, CODE, null));
    return identifier;
  }

  /** A reference by code, as openIMIS writes one: {@code Type/code} plus the typed identifier. */
  static Reference byCode(String type, String code) {
    return new Reference(type + "/" + code).setType(type).setIdentifier(codeIdentifier(code));
  }
}

package io.arbiter.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/*
 * Why code systems HAPI does not know are warnings: openIMIS's (claim-status, claim-rejection-
 * reasons, claim-visit-type…) and Arbiter's own are published by their implementation guides, not
 * by base R4; the validator cannot check their codes, only that each coding is well formed.
 * Everything else base R4 says (cardinalities, types, invariants, the codes of HL7's own bound
 * value sets) is an error.
 */

/**
 * HAPI's {@code FhirInstanceValidator} against base R4, offline: the tests run every FHIR resource
 * the server answers through it (see {@link FhirTestServer}). Made once per JVM (loading base R4's
 * definitions takes seconds); thread-safe.
 */
final class FhirValidation {
  private FhirValidation() {}

  private static final class Holder {
    static final FhirValidator VALIDATOR = validator();
  }

  private static FhirValidator validator() {
    FhirContext context = FhirContext.forR4Cached();
    UnknownCodeSystemWarningValidationSupport unknownCodeSystems = new UnknownCodeSystemWarningValidationSupport(context);
    unknownCodeSystems.setNonExistentCodeSystemSeverity(
        ca.uhn.fhir.context.support.IValidationSupport.IssueSeverity.WARNING);
    ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(context),
        new InMemoryTerminologyServerValidationSupport(context), new CommonCodeSystemsTerminologyService(context),
        unknownCodeSystems);
    FhirValidator validator = context.newValidator();
    validator.registerValidatorModule(new FhirInstanceValidator(chain));
    return validator;
  }

  /** The validator's errors (and fatals) on a resource in FHIR JSON, each as "location: message"; empty if valid. */
  static List<String> errors(String json) {
    return Holder.VALIDATOR.validateWithResult(json).getMessages().stream()
        .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
        .map(FhirValidation::describe).toList();
  }

  /** Every message the validator gives on a resource, with its severity. */
  static List<SingleValidationMessage> messages(String json) {
    return Holder.VALIDATOR.validateWithResult(json).getMessages();
  }

  static String describe(SingleValidationMessage m) {
    return m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage();
  }
}

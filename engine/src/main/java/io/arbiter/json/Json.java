package io.arbiter.json;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;

/**
 * The one Jackson configuration for Arbiter's JSON: ISO dates, amounts as plain decimals, unknown
 * fields refused (a misspelt field must not be silently ignored), null list elements and numeric
 * dates refused, nesting deeper than {@value #MAX_NESTING_DEPTH} and numbers longer than
 * {@value #MAX_NUMBER_LENGTH} characters and duplicate keys refused by the parser. The mapper is thread-safe.
 */
public final class Json {
  /** Deepest nesting of arrays and objects read: {@link io.arbiter.input.InputGate}'s. */
  public static final int MAX_NESTING_DEPTH = io.arbiter.input.InputGate.MAX_NESTING_DEPTH;
  /** Longest number token read, in characters: {@link io.arbiter.input.InputGate}'s. */
  public static final int MAX_NUMBER_LENGTH = io.arbiter.input.InputGate.MAX_NUMBER_LENGTH;

  // Why the parser is bounded although request bodies pass InputGate first: files read by the
  // command line and documents read back from the store get the same bounds (100,000 nested
  // arrays overflow the stack of a recursive reader; a 1 MB number is parsed in quadratic time). Strings are bounded per field by JsonInput, not here: a model upload carries
  // its ONNX file as one base64 string of up to the model body limit.
  private static final ObjectMapper MAPPER = JsonMapper.builder(new com.fasterxml.jackson.core.JsonFactoryBuilder()
          .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
              .maxNestingDepth(MAX_NESTING_DEPTH)
              .maxNumberLength(MAX_NUMBER_LENGTH)
              .maxStringLength(Integer.MAX_VALUE)
              .build())
          .build())
      // A null list element would fail inside a record's List.copyOf, blamed on the whole record;
      // failing on the null itself names the element (/items/0).
      .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
      // ...but a map of rule parameters says "voucher": null on purpose, and what Arbiter writes
      // it must read back.
      .withConfigOverride(java.util.Map.class,
          o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.SET)))
      // Lenient dates read a number as days since 1970 (20260101 is a day in the year 57441).
      .withConfigOverride(LocalDate.class, o -> o.setFormat(JsonFormat.Value.forLeniency(false)))
      .addModule(new JavaTimeModule())
      .addModule(IsoDates.module())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // A document says what type each value has: "qtyProvided": "1" or "code": 1 is refused,
      // naming the field, rather than coerced, so the server takes exactly what openapi.yaml says.
      .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
      // ...and a blank string ("\u0001", " ") is not an absent number: Jackson would read it as null.
      .withCoercionConfigDefaults(c -> c.setAcceptBlankAsEmpty(false))
      // ...and a number is not an enum's name: Jackson would read "limitationType": 1 as the 2nd constant.
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .withCoercionConfig(com.fasterxml.jackson.databind.type.LogicalType.Textual, c -> c
          .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
              com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
          .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float,
              com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
          .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean,
              com.fasterxml.jackson.databind.cfg.CoercionAction.Fail))
      // {"qtyProvided": 1, "qtyProvided": 100}: which one a proxy or an auditor's tool reads is anyone's
      // guess, so a document that says two things is refused rather than read as its last word.
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}

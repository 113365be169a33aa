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
 * dates refused. The mapper is thread-safe.
 */
public final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
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
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}

package io.arbiter.population;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.arbiter.scheme.Family;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.Membership;
import io.arbiter.scheme.Policy;
import io.arbiter.population.ImportRow.Kind;
import io.arbiter.input.InputGate;
import io.arbiter.input.InputRefusal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/*
 * Why a streaming parser instead of the object mapper: the rows are flat, and reading the tokens
 * directly lets every field be checked and reported by name (the mapper stops at the first
 * problem), at a fraction of the cost per line.
 */

/**
 * Reads NDJSON rows: one JSON object a line, whose {@code type} names the record and whose other
 * fields are the record's, as in a scheme document. Unknown and duplicate fields are refused.
 */
final class ImportNdjson implements ImportParser {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static final Map<Kind, Set<String>> FIELDS = new EnumMap<>(Map.of(
      Kind.FAMILY, Set.of("type", "id", "headChfId", "validTo"),
      Kind.INSUREE, Set.of("type", "chfId", "familyId", "gender", "dob", "validTo"),
      Kind.POLICY, Set.of("type", "id", "familyId", "productCode", "stage", "status", "enrollDate", "startDate",
          "effectiveDate", "expiryDate"),
      Kind.MEMBERSHIP, Set.of("type", "chfId", "policyId", "effectiveDate", "expiryDate")));

  private final Set<String> products;

  /** @param products the product codes a policy may name */
  ImportNdjson(Set<String> products) {
    this.products = products;
  }

  @Override
  public ImportRow row(ImportLines line) {
    ImportRow row = new ImportRow(line.number());
    if (line.truncated()) {
      row.error("", "is longer than " + ImportLines.MAX_LENGTH + " bytes");
      return row;
    }
    Map<String, Object> values;
    try {
      InputGate.STANDARD.check(line.bytes(), 0, line.length());
      values = object(line.bytes(), line.length());
    } catch (InputRefusal e) {
      row.error(e.field().isEmpty() ? "" : e.field().substring(1), e.detail());
      return row;
    } catch (JsonProcessingException e) {
      row.error("", "is not JSON: " + InputGate.plainWords(e));
      return row;
    }
    if (values == null) {
      row.error("", "must be one JSON object");
      return row;
    }
    row.readable = true;
    ImportFields f = new ImportFields(row.line, values, false);
    Object type = values.get("type");
    Kind kind = type instanceof String s ? Kind.ofType(s) : null;
    if (kind == null) {
      f.error("type", type == null ? "is required"
          : "must be family, insuree, policy or membership, was " + (type instanceof String s ? ImportFields.quoted(s) : type));
      row.errors = f.errors();
      return row;
    }
    row.kinds = kind.bit();
    for (String field : values.keySet()) {
      if (!FIELDS.get(kind).contains(field)) {
        f.error(field, "is not a field of type " + kind.type);
      }
    }
    switch (kind) {
      case FAMILY -> row.family = new Family(f.id("id", true), f.id("headChfId", false), f.date("validTo", false));
      case INSUREE -> row.insuree = new Insuree(f.id("chfId", true), f.id("familyId", true), f.gender("gender"),
          f.date("dob", false), f.date("validTo", false));
      case POLICY -> row.policy = new Policy(f.id("id", true), f.id("familyId", true),
          f.product("productCode", products), f.stage("stage"), f.status("status"), f.date("enrollDate", false),
          f.date("startDate", false), f.date("effectiveDate", false), f.date("expiryDate", false));
      case MEMBERSHIP -> row.membership = new Membership(f.id("chfId", true), f.id("policyId", true),
          f.date("effectiveDate", true), f.date("expiryDate", false));
    }
    row.errors = f.errors();
    return row;
  }

  /** The fields of a line holding one JSON object; null when it holds anything else. */
  private static Map<String, Object> object(byte[] bytes, int length) throws JsonProcessingException {
    try (JsonParser p = FACTORY.createParser(bytes, 0, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Map<String, Object> values = new LinkedHashMap<>();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        String name = p.currentName();
        values.put(name, value(p, p.nextToken()));
      }
      return p.nextToken() == null ? values : null;
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("reading from memory cannot fail", e);
    }
  }

  private static Object value(JsonParser p, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
          ? p.getBigIntegerValue() : (Object) p.getLongValue();
      case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
      case VALUE_TRUE, VALUE_FALSE -> p.getBooleanValue();
      case VALUE_NULL -> null;
      default -> {
        p.skipChildren();
        yield ImportFields.NESTED;
      }
    };
  }
}

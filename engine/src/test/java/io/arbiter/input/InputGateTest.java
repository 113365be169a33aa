package io.arbiter.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one gate every body passes (issue 15 §1): each limit at its boundary, and its words (§6). */
class InputGateTest {

  private static InputRefusal refusal(InputGate gate, byte[] body) {
    InputRefusal refusal = catchThrowableOfType(() -> gate.check(body), InputRefusal.class);
    assertThat(refusal).as("refused").isNotNull();
    return refusal;
  }

  private static InputRefusal refusal(String json) {
    return refusal(InputGate.STANDARD, json.getBytes(StandardCharsets.UTF_8));
  }

  private static void accepted(String json) {
    assertThatCode(() -> InputGate.STANDARD.check(json.getBytes(StandardCharsets.UTF_8))).doesNotThrowAnyException();
  }

  /** Issue 15 §1: 1e999999999 made HAPI spin for minutes; the gate refuses it at once, naming it. */
  @Test
  @Timeout(5)
  void check_hugeExponent_refusedAsAValueNamingIt() {
    InputRefusal refusal = refusal("{\"item\": [{\"quantity\": {\"value\": 1e999999999}}]}");
    assertThat(refusal.malformed()).isFalse();
    assertThat(refusal.field()).isEqualTo("/item/0/quantity/value");
    assertThat(refusal.detail()).contains("1e999999999").contains("magnitude");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"1e308", "-1.7976931348623157e308", "1e-324", "4.9e-324", "0e308", "0.0", "-0"})
  void check_numbersWithinADoublesRange_accepted(String number) {
    accepted("{\"a\": " + number + "}");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"1e309", "10e308", "1e-325", "0.1e-324", "0e999999999", "1e99999999999", "-1e-999999999"})
  void check_numbersBeyondADoublesRange_refusedAsValues(String number) {
    InputRefusal refusal = refusal("{\"a\": " + number + "}");
    assertThat(refusal.malformed()).isFalse();
    assertThat(refusal.field()).isEqualTo("/a");
  }

  @Test
  void check_numberTokenOf64Characters_acceptedAnd65Refused() {
    accepted("[" + "1".repeat(InputGate.MAX_NUMBER_LENGTH) + "]");
    InputRefusal refusal = refusal("[" + "1".repeat(InputGate.MAX_NUMBER_LENGTH + 1) + "]");
    assertThat(refusal.malformed()).isTrue();
    assertThat(refusal.field()).isEqualTo("/0");
  }

  @Test
  void check_nesting64Deep_acceptedAnd65RefusedNamingTheContainer() {
    accepted("[".repeat(InputGate.MAX_NESTING_DEPTH) + "]".repeat(InputGate.MAX_NESTING_DEPTH));
    InputRefusal refusal = refusal("{\"a\": " + "[".repeat(InputGate.MAX_NESTING_DEPTH) + "]".repeat(
        InputGate.MAX_NESTING_DEPTH) + "}");
    assertThat(refusal.malformed()).isTrue();
    assertThat(refusal.field()).startsWith("/a/0/0");
    assertThat(refusal.detail()).isEqualTo("nests deeper than 64 levels of arrays and objects");
  }

  /** Issue 15 §1: the FHIR route read {"value":30,"value":3000} as 3000. */
  @Test
  void check_duplicateKey_refusedNamingIt() {
    InputRefusal refusal = refusal("{\"q\": {\"value\": 30, \"value\": 3000}}");
    assertThat(refusal.malformed()).isTrue();
    assertThat(refusal.field()).isEqualTo("/q/value");
    accepted("[{\"value\": 30}, {\"value\": 3000}]");
  }

  /** Issue 15 §1: invalid UTF-8 was stored as U+FFFD on the FHIR route. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"C3 28", "C0 AF", "E0 80 AF", "ED A0 80", "F4 90 80 80", "FF", "80", "E2 82"})
  void check_bytesThatAreNotUtf8_refused(String hex) {
    byte[] bad = java.util.HexFormat.ofDelimiter(" ").parseHex(hex);
    byte[] body = new byte[bad.length + 9];
    System.arraycopy("{\"a\": \"".getBytes(StandardCharsets.US_ASCII), 0, body, 0, 7);
    System.arraycopy(bad, 0, body, 7, bad.length);
    body[body.length - 1] = '}';
    body[body.length - 2] = '"';
    InputRefusal refusal = refusal(InputGate.STANDARD, body);
    assertThat(refusal.malformed()).isTrue();
    assertThat(refusal.detail()).startsWith("is not UTF-8").contains("byte 7");
  }

  @Test
  void check_utf16_refused() {
    InputRefusal refusal = refusal(InputGate.STANDARD, "{\"a\": 1}".getBytes(StandardCharsets.UTF_16LE));
    assertThat(refusal.malformed()).isTrue();
    assertThat(refusal.detail()).contains("NUL byte");
  }

  @Test
  void check_fourByteUtf8AndEscapedPairs_accepted() {
    accepted("{\"a\": \"😀 é 中\", \"b\": \"\\ud83d\\ude00\"}");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"\"\\u0000\"", "\"a\\ud800\"", "\"\\udfff\\ud800\"", "\"\\ud83d x\""})
  void check_nulOrUnpairedSurrogate_refusedAsAValue(String string) {
    InputRefusal refusal = refusal("{\"code\": " + string + "}");
    assertThat(refusal.malformed()).isFalse();
    assertThat(refusal.field()).isEqualTo("/code");
  }

  @Test
  void check_nulInAKey_refused() {
    assertThat(refusal("{\"a\\u0000\": 1}").field()).isEqualTo("/a\u0000");
  }

  @Test
  void check_string4096Characters_acceptedAnd4097RefusedUnlessExempt() {
    accepted("{\"a\": \"" + "x".repeat(InputGate.MAX_STRING_LENGTH) + "\"}");
    byte[] long4097 = ("{\"a\": \"" + "x".repeat(InputGate.MAX_STRING_LENGTH + 1) + "\"}").getBytes(StandardCharsets.UTF_8);
    InputRefusal refusal = refusal(InputGate.STANDARD, long4097);
    assertThat(refusal.malformed()).isFalse();
    assertThat(refusal.detail()).isEqualTo("must be at most 4096 characters, was 4097");
    assertThatCode(() -> InputGate.exempting("/a"::equals).check(long4097)).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @ValueSource(strings = {"", "  ", "{} {}", "{} x", "[1]]", "{\"a\": 1", "{\"a\": NaN}", "{'a': 1}", "{\"a\": +1}"})
  void check_notOneJsonValue_refusedInPlainWords(String json) {
    InputRefusal refusal = refusal(json);
    assertThat(refusal.malformed()).isTrue();
    assertThat(refusal.field()).isEmpty();
    assertThat(refusal.detail()).doesNotContain("`").doesNotContain("Feature").doesNotContain("Source")
        .doesNotContain("jackson").doesNotContain("Exception");
  }

  /** Issue 15 §6: a binder's message names Java types; what the client reads names the value instead. */
  @Test
  void plainWords_bindingError_namesThePointerNotTheJavaType() {
    com.fasterxml.jackson.databind.JsonMappingException e = catchThrowableOfType(() -> io.arbiter.json.Json.mapper()
        .readValue("{\"a\": {\"b\": [1]}}", new com.fasterxml.jackson.core.type.TypeReference<
            java.util.Map<String, java.util.Map<String, String>>>() { }),
        com.fasterxml.jackson.databind.JsonMappingException.class);
    assertThat(InputGate.plainWords(e)).isEqualTo("/a/b is not of the expected type or shape");
  }

  @Test
  void plainWords_parserLimit_inTheApisWords() {
    com.fasterxml.jackson.core.JsonProcessingException e = catchThrowableOfType(() -> io.arbiter.json.Json.mapper()
        .readTree("[" + "1".repeat(100) + "]"), com.fasterxml.jackson.core.JsonProcessingException.class);
    assertThat(InputGate.plainWords(e)).startsWith("a number longer than 64 characters or nesting deeper than 64")
        .doesNotContain("StreamReadConstraints");
  }

  @Test
  void check_syntaxError_saysWhereInTheDocument() {
    assertThat(refusal("{\n  \"a\": x}").detail()).contains("line 2, column");
  }
}

package io.arbiter.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A small scheme for tests (base-scheme.json: one facility, one product covering two items and six
 * services at 100 %, a family of three on an active renewal policy for 2026), editable as JSON so
 * that each test states only what it changes.
 */
public final class TestScheme {
  private static final RuleSet RULES = RuleSet.fromClasspath();
  private final ObjectNode root;

  private TestScheme(ObjectNode root) {
    this.root = root;
  }

  public static TestScheme base() {
    try (InputStream in = TestScheme.class.getResourceAsStream("/base-scheme.json")) {
      return new TestScheme((ObjectNode) Json.mapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static RuleSet rules() {
    return RULES;
  }

  public ObjectNode settings() {
    if (!root.has("settings")) {
      root.putObject("settings");
    }
    return (ObjectNode) root.get("settings");
  }

  public ObjectNode item(String code) {
    return find("items", "code", code);
  }

  public ObjectNode service(String code) {
    return find("services", "code", code);
  }

  public ObjectNode product() {
    return find("products", "code", "PRD");
  }

  /** The product line of PRD for an item or service code. */
  public ObjectNode productLine(String code) {
    for (String kind : new String[] {"items", "services"}) {
      for (JsonNode line : product().get(kind)) {
        if (line.get("code").asText().equals(code)) {
          return (ObjectNode) line;
        }
      }
    }
    throw new IllegalArgumentException("no product line " + code);
  }

  /**
   * Adds ANCPKG to the register, a fee-for-service (P) package of 2 PARA and 1 LAB priced 999; it
   * is on no price list or product.
   */
  public ObjectNode addAncPackage() {
    ObjectNode anc = array("services").addObject().put("code", "ANCPKG").put("name", "antenatal package")
        .put("type", "P").put("level", "S").put("category", "A").put("packageType", "P").put("price", 999)
        .put("careType", "B").put("frequency", 0).put("patientCategory", 15);
    ObjectNode contents = anc.putObject("packageContents");
    contents.putArray("items").addObject().put("code", "PARA").put("qty", 2);
    contents.putArray("services").addObject().put("code", "LAB").put("qty", 1);
    return anc;
  }

  public ObjectNode policy(String id) {
    return find("policies", "id", id);
  }

  public ObjectNode insuree(String chfId) {
    return find("insurees", "chfId", chfId);
  }

  public ObjectNode membership(String chfId) {
    return find("memberships", "chfId", chfId);
  }

  public ObjectNode facility() {
    return find("healthFacilities", "code", "HF1");
  }

  public void set(String field, com.fasterxml.jackson.databind.JsonNode value) {
    root.set(field, value);
  }

  public ArrayNode array(String name) {
    return (ArrayNode) root.get(name);
  }

  public ObjectNode find(String array, String key, String value) {
    for (JsonNode node : root.get(array)) {
      if (node.get(key).asText().equals(value)) {
        return (ObjectNode) node;
      }
    }
    throw new IllegalArgumentException("no " + array + " with " + key + " " + value);
  }

  public SchemeDocument document() {
    try {
      return Json.mapper().treeToValue(root, SchemeDocument.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Arbiter arbiter() {
    return Arbiter.builder().rules(RULES).scheme(document()).build();
  }

  public Arbiter arbiter(io.arbiter.store.Store store) {
    return Arbiter.builder().rules(RULES).scheme(document()).store(store).build();
  }
}

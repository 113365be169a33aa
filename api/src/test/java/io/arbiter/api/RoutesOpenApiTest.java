package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The route table and openapi.yaml describe the same API: every route of {@link Routes} is an
 * operation of the document with the same method, path and operation id, and every operation of
 * the document a route of the table. The reviewer page's files are the only routes the document
 * leaves out.
 */
class RoutesOpenApiTest {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

  @Test
  void routes_sameOperationsAsOpenApi() throws IOException {
    Set<String> documented = new TreeSet<>();
    Set<String> documentedIds = new TreeSet<>();
    read().path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      if (METHODS.contains(op.getKey())) {
        String operation = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
        documented.add(operation);
        JsonNode id = op.getValue().get("operationId");
        documentedIds.add(operation + (id == null ? "" : " " + id.asText()));
      }
    }));
    Set<String> routed = new TreeSet<>();
    Set<String> routedIds = new TreeSet<>();
    for (Routes.Route route : Routes.ALL) {
      if (route.path().startsWith("/review")) {
        assertThat(route.operationId()).as(route.path()).isNull();
        continue;
      }
      String operation = route.method() + " " + route.path().replaceAll("/:([A-Za-z]+)", "/{$1}");
      routed.add(operation);
      routedIds.add(operation + (route.operationId() == null ? "" : " " + route.operationId()));
    }
    assertThat(routed).containsExactlyElementsOf(documented);
    assertThat(routedIds).containsExactlyElementsOf(documentedIds);
  }

  @Test
  void routes_eachOnce() {
    assertThat(Routes.ALL.stream().map(r -> r.method() + " " + r.path()).distinct().count())
        .isEqualTo(Routes.ALL.size());
  }

  private static JsonNode read() throws IOException {
    try (InputStream in = RoutesOpenApiTest.class.getResourceAsStream("/openapi.yaml")) {
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }
}

package io.arbiter.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scoring.onnx.ModelRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The shared HTTP test fixture: a server started on a Vert.x of its own, on a free port of
 * 127.0.0.1, over a given engine and options; clients whose every exchange {@link ContractRecorder}
 * checks against openapi.yaml; requests carrying a bearer key; answers read as JSON.
 */
public final class TestServer implements AutoCloseable {
  public static final String HOST = "127.0.0.1";
  private static final HttpClient HTTP = ContractRecorder.recording(HttpClient.newHttpClient());

  private final Vertx vertx;
  private final ArbiterServer server;
  private WebClient webClient;

  private TestServer(Vertx vertx, ArbiterServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /** A scheme document of the test resources, such as {@code /scheme.json}. */
  public static SchemeDocument scheme(String resource) {
    try (InputStream in = TestServer.class.getResourceAsStream(resource)) {
      return Json.mapper().readValue(in, SchemeDocument.class);
    } catch (IOException e) {
      throw new UncheckedIOException(resource, e);
    }
  }

  /** An engine over a scheme of the test resources and the rules built into Arbiter. */
  public static Arbiter arbiter(String schemeResource) {
    return Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme(schemeResource)).build();
  }

  /** The test keys' options (see {@link TestKeys#options}), on 127.0.0.1 and a free port. */
  public static ArbiterServerOptions options() {
    return TestKeys.options().setHost(HOST).setPort(0);
  }

  /** A server over {@code arbiter} with {@link #options()}. */
  public static TestServer start(Arbiter arbiter) {
    return start(arbiter, null, options());
  }

  /** A server over {@code arbiter}, with the model routes over {@code models} (null: none). */
  public static TestServer start(Arbiter arbiter, ModelRegistry models, ArbiterServerOptions options) {
    Vertx vertx = Vertx.vertx();
    try {
      return new TestServer(vertx, ArbiterServer.start(vertx, arbiter, models, options).await());
    } catch (RuntimeException e) {
      vertx.close().await();
      throw e;
    }
  }

  public Vertx vertx() {
    return vertx;
  }

  public ArbiterServer server() {
    return server;
  }

  public int port() {
    return server.port();
  }

  /** The recording {@link HttpClient} the requests below go through. */
  public static HttpClient http() {
    return HTTP;
  }

  /** A recording Vert.x WebClient on this server's Vert.x (redirects not followed); closed with the server. */
  public synchronized WebClient webClient() {
    if (webClient == null) {
      webClient = ContractRecorder.recording(WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)));
    }
    return webClient;
  }

  public URI uri(String path) {
    return URI.create("http://" + HOST + ":" + port() + path);
  }

  /** A request to {@code path}, with {@code Authorization: Bearer token} unless the token is null. */
  public HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  public HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    return send(request(path, token).GET().build());
  }

  public HttpResponse<String> post(String path, String token, String contentType, String body)
      throws IOException, InterruptedException {
    return send(request(path, token).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  public static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** An answer's body read as JSON. */
  public static JsonNode json(HttpResponse<String> response) throws IOException {
    return Json.mapper().readTree(response.body());
  }

  /** Stops the server and its Vert.x (the WebClient first). */
  @Override
  public void close() {
    if (webClient != null) {
      webClient.close();
    }
    vertx.close().await();
  }
}

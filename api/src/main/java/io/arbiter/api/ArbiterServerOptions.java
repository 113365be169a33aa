package io.arbiter.api;

/**
 * Options of an {@link ArbiterServer}, Vert.x style: a mutable bean with fluent setters and
 * defaults. Not thread-safe; the server copies it when it starts, so later changes have no effect.
 */
public final class ArbiterServerOptions {
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8080;
  /** 1 MiB: a claim or review is a few kilobytes. */
  public static final long DEFAULT_BODY_LIMIT = 1L << 20;
  /** 64 MiB: a national scheme's registers, insurees and policies in one document. */
  public static final long DEFAULT_SCHEME_BODY_LIMIT = 64L << 20;

  /** 256 MiB: an uploaded model is base64 inside JSON (4/3 of the ONNX file) plus its card and stats. */
  public static final long DEFAULT_MODEL_BODY_LIMIT = 256L << 20;

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private long bodyLimit = DEFAULT_BODY_LIMIT;
  private long schemeBodyLimit = DEFAULT_SCHEME_BODY_LIMIT;
  private io.arbiter.access.KeyStore keys;
  private io.arbiter.access.AuditLog audit;
  private long modelBodyLimit = DEFAULT_MODEL_BODY_LIMIT;
  private java.nio.file.Path rulesFolder;
  private int idleTimeoutSeconds = DEFAULT_IDLE_TIMEOUT_SECONDS;
  private long bodyTimeoutMillis = DEFAULT_BODY_TIMEOUT_MILLIS;
  private long requestTimeoutMillis = DEFAULT_REQUEST_TIMEOUT_MILLIS;
  private long keyCacheMillis = DEFAULT_KEY_CACHE_MILLIS;
  private io.micrometer.prometheusmetrics.PrometheusMeterRegistry meters;
  private int managementPort = NO_MANAGEMENT_PORT;

  /** {@link #setManagementPort}'s default: no management port. */
  public static final int NO_MANAGEMENT_PORT = -1;

  /** 5 s: how long a key, once checked, is trusted without reading the key store again. */
  public static final long DEFAULT_KEY_CACHE_MILLIS = 5_000;
  /** 30 s: a connection on which nothing is read or written for this long is closed. */
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 30;
  /** 30 s: a JSON body must have arrived whole this long after its headers, or the answer is 408. */
  public static final long DEFAULT_BODY_TIMEOUT_MILLIS = 30_000;
  /** 30 s: a request's work (once its body is in) must be done this long after it was handed to a worker, or the answer is 503. */
  public static final long DEFAULT_REQUEST_TIMEOUT_MILLIS = 30_000;

  public ArbiterServerOptions() {}

  public ArbiterServerOptions(ArbiterServerOptions other) {
    this.host = other.host;
    this.port = other.port;
    this.bodyLimit = other.bodyLimit;
    this.schemeBodyLimit = other.schemeBodyLimit;
    this.keys = other.keys;
    this.audit = other.audit;
    this.modelBodyLimit = other.modelBodyLimit;
    this.rulesFolder = other.rulesFolder;
    this.idleTimeoutSeconds = other.idleTimeoutSeconds;
    this.bodyTimeoutMillis = other.bodyTimeoutMillis;
    this.requestTimeoutMillis = other.requestTimeoutMillis;
    this.keyCacheMillis = other.keyCacheMillis;
    this.meters = other.meters;
    this.managementPort = other.managementPort;
  }

  public String getHost() {
    return host;
  }

  /**
   * @param host the interface to bind, e.g. {@code 127.0.0.1}; {@value #DEFAULT_HOST} binds all
   * @throws NullPointerException if {@code host} is null
   */
  public ArbiterServerOptions setHost(String host) {
    if (host == null) {
      throw new NullPointerException("host");
    }
    this.host = host;
    return this;
  }

  public int getPort() {
    return port;
  }

  /**
   * @param port the TCP port; 0 picks a free one ({@link ArbiterServer#port()} tells which)
   * @throws IllegalArgumentException outside 0..65535
   */
  public ArbiterServerOptions setPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, was " + port);
    }
    this.port = port;
    return this;
  }

  public long getBodyLimit() {
    return bodyLimit;
  }

  /**
   * @param bodyLimit largest claim or review body in bytes; larger ones get 413
   * @throws IllegalArgumentException unless positive
   */
  public ArbiterServerOptions setBodyLimit(long bodyLimit) {
    this.bodyLimit = positive(bodyLimit, "bodyLimit");
    return this;
  }

  public long getSchemeBodyLimit() {
    return schemeBodyLimit;
  }

  /**
   * @param schemeBodyLimit largest {@code PUT /v1/scheme} body in bytes; larger ones get 413
   * @throws IllegalArgumentException unless positive
   */
  public ArbiterServerOptions setSchemeBodyLimit(long schemeBodyLimit) {
    this.schemeBodyLimit = positive(schemeBodyLimit, "schemeBodyLimit");
    return this;
  }

  /** The API keys requests are checked against; null when none are configured. */
  public io.arbiter.access.KeyStore getKeys() {
    return keys;
  }

  /**
   * @param keys the API keys that open the routes of their roles (see {@link Access}); null, the
   *     default, configures none, so every request but {@code /health}, {@code /openapi.yaml} and
   *     the reviewer page's files gets 401. Shared, not copied.
   */
  public ArbiterServerOptions setKeys(io.arbiter.access.KeyStore keys) {
    this.keys = keys;
    return this;
  }

  /** The audit trail changes are recorded in; null when none is configured. */
  public io.arbiter.access.AuditLog getAudit() {
    return audit;
  }

  /**
   * @param audit where changes made over HTTP are recorded and {@code GET /v1/audit} reads; null,
   *     the default, gives the server an in-memory trail of its own (lost when it stops). Shared,
   *     not copied.
   */
  public ArbiterServerOptions setAudit(io.arbiter.access.AuditLog audit) {
    this.audit = audit;
    return this;
  }

  /** Largest {@code POST /v1/models} body in bytes. */
  public long getModelBodyLimit() {
    return modelBodyLimit;
  }

  /**
   * @param modelBodyLimit largest {@code POST /v1/models} body in bytes; larger ones get 413
   * @throws IllegalArgumentException unless positive
   */
  public ArbiterServerOptions setModelBodyLimit(long modelBodyLimit) {
    this.modelBodyLimit = positive(modelBodyLimit, "modelBodyLimit");
    return this;
  }

  /** The folder {@code POST /v1/rules:reload} reads; null when the server runs the built-in rules. */
  public java.nio.file.Path getRulesFolder() {
    return rulesFolder;
  }

  /**
   * @param rulesFolder the folder the Arbiter's rules were compiled from, the only place a reload
   *     reads; null (the default) makes {@code POST /v1/rules:reload} answer 409
   */
  public ArbiterServerOptions setRulesFolder(java.nio.file.Path rulesFolder) {
    this.rulesFolder = rulesFolder;
    return this;
  }

  public int getIdleTimeoutSeconds() {
    return idleTimeoutSeconds;
  }

  /**
   * @param idleTimeoutSeconds a connection idle (nothing read or written) this long is closed
   * @throws IllegalArgumentException unless positive
   */
  public ArbiterServerOptions setIdleTimeoutSeconds(int idleTimeoutSeconds) {
    this.idleTimeoutSeconds = (int) positive(idleTimeoutSeconds, "idleTimeoutSeconds");
    return this;
  }

  public long getBodyTimeoutMillis() {
    return bodyTimeoutMillis;
  }

  /**
   * @param bodyTimeoutMillis how long a JSON body may take to arrive whole after its headers; a
   *     slower one gets 408 and its connection is closed (a client trickling bytes resets the idle
   *     timeout, not this one)
   * @throws IllegalArgumentException unless positive
   */
  public ArbiterServerOptions setBodyTimeoutMillis(long bodyTimeoutMillis) {
    this.bodyTimeoutMillis = positive(bodyTimeoutMillis, "bodyTimeoutMillis");
    return this;
  }

  public long getRequestTimeoutMillis() {
    return requestTimeoutMillis;
  }

  /**
   * @param requestTimeoutMillis the time budget of a request's work on a worker thread (the
   *     streamed imports and batches excepted, which last as long as their upload): past it the
   *     request is answered 503; work still waiting for a thread is never started, work already
   *     running finishes unseen (see {@link WorkBudget})
   * @throws IllegalArgumentException unless positive
   */
  public ArbiterServerOptions setRequestTimeoutMillis(long requestTimeoutMillis) {
    this.requestTimeoutMillis = positive(requestTimeoutMillis, "requestTimeoutMillis");
    return this;
  }

  public long getKeyCacheMillis() {
    return keyCacheMillis;
  }

  /**
   * @param keyCacheMillis how long a valid key is remembered after it was read from the key store,
   *     so most requests need no store read; a key revoked meanwhile (by {@code arbiter keys revoke},
   *     possibly on another instance) keeps working on this server for at most this long. 0 reads
   *     the store on every request.
   * @throws IllegalArgumentException if negative
   */
  public ArbiterServerOptions setKeyCacheMillis(long keyCacheMillis) {
    if (keyCacheMillis < 0) {
      throw new IllegalArgumentException("keyCacheMillis must be 0 or more, was " + keyCacheMillis);
    }
    this.keyCacheMillis = keyCacheMillis;
    return this;
  }

  /** The registry {@code /metrics} shows; null when the server should make its own. */
  public io.micrometer.prometheusmetrics.PrometheusMeterRegistry getMeters() {
    return meters;
  }

  /**
   * @param meters the registry {@code /metrics} shows and HTTP requests are recorded in; give the
   *     one the Arbiter, its store and Vert.x record in. Null (the default) makes the server a
   *     registry of its own, with its HTTP meters only. Shared, not copied.
   */
  public ArbiterServerOptions setMeters(io.micrometer.prometheusmetrics.PrometheusMeterRegistry meters) {
    this.meters = meters;
    return this;
  }

  public int getManagementPort() {
    return managementPort;
  }

  /**
   * @param managementPort a second port, on the same host, serving {@code /metrics} and
   *     {@code /health/*} without a key (bind it where only the monitoring can reach); 0 picks a
   *     free one ({@link ArbiterServer#managementPort()}); {@value #NO_MANAGEMENT_PORT}, the
   *     default, serves {@code /metrics} on the main port to {@code admin} keys only
   * @throws IllegalArgumentException outside -1..65535
   */
  public ArbiterServerOptions setManagementPort(int managementPort) {
    if (managementPort < NO_MANAGEMENT_PORT || managementPort > 65535) {
      throw new IllegalArgumentException("managementPort must be -1 (none) or in 0..65535, was " + managementPort);
    }
    this.managementPort = managementPort;
    return this;
  }

  private static long positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }
}

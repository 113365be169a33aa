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
  private String reviewerToken;
  private long modelBodyLimit = DEFAULT_MODEL_BODY_LIMIT;
  private java.nio.file.Path rulesFolder;
  private int idleTimeoutSeconds = DEFAULT_IDLE_TIMEOUT_SECONDS;
  private long bodyTimeoutMillis = DEFAULT_BODY_TIMEOUT_MILLIS;

  /** 30 s: a connection on which nothing is read or written for this long is closed. */
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 30;
  /** 30 s: a JSON body must have arrived whole this long after its headers, or the answer is 408. */
  public static final long DEFAULT_BODY_TIMEOUT_MILLIS = 30_000;

  public ArbiterServerOptions() {}

  public ArbiterServerOptions(ArbiterServerOptions other) {
    this.host = other.host;
    this.port = other.port;
    this.bodyLimit = other.bodyLimit;
    this.schemeBodyLimit = other.schemeBodyLimit;
    this.reviewerToken = other.reviewerToken;
    this.modelBodyLimit = other.modelBodyLimit;
    this.rulesFolder = other.rulesFolder;
    this.idleTimeoutSeconds = other.idleTimeoutSeconds;
    this.bodyTimeoutMillis = other.bodyTimeoutMillis;
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

  /** The reviewer token; null when none is configured (the reviewer API then refuses everyone). */
  public String getReviewerToken() {
    return reviewerToken;
  }

  /**
   * @param reviewerToken the bearer token the reviewer API and page require ({@code Authorization:
   *     Bearer <token>}); null configures none, so every reviewer request gets 401
   * @throws IllegalArgumentException when blank, or holding characters an HTTP header cannot carry
   *     (anything but visible ASCII)
   */
  public ArbiterServerOptions setReviewerToken(String reviewerToken) {
    if (reviewerToken != null && (reviewerToken.isBlank() || !reviewerToken.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
      throw new IllegalArgumentException("reviewerToken must be visible ASCII without spaces");
    }
    this.reviewerToken = reviewerToken;
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

  private static long positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }
}

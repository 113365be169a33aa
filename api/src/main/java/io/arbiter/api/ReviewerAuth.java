package io.arbiter.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/*
 * Why this is one small handler: the reviewer API is guarded by a single configured token for now;
 * the security issue brings users and roles, and replaces this class (and only this class) with a
 * handler that checks them. Routes that need a reviewer put it in front of their handler.
 */

/**
 * Lets a request through only with {@code Authorization: Bearer <reviewer token>}; otherwise fails
 * it with 401 (a problem document, with {@code WWW-Authenticate: Bearer}). Without a configured
 * token every request is refused: a server nobody configured must not show claims to anyone.
 * Thread-safe.
 */
final class ReviewerAuth implements Handler<RoutingContext> {
  private static final String SCHEME = "bearer ";

  private final byte[] token;

  /** @param token the reviewer token; null when none is configured */
  ReviewerAuth(String token) {
    this.token = token == null ? null : token.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    String refusal = refusal(header);
    if (refusal == null) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"arbiter-review\"");
    ctx.fail(new HttpException(401, refusal));
  }

  /** Why the header is refused; null when it carries the token. */
  private String refusal(String header) {
    if (token == null) {
      return "no reviewer token is configured on this server";
    }
    if (header == null) {
      return "a reviewer token is required (Authorization: Bearer <token>)";
    }
    // RFC 9110: the scheme name is case-insensitive.
    if (header.length() < SCHEME.length() || !header.substring(0, SCHEME.length()).equalsIgnoreCase(SCHEME)) {
      return "the Authorization header must be Bearer <token>";
    }
    byte[] given = header.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
    // Constant time, so the answer's timing does not tell how much of a guess was right.
    return MessageDigest.isEqual(given, token) ? null : "the reviewer token is not valid";
  }
}

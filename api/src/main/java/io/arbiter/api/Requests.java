package io.arbiter.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.arbiter.access.Tokens;
import io.arbiter.engine.ArbiterException;
import io.arbiter.engine.Problem;
import io.arbiter.input.Identifiers;
import io.arbiter.json.Json;
import io.arbiter.population.ImportFormat;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Taking requests apart, the same way for every route handler: parameters, bodies, formats. */
final class Requests {
  private Requests() {}

  static LocalDate queryDate(String value, String name, List<Problem> problems) {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      problems.add(new Problem(name, "must be a date (YYYY-MM-DD), was '" + value + "'", false));
      return null;
    }
  }

  static int queryInt(String value, String name, int absent, int min, int max, List<Problem> problems) {
    if (value == null) {
      return absent;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, as out of range is
    }
    problems.add(new Problem(name, "must be an integer from " + min + (max == Integer.MAX_VALUE ? " on" : " to " + max)
        + ", was '" + value + "'", false));
    return absent;
  }

  static Instant instant(String value, String name, List<Problem> problems) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      problems.add(new Problem(name, "must be an instant such as 2026-01-31T12:00:00Z, was '" + value + "'", false));
      return null;
    }
  }

  /** The {@code date} parameter; today (the server's time zone) when absent. */
  static LocalDate date(String date) {
    if (date == null) {
      return LocalDate.now();
    }
    try {
      return LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw new ArbiterException(ArbiterException.Kind.MALFORMED, "the date parameter is not a date",
          List.of(new Problem("date", "must be a date (YYYY-MM-DD), was '" + date + "'", false)));
    }
  }

  /**
   * Fails the request with 400 MALFORMED naming every problem, when there are any.
   *
   * @return whether the request may go on
   */
  static boolean valid(RoutingContext ctx, String detail, List<Problem> problems) {
    if (problems.isEmpty()) {
      return true;
    }
    ctx.fail(new ArbiterException(ArbiterException.Kind.MALFORMED, detail, problems));
    return false;
  }

  /**
   * The format of a body to be streamed, after answering a client that waits for 100 Continue;
   * null, the request failed with 415 naming {@code expected}, when its type is not {@code accepted}.
   */
  static ImportFormat streamedFormat(RoutingContext ctx, Set<ImportFormat> accepted, String expected) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    ImportFormat format = ImportFormat.ofMediaType(contentType).filter(accepted::contains).orElse(null);
    if (format == null) {
      ctx.fail(new HttpException(415, "the body must be " + expected + ", "
          + (contentType == null ? "it has no Content-Type header" : "was " + contentType)));
    } else if (ctx.request().headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
      ctx.response().writeContinue();
    }
    return format;
  }

  /**
   * Whether the request is a POST; else fails it with 405 listing POST, because a route matched by
   * regular expression has no path for the router's own 405 to list.
   */
  static boolean postOnly(RoutingContext ctx) {
    if (ctx.request().method() == HttpMethod.POST) {
      return true;
    }
    ctx.response().putHeader(HttpHeaders.ALLOW, HttpMethod.POST.name());
    ctx.fail(405);
    return false;
  }

  /**
   * Checks every path parameter of the request (a claim code, an insurance number, a batch or model
   * id) against {@link Identifiers}: one that cannot be an identifier is refused (400) before any
   * store is asked, where a NUL would fail the query.
   */
  static void pathIdentifiers(RoutingContext ctx) {
    List<Problem> problems = new ArrayList<>();
    ctx.pathParams().forEach((name, value) -> Identifiers.problem(value)
        .ifPresent(problem -> problems.add(new Problem(name, problem, false))));
    if (problems.isEmpty()) {
      ctx.next();
    } else {
      ctx.fail(new ArbiterException(ArbiterException.Kind.MALFORMED, "the path does not name a valid identifier",
          problems));
    }
  }

  static byte[] bytes(Buffer body) {
    return body == null ? new byte[0] : body.getBytes();
  }

  /** The request's body as bytes (none: empty). */
  static byte[] body(RoutingContext ctx) {
    return bytes(ctx.body().buffer());
  }

  /** Text that must be UTF-8: malformed bytes are refused (400), never read as U+FFFD. */
  static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new ArbiterException(ArbiterException.Kind.MALFORMED, "the body is not UTF-8",
          List.of(new Problem("", "must be UTF-8 text", false)));
    }
  }

  /** The SHA-256 of a value's JSON: what the audit trail keeps of a state. */
  static String hash(Object value) {
    try {
      return Tokens.sha256(Json.mapper().writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }
}

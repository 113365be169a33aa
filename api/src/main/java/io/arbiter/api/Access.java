package io.arbiter.api;

import io.arbiter.access.Actor;
import io.arbiter.access.ApiKey;
import io.arbiter.access.KeyStore;
import io.arbiter.access.Role;
import io.arbiter.access.Tokens;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/*
 * Why one handler in front of every route: the roles of all routes are read (and reviewed) in one
 * place, the route table (Routes), and a route added without an entry is caught when the server
 * starts (checkCovered), rather than silently open. Why the handler matches paths itself rather
 * than sitting on each route: the same check covers routes mounted by hand and unknown paths. A request that matches no
 * entry can only end in 404 or 405 (every route has an entry), so it needs a valid key of any role:
 * nothing about the API is told to a caller without one.
 */

/**
 * Who may call what: the handler that enforces the roles of the route table ({@link Routes}). A request needs a
 * bearer token ({@code Authorization: Bearer <token>}) of an active key holding one of the route's
 * roles; without one, or with an unknown or revoked one, it gets 401 with
 * {@code WWW-Authenticate: Bearer}; with a valid key lacking the role, 403. Refusals are problem
 * documents, OperationOutcomes under {@code /fhir}. Routes with no role ({@code /health},
 * {@code /openapi.yaml}, the reviewer page's static files) are open. Thread-safe.
 */
public final class Access implements Handler<RoutingContext> {
  /** Where the handler leaves the caller's key for the route handlers. */
  static final String KEY = "arbiter.key";

  /** The table: {@link Routes#ALL}. Admin implies no other role (see {@link io.arbiter.access.Role}). */
  private static final List<Routes.Route> RULES = Routes.ALL;

  private static final String SCHEME = "bearer ";

  private final Vertx vertx;
  private final KeyStore keys;
  /** Keys recently found valid, by their token's digest (never the token itself). */
  private final Cache<String, ApiKey> recent;

  /**
   * @param vertx its worker pool looks keys up (a database read)
   * @param keys the keys; null refuses every request that needs one (a server nobody configured
   *     must not show claims to anyone)
   * @param cacheMillis how long a valid key is trusted without a new read (0: read every time)
   */
  Access(Vertx vertx, KeyStore keys, long cacheMillis) {
    this.vertx = vertx;
    this.keys = keys;
    this.recent = cacheMillis == 0 ? null : Caffeine.newBuilder().maximumSize(10_000)
        .expireAfterWrite(Duration.ofMillis(cacheMillis)).build();
  }

  /**
   * The key of the caller of a request that passed this handler.
   *
   * @throws IllegalStateException on an open route (it has no caller)
   */
  public static ApiKey key(RoutingContext ctx) {
    ApiKey key = ctx.get(KEY);
    if (key == null) {
      throw new IllegalStateException("no key: " + ctx.request().path() + " is not behind the access check");
    }
    return key;
  }

  /** Who calls, for the audit trail; see {@link #key}. */
  public static Actor actor(RoutingContext ctx) {
    return key(ctx).actor();
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    String path;
    try {
      path = normal(ctx.normalizedPath());
    } catch (IllegalArgumentException e) {
      // A path that is not percent-encoded UTF-8 names no resource: refused before any key is read.
      ctx.fail(new HttpException(400, "the request URI is malformed (is it percent-encoded UTF-8?)"));
      return;
    }
    Optional<Routes.Route> rule = find(method, path);
    if (rule.isPresent() && rule.get().open()) {
      ctx.next();
      return;
    }
    Set<Role> needed = rule.map(Routes.Route::roles).orElse(EnumSet.allOf(Role.class));
    String token = token(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    if (token == null || keys == null) {
      refuse(ctx, path, 401, keys == null ? "no keys are configured on this server"
          : "an API key is required (Authorization: Bearer <token>)");
      return;
    }
    String digest = recent == null ? null : Tokens.digest(token);
    ApiKey known = digest == null ? null : recent.getIfPresent(digest);
    if (known != null) {
      authorize(ctx, method, path, needed, known);
      return;
    }
    // The key is looked up on a worker (it may be a database read); the body must wait meanwhile.
    ctx.request().pause();
    vertx.executeBlocking(() -> keys.authenticate(token), false).onComplete(done -> {
      ctx.request().resume();
      if (done.failed()) {
        ctx.fail(done.cause());
      } else if (done.result().isEmpty()) {
        refuse(ctx, path, 401, "the API key is not valid (unknown or revoked)");
      } else {
        if (digest != null) {
          recent.put(digest, done.result().get());
        }
        authorize(ctx, method, path, needed, done.result().get());
      }
    });
  }

  private static void authorize(RoutingContext ctx, HttpMethod method, String path, Set<Role> needed, ApiKey key) {
    if (key.roles().stream().noneMatch(needed::contains)) {
      refuse(ctx, path, 403, "this key's roles (" + ids(key.roles()) + ") do not include "
          + (needed.size() == 1 ? "" : "any of ") + ids(needed) + ", needed for " + method + " " + path);
    } else {
      ctx.put(KEY, key);
      ctx.next();
    }
  }

  /** The entry for a request, if any. */
  static Optional<Routes.Route> find(HttpMethod method, String path) {
    return RULES.stream().filter(r -> r.method().equals(method) && matches(r.path(), path)).findFirst();
  }

  /**
   * Checks that every route of a router has an entry: a route for given methods needs one per
   * method; a route for any method (the API's regular-expression routes, which answer 405 to the
   * wrong method themselves) needs at least one for its path; a prefix route ({@code /x/*}) needs
   * a prefix entry, unless it mounts a router checked on its own ({@code mounts}).
   *
   * @param prefix where the router is mounted ("" for the root)
   * @param mounts paths of sub-routers mounted here, e.g. {@code /fhir/*}
   * @throws IllegalStateException naming the first route without an entry
   */
  static void checkCovered(List<Route> routes, String prefix, Set<String> mounts) {
    for (Route route : routes) {
      String path = path(route);
      if (path == null) {
        continue; // failure handlers and the access check itself: they serve no resource
      }
      String full = prefix + path;
      boolean covered;
      if (full.endsWith("/*")) {
        covered = mounts.contains(full) || RULES.stream().anyMatch(r -> r.path().equals(full));
      } else if (route.methods() == null || route.methods().isEmpty()) {
        covered = RULES.stream().anyMatch(r -> r.path().equals(full));
      } else {
        covered = route.methods().stream().allMatch(m -> RULES.stream()
            .anyMatch(r -> r.method().equals(m) && r.path().equals(full)));
      }
      if (!covered) {
        throw new IllegalStateException("route " + route.methods() + " " + full + " has no entry in Routes");
      }
    }
  }

  /**
   * Every endpoint of a router, as {@code METHOD path}: a route for given methods once per method,
   * a route for any method once per method its entries name; prefix routes are left out.
   */
  static List<String> describe(List<Route> routes, String prefix) {
    List<String> all = new ArrayList<>();
    for (Route route : routes) {
      String path = path(route);
      if (path == null || path.endsWith("/*")) {
        continue;
      }
      String full = prefix + path;
      if (route.methods() == null || route.methods().isEmpty()) {
        RULES.stream().filter(r -> r.path().equals(full)).forEach(r -> all.add(r.method() + " " + full));
      } else {
        route.methods().forEach(m -> all.add(m + " " + full));
      }
    }
    return all;
  }

  /** A route's path as the table writes it ({@code /x/*} for a prefix); null for a route of every path. */
  private static String path(Route route) {
    if (route.isRegexPath()) {
      // The API's regex routes are quoted literal paths (a colon inside a segment).
      String name = route.getName();
      return name == null ? null : name.replace("\\Q", "").replace("\\E", "");
    }
    String path = route.getPath();
    if (path == null) {
      return null;
    }
    return route.isExactPath() ? path : (path.endsWith("/") ? path : path + "/") + "*";
  }

  private static boolean matches(String template, String path) {
    if (template.endsWith("/*")) {
      return path.startsWith(template.substring(0, template.length() - 1));
    }
    String[] t = template.split("/", -1);
    String[] p = path.split("/", -1);
    if (t.length != p.length) {
      return false;
    }
    for (int i = 0; i < t.length; i++) {
      if (t[i].startsWith(":") ? p[i].isEmpty() : !t[i].equals(p[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * The path as Vert.x matches it: repeated slashes as one, and without a trailing slash (Vert.x
   * routes {@code /v1/review-queue/} to {@code /v1/review-queue}, so the table must see the same).
   */
  private static final Pattern SLASHES = Pattern.compile("/{2,}");

  static String normal(String path) {
    String p = SLASHES.matcher(path == null ? "/" : path).replaceAll("/");
    return p.length() > 1 && p.endsWith("/") && !p.equals("/review/") ? p.substring(0, p.length() - 1) : p;
  }

  /** The token of a Bearer Authorization header (scheme in any case, RFC 9110); null when there is none. */
  private static String token(String header) {
    if (header == null || header.length() <= SCHEME.length()
        || !header.substring(0, SCHEME.length()).equalsIgnoreCase(SCHEME)) {
      return null;
    }
    String token = header.substring(SCHEME.length()).trim();
    return token.isEmpty() ? null : token;
  }

  private static void refuse(RoutingContext ctx, String path, int status, String detail) {
    ctx.response().putHeader("WWW-Authenticate", status == 401 ? "Bearer realm=\"arbiter\""
        : "Bearer realm=\"arbiter\", error=\"insufficient_scope\"");
    if (path.startsWith("/fhir/")) {
      FhirHandlers.refuseAccess(ctx, status, detail);
    } else {
      ctx.fail(new HttpException(status, detail));
    }
  }

  private static String ids(Set<Role> roles) {
    return roles.stream().sorted().map(Role::id).collect(Collectors.joining(", "));
  }
}

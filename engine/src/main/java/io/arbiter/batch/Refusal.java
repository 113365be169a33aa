package io.arbiter.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.arbiter.engine.ArbiterException;
import io.arbiter.input.InputGate;
import io.arbiter.input.InputRefusal;
import io.arbiter.rules.RuleSetException;
import io.arbiter.scheme.SchemeException;
import io.arbiter.store.StoreException;
import io.arbiter.scoring.ModelException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why the engine refused an input (a claim of a batch, a scheme or claims file, a request body),
 * in the words of the API's problem documents (openapi.yaml lists the same types): what
 * {@code arbiter adjudicate} prints for a refused claim, what a batch's answer line carries, and
 * what the HTTP API's problem document is made from. Immutable; written as JSON with exactly these
 * fields, in this order.
 *
 * @param type a URI naming the kind of problem ({@code urn:arbiter:problem:…})
 * @param title the kind of problem, for a person; the same for every problem of a type
 * @param status the HTTP status code the API answers this problem with
 * @param detail what went wrong with this input
 * @param errors every offending field; empty when the problem is not about fields
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Refusal(String type, String title, int status, String detail, List<FieldError> errors) {

  /**
   * One offending field.
   *
   * @param field a JSON pointer into the request body ({@code /items/0/qtyProvided}; {@code ""} is
   *     the whole body), or the name of a query parameter ({@code date})
   */
  public record FieldError(String field, String detail) {}

  private static final String URN = "urn:arbiter:problem:";

  /** The problem types this API defines; openapi.yaml documents the same list. */
  enum Type {
    MALFORMED_JSON(400, "malformed-json", "Malformed JSON"),
    INVALID_REQUEST(400, "invalid-request", "Invalid request"),
    UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    REQUEST_TIMEOUT(408, "request-timeout", "Request timeout"),
    CONFLICT(409, "conflict", "Conflict"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    REFUSED(422, "refused", "Request refused"),
    INVALID_SCHEME(422, "invalid-scheme", "Invalid scheme"),
    INVALID_MODEL(422, "invalid-model", "Invalid model"),
    INVALID_RULES(422, "invalid-rules", "Invalid rules"),
    INTERNAL_ERROR(500, "internal-error", "Internal server error"),
    NOT_IMPLEMENTED(501, "not-implemented", "Not implemented"),
    UNAVAILABLE(503, "unavailable", "Service unavailable");

    final int status;
    final String uri;
    final String title;

    Type(int status, String slug, String title) {
      this.status = status;
      this.uri = URN + slug;
      this.title = title;
    }

    Refusal problem(String detail, List<FieldError> errors) {
      return new Refusal(uri, title, status, detail, errors);
    }
  }

  public Refusal {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /**
   * The problem a failure means for the client. {@link ArbiterException} maps by kind (MALFORMED
   * 400, INVALID 422, NOT_FOUND 404, CONFLICT 409), {@link SchemeException} and
   * {@link RuleSetException} to 422, {@link InputRefusal} to 400 (malformed) or 422 (a value out of
   * bounds), Jackson's read errors to 400 naming the field by JSON pointer (in words that name no
   * Java class or parser setting),
   * {@link StoreException} (the database is unreachable; nothing was committed) to 503; anything
   * else is a server fault (500), whose detail reveals nothing of the failure.
   *
   * @param failure not null
   */
  public static Refusal of(Throwable failure) {
    if (failure instanceof ArbiterException e) {
      return ofArbiter(e);
    }
    if (failure instanceof SchemeException e) {
      return Type.INVALID_SCHEME.problem("the scheme cannot be loaded; the current scheme stays",
          e.problems().stream().map(p -> new FieldError(p.field(), p.detail())).toList());
    }
    if (failure instanceof ModelException e) {
      return ofModel(e);
    }
    if (failure instanceof RuleSetException e) {
      return ofRules(e);
    }
    if (storeFailure(failure)) {
      // The store's message may name hosts and SQL; the client learns only that it may retry.
      return Type.UNAVAILABLE.problem("the database is unavailable; nothing of this request was saved,"
          + " retry later", List.of());
    }
    if (failure instanceof InputRefusal e) {
      List<FieldError> errors = List.of(new FieldError(e.field(), e.detail()));
      return e.malformed() ? Type.MALFORMED_JSON.problem("the document is not valid JSON within the limits", errors)
          : Type.REFUSED.problem("a value is out of bounds", errors);
    }
    if (failure instanceof JsonProcessingException e) {
      JsonProcessingException syntax = syntaxError(e);
      if (syntax != null) {
        return Type.MALFORMED_JSON.problem("the document is not valid JSON",
            List.of(new FieldError("", InputGate.plainWords(syntax))));
      }
      if (e instanceof JsonMappingException m && !(e instanceof InvalidDefinitionException)) {
        return ofMapping(m);
      }
    }
    return internalError();
  }

  /**
   * The problem of a bare HTTP status (unknown route, wrong method, body too large…), when the API
   * defines a type for that status.
   *
   * @return empty for a status the API defines no type for
   */
  public static Optional<Refusal> ofStatus(int status, String detail) {
    Type type = switch (status) {
      case 400 -> Type.INVALID_REQUEST;
      case 401 -> Type.UNAUTHORIZED;
      case 403 -> Type.FORBIDDEN;
      case 404 -> Type.NOT_FOUND;
      case 405 -> Type.METHOD_NOT_ALLOWED;
      case 408 -> Type.REQUEST_TIMEOUT;
      case 409 -> Type.CONFLICT;
      case 413 -> Type.PAYLOAD_TOO_LARGE;
      case 415 -> Type.UNSUPPORTED_MEDIA_TYPE;
      case 500 -> Type.INTERNAL_ERROR;
      case 501 -> Type.NOT_IMPLEMENTED;
      case 503 -> Type.UNAVAILABLE;
      default -> null;
    };
    return Optional.ofNullable(type).map(t -> t.problem(detail, List.of()));
  }

  /** A fault of the server, whose detail reveals nothing of the failure. */
  public static Refusal internalError() {
    return Type.INTERNAL_ERROR.problem("an unexpected error occurred", List.of());
  }

  private static Refusal ofArbiter(ArbiterException e) {
    List<FieldError> errors = e.problems().stream().map(p -> new FieldError(p.field(), p.detail())).toList();
    Type type = switch (e.kind()) {
      case MALFORMED -> Type.INVALID_REQUEST;
      case INVALID -> Type.REFUSED;
      case NOT_FOUND -> Type.NOT_FOUND;
      case CONFLICT -> Type.CONFLICT;
    };
    return type.problem(e.getMessage(), errors);
  }

  /** A model refusal; its part ({@code card.featureSchema}) becomes a pointer into the upload body. */
  private static Refusal ofModel(ModelException e) {
    List<FieldError> errors = e.field() == null ? List.of()
        : List.of(new FieldError(e.kind() == ModelException.Kind.INVALID ? "/" + e.field().replace('.', '/') : e.field(),
            e.getMessage()));
    Type type = switch (e.kind()) {
      case INVALID -> Type.INVALID_MODEL;
      case NOT_FOUND -> Type.NOT_FOUND;
      case CONFLICT -> Type.CONFLICT;
    };
    return type.problem(e.getMessage(), errors);
  }

  /** Whether the failure is, or was caused by, the store's (a worker may wrap it). */
  private static boolean storeFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StoreException) {
        return true;
      }
    }
    return false;
  }

  /**
   * A refused rules reload; each error ("maxima.drl:12:3: message" or "scenarios/x.json#case:
   * expected…") becomes a field error of its location and message.
   */
  private static Refusal ofRules(RuleSetException e) {
    List<FieldError> errors = e.errors().stream().map(error -> {
      int colon = error.indexOf(": ");
      return colon < 0 ? new FieldError("", error) : new FieldError(error.substring(0, colon), error.substring(colon + 2));
    }).toList();
    String summary = e.getMessage().lines().findFirst().orElse("the rules are invalid");
    return Type.INVALID_RULES.problem(summary.replaceAll(":$", "") + "; the current rules stay", errors);
  }

  /** What a client must not be shown: Java class names (Jackson puts them between backticks) and settings. */
  private static final java.util.regex.Pattern LIBRARY_WORDS =
      java.util.regex.Pattern.compile("`|\\bjava\\.|\\bio\\.arbiter\\.|com\\.fasterxml|Feature|Exception");

  private static Refusal ofMapping(JsonMappingException e) {
    String field = pointer(e.getPath());
    String detail;
    if (e instanceof UnrecognizedPropertyException) {
      detail = "is not a known field";
    } else if (e instanceof MismatchedInputException m && expected(m.getTargetType()) != null) {
      detail = "must be " + expected(m.getTargetType());
    } else if (e instanceof ValueInstantiationException && e.getCause() != null && e.getCause().getMessage() != null
        && !LIBRARY_WORDS.matcher(e.getCause().getMessage()).find()) {
      detail = e.getCause().getMessage(); // a record's own check, in its words
    } else if (e.getOriginalMessage() != null && !LIBRARY_WORDS.matcher(e.getOriginalMessage()).find()) {
      detail = e.getOriginalMessage();
    } else {
      detail = "does not have the expected type or shape";
    }
    return Type.INVALID_REQUEST.problem("the JSON does not have the expected shape",
        List.of(new FieldError(field, detail)));
  }

  /**
   * The syntax error (or exceeded parser limit) behind a failure, if that is what it is: Jackson
   * wraps one met while binding a field in a mapping exception. A number out of range is no
   * syntax error but a wrong value, and keeps its field.
   */
  private static JsonProcessingException syntaxError(JsonProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JsonProcessingException p && !(t instanceof JsonMappingException)
          && !(t instanceof InputCoercionException)) {
        return p;
      }
    }
    return null;
  }

  /** RFC 6901: {@code ~} and {@code /} in a name are escaped. */
  private static String pointer(List<JsonMappingException.Reference> path) {
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference r : path) {
      pointer.append('/');
      if (r.getFieldName() != null) {
        pointer.append(r.getFieldName().replace("~", "~0").replace("/", "~1"));
      } else if (r.getIndex() >= 0) {
        pointer.append(r.getIndex());
      }
    }
    return pointer.toString();
  }

  /** What a JSON value must be to fit a Java type, in the words of openapi.yaml; null if unknown. */
  private static String expected(Class<?> type) {
    if (type == null) {
      return null;
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == LocalDate.class) {
      return "a date (YYYY-MM-DD)";
    }
    if (type == Instant.class) {
      return "a timestamp (ISO 8601)";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.toString(type.getEnumConstants());
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    return null;
  }

}

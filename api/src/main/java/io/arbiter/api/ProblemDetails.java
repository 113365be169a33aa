package io.arbiter.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.arbiter.batch.Refusal;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/**
 * An RFC 9457 problem document ({@value #MEDIA_TYPE}) as the HTTP API answers every refused
 * request: the engine's {@link Refusal} and the request path. Immutable.
 *
 * @param type a URI naming the kind of problem ({@code urn:arbiter:problem:…}, or
 *     {@code about:blank} for a bare HTTP status)
 * @param title the kind of problem, for a person; the same for every problem of a type
 * @param status the HTTP status code
 * @param detail what went wrong with this request
 * @param instance the request path; null when there is none
 * @param errors every offending field; empty when the problem is not about fields
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDetails(String type, String title, int status, String detail, String instance,
    List<Refusal.FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public ProblemDetails {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** This problem with {@code instance} set to a request path. */
  public ProblemDetails at(String instance) {
    return new ProblemDetails(type, title, status, detail, instance, errors);
  }

  /** The problem a failure means for the client: see {@link Refusal#of}. */
  public static ProblemDetails of(Throwable failure) {
    return of(Refusal.of(failure));
  }

  private static ProblemDetails of(Refusal refusal) {
    return new ProblemDetails(refusal.type(), refusal.title(), refusal.status(), refusal.detail(), null,
        refusal.errors());
  }

  /**
   * A problem for a bare HTTP status (unknown route, wrong method, body too large…), typed when
   * this API defines the status, else {@code about:blank} with the status's reason phrase.
   */
  static ProblemDetails ofStatus(int status, String detail) {
    return Refusal.ofStatus(status, detail).map(ProblemDetails::of)
        .orElseGet(() -> new ProblemDetails("about:blank", HttpResponseStatus.valueOf(status).reasonPhrase(), status,
            detail, null, List.of()));
  }

  static ProblemDetails internalError() {
    return of(Refusal.internalError());
  }
}

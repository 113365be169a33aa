package io.arbiter.scoring;

/**
 * A model that cannot be loaded, uploaded or served: a card whose schema differs from the
 * extractor's, an ONNX file that does not load or has the wrong width, a model that fails its
 * canary rows, an unknown version. Names the offending part of an upload in {@link #field()}.
 */
public final class ModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of refusal: the HTTP layer maps INVALID to 422, NOT_FOUND to 404, CONFLICT to 409. */
  public enum Kind { INVALID, NOT_FOUND, CONFLICT }

  private final Kind kind;
  private final String field;

  /**
   * @param field the offending part ({@code onnx}, {@code card}, {@code card.featureSchema},
   *     {@code stats}, {@code id}…); null when the refusal is not about one part
   */
  public ModelException(Kind kind, String field, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.field = field;
  }

  public ModelException(Kind kind, String field, String message) {
    this(kind, field, message, null);
  }

  /** An INVALID refusal naming {@code field}. */
  public static ModelException invalid(String field, String message) {
    return new ModelException(Kind.INVALID, field, message);
  }

  public Kind kind() {
    return kind;
  }

  /** The offending part of an upload, or null. */
  public String field() {
    return field;
  }
}

package io.arbiter.scoring.onnx;

/** ONNX Runtime could not load or run a model; the message is ONNX Runtime's own. */
public final class OnnxException extends Exception {
  private static final long serialVersionUID = 1L;

  OnnxException(String message, Throwable cause) {
    super(message, cause);
  }
}

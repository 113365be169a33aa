package io.arbiter.scoring.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.arbiter.scoring.FeatureExtractor;
import io.arbiter.scoring.FeatureSchema;
import io.arbiter.scoring.ModelCard;
import io.arbiter.scoring.ModelException;
import io.arbiter.scoring.ReferenceStats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/*
 * Why the caller owns the input buffer: ORT reads a direct buffer in place, while a heap array is
 * copied on every call (2x slower for one row). The single scoring thread keeps one growing direct
 * buffer; validation at upload uses a buffer of its own.
 */

/**
 * One model version loaded for serving: its card, its extractor (built with the model's reference
 * stats) and one ORT session. {@link #rawProbabilities} may be called from several threads with
 * different buffers (an ORT session is thread-safe); {@link #close()} must come after the last call.
 */
final class OnnxModel implements AutoCloseable {
  /** One per JVM: loading the native library costs 230–370 ms. */
  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  private final ModelCard card;
  private final FeatureExtractor extractor;
  private final OrtSession session;
  private final String inputName;
  private final int width;
  private final int positiveColumn;
  private final int outputWidth;
  private final float[] baseline;
  private volatile double[] slopes;

  private OnnxModel(ModelCard card, ReferenceStats stats, OrtSession session, String inputName, int outputWidth) {
    this.card = card;
    this.extractor = new FeatureExtractor(stats);
    this.session = session;
    this.inputName = inputName;
    this.width = card.featureSchema().size();
    this.positiveColumn = card.outputColumns().get(ModelCard.POSITIVE_LABEL);
    this.outputWidth = outputWidth;
    this.baseline = new float[card.baseline().size()];
    for (int f = 0; f < baseline.length; f++) {
      baseline[f] = card.baseline().get(f).floatValue();
    }
  }

  /** The card's baseline as floats; shared, never modify. */
  float[] baseline() {
    return baseline;
  }

  /**
   * Per column, how much one unit above the baseline raises the logit, every other column at the
   * baseline: exact for a linear model, the first-order effect around the baseline for a
   * factorization machine. Probed once through the model itself (width + 1 rows), so it needs
   * nothing from the card beyond the baseline; shared, never modify.
   */
  double[] slopes() {
    double[] s = slopes;
    if (s == null) {
      float[][] rows = new float[width + 1][];
      rows[0] = baseline.clone();
      for (int c = 0; c < width; c++) {
        rows[c + 1] = baseline.clone();
        rows[c + 1][c] += 1;
      }
      float[] raw = rawProbabilities(rows);
      s = new double[width];
      for (int c = 0; c < width; c++) {
        s[c] = logit(raw[c + 1]) - logit(raw[0]);
      }
      slopes = s;
    }
    return s;
  }

  static double logit(double p) {
    double q = Math.min(1 - 1e-7, Math.max(1e-7, p));
    return Math.log(q / (1 - q));
  }

  /**
   * Loads a model, refusing a card that does not fit the extractor or the ONNX graph.
   *
   * @throws ModelException INVALID naming {@code card.featureSchema}, {@code card.outputColumns},
   *     {@code card.baseline} or {@code onnx}
   */
  static OnnxModel load(byte[] onnx, ModelCard card, ReferenceStats stats) {
    Objects.requireNonNull(onnx, "onnx");
    checkCard(card);
    OrtSession session;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      // The default takes every core; requests already run in parallel, so one thread per call.
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      session = ENV.createSession(onnx, options);
    } catch (OrtException | RuntimeException e) {
      throw new ModelException(ModelException.Kind.INVALID, "onnx", "the ONNX model does not load: " + e.getMessage(), e);
    }
    try {
      Map<String, NodeInfo> inputs = session.getInputInfo();
      if (inputs.size() != 1) {
        throw ModelException.invalid("onnx", "the ONNX model must have one input, has " + inputs.keySet());
      }
      NodeInfo input = inputs.values().iterator().next();
      long[] inShape = shape(input);
      int schemaWidth = card.featureSchema().size();
      if (inShape.length != 2 || inShape[1] != schemaWidth) {
        throw ModelException.invalid("onnx", "the ONNX input " + input.getName() + " has shape "
            + java.util.Arrays.toString(inShape) + "; the feature schema needs [batch, " + schemaWidth + "]");
      }
      Map<String, NodeInfo> outputs = session.getOutputInfo();
      long[] outShape = shape(outputs.values().iterator().next());
      int outWidth = outShape.length == 2 ? (int) outShape[1] : -1;
      int positive = card.outputColumns().get(ModelCard.POSITIVE_LABEL);
      if (outputs.size() != 1 || outWidth <= positive) {
        throw ModelException.invalid("card.outputColumns", "the ONNX output has shape "
            + java.util.Arrays.toString(outShape) + "; the card puts '" + ModelCard.POSITIVE_LABEL
            + "' in column " + positive);
      }
      OnnxModel model = new OnnxModel(card, stats, session, input.getName(), outWidth);
      model.slopes(); // probed now, so the first claim does not pay for it
      return model;
    } catch (RuntimeException e) {
      closeQuietly(session);
      throw e;
    } catch (OrtException e) {
      closeQuietly(session);
      throw new ModelException(ModelException.Kind.INVALID, "onnx", "the ONNX model cannot be inspected: " + e.getMessage(), e);
    }
  }

  private static void checkCard(ModelCard card) {
    FeatureSchema expected = FeatureExtractor.schema();
    FeatureSchema given = card.featureSchema();
    if (!given.equals(expected)) {
      String detail = !given.version().equals(expected.version())
          ? "version " + given.version() + " but this server extracts " + expected.version()
          : firstDifference(given.names(), expected.names());
      throw ModelException.invalid("card.featureSchema", "the card's feature schema differs from the extractor's: " + detail);
    }
    Integer positive = card.outputColumns().get(ModelCard.POSITIVE_LABEL);
    if (positive == null || positive < 0) {
      throw ModelException.invalid("card.outputColumns", "the card names no output column for '"
          + ModelCard.POSITIVE_LABEL + "'");
    }
    if (card.baseline().size() != expected.size()) {
      throw ModelException.invalid("card.baseline", "the card's baseline has " + card.baseline().size()
          + " values; the schema has " + expected.size() + " features");
    }
  }

  private static String firstDifference(List<String> given, List<String> expected) {
    for (int i = 0; i < Math.min(given.size(), expected.size()); i++) {
      if (!given.get(i).equals(expected.get(i))) {
        return "column " + i + " is " + given.get(i) + ", the extractor's is " + expected.get(i);
      }
    }
    return given.size() + " columns, the extractor has " + expected.size();
  }

  private static long[] shape(NodeInfo node) {
    return node.getInfo() instanceof TensorInfo t ? t.getShape() : new long[0];
  }

  ModelCard card() {
    return card;
  }

  String id() {
    return card.id();
  }

  FeatureExtractor extractor() {
    return extractor;
  }

  int width() {
    return width;
  }

  /** A direct buffer in native order for {@code rows} rows of this model's width. */
  static FloatBuffer directBuffer(int floats) {
    return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  /**
   * The model's uncalibrated probability of {@link ModelCard#POSITIVE_LABEL} for each of the
   * first {@code rows} rows in {@code input} (row-major, this model's width). The buffer is
   * rewound and limited to the rows; it must be direct, else ORT copies it.
   *
   * @throws IllegalStateException when ORT fails
   */
  float[] rawProbabilities(FloatBuffer input, int rows) {
    input.clear().limit(rows * width);
    try (OnnxTensor tensor = OnnxTensor.createTensor(ENV, input, new long[] {rows, width});
        OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
      FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
      float[] p = new float[rows];
      for (int r = 0; r < rows; r++) {
        p[r] = out.get(r * outputWidth + positiveColumn);
      }
      return p;
    } catch (OrtException e) {
      throw new IllegalStateException("model " + id() + " failed to score: " + e.getMessage(), e);
    }
  }

  /** Convenience for validation and tests: copies rows into a fresh direct buffer. */
  float[] rawProbabilities(float[][] rows) {
    FloatBuffer buffer = directBuffer(Math.max(1, rows.length) * width);
    for (float[] row : rows) {
      buffer.put(row);
    }
    return rawProbabilities(buffer, rows.length);
  }

  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  /** Closes the session; later calls do nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      closeQuietly(session);
    }
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException e) {
      // Closing frees native memory; a failure leaves nothing the caller could do.
    }
  }
}

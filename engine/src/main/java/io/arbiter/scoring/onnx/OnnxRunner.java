package io.arbiter.scoring.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs an exported model file with ONNX Runtime, as serving will: input {@code input} FLOAT
 * [batch, width], output {@code output} FLOAT [batch, 2]. For training and evaluation, which
 * score whole data sets; serving uses the registry. One session per instance, one intra-op
 * thread; close it.
 */
public final class OnnxRunner implements AutoCloseable {
  static final String INPUT = "input";
  static final String OUTPUT = "output";
  private static final int BATCH = 256;

  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final int width;

  /**
   * Loads the model file.
   *
   * @throws OnnxException when the file is not a model ONNX Runtime can load
   * @throws IllegalStateException when the model has no 2-d input named {@code input}
   */
  public OnnxRunner(Path model) throws OnnxException {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      this.session = env.createSession(model.toString(), options);
      NodeInfo input = session.getInputInfo().get(INPUT);
      if (input == null || !(input.getInfo() instanceof TensorInfo tensor) || tensor.getShape().length != 2) {
        session.close();
        throw new IllegalStateException(model + ": no 2-d input named " + INPUT);
      }
      this.width = (int) tensor.getShape()[1];
    } catch (OrtException e) {
      throw new OnnxException(e.getMessage(), e);
    }
  }

  /** Columns of the input. */
  public int width() {
    return width;
  }

  /**
   * The output row (one probability per output column) of each input row, scored in batches of
   * 256 rows.
   *
   * @throws OnnxException when ONNX Runtime fails
   * @throws IllegalArgumentException when a row is not {@link #width()} wide
   */
  public float[][] run(float[][] rows) throws OnnxException {
    float[][] out = new float[rows.length][];
    FloatBuffer buffer = ByteBuffer.allocateDirect(BATCH * width * Float.BYTES).order(ByteOrder.nativeOrder())
        .asFloatBuffer();
    for (int start = 0; start < rows.length; start += BATCH) {
      int n = Math.min(BATCH, rows.length - start);
      buffer.clear();
      for (int i = 0; i < n; i++) {
        if (rows[start + i].length != width) {
          throw new IllegalArgumentException("row " + (start + i) + " has " + rows[start + i].length
              + " values, the model takes " + width);
        }
        buffer.put(rows[start + i]);
      }
      buffer.flip();
      System.arraycopy(runBatch(buffer, n), 0, out, start, n);
    }
    return out;
  }

  private float[][] runBatch(FloatBuffer buffer, int n) throws OnnxException {
    try (OnnxTensor tensor = OnnxTensor.createTensor(env, buffer, new long[] {n, width});
        OrtSession.Result result = session.run(Map.of(INPUT, tensor))) {
      return (float[][]) result.get(OUTPUT).orElseThrow(() ->
          new IllegalStateException("the model has no output named " + OUTPUT)).getValue();
    } catch (OrtException e) {
      throw new OnnxException(e.getMessage(), e);
    }
  }

  /** Closes the session. @throws OnnxException when ONNX Runtime fails to free it */
  @Override
  public void close() throws OnnxException {
    try {
      session.close();
    } catch (OrtException e) {
      throw new OnnxException(e.getMessage(), e);
    }
  }
}

package io.arbiter.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.arbiter.scoring.FeatureExtractor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

/*
 * Why ORT is called here directly rather than through the registry: this measures the model call
 * alone, as the registry's scoring thread makes it (one session, intra-op threads 1, a reused
 * direct buffer, tensors and results closed), against Tribuo's own predict on the same model.
 */

/**
 * One call scoring a batch of {@code batch} rows (the extractor's 93 features) with a logistic
 * regression: ONNX Runtime vs Tribuo's {@code predict(List)}. Score: calls per second; rows per
 * second = score × batch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class ScoringBenchmark {
  @Param({"1", "16", "256"})
  int batch;

  private BenchModel model;
  private OrtEnvironment env;
  private OrtSession session;
  private FloatBuffer input;
  private int width;
  private List<Example<Label>> examples;

  @Setup(Level.Trial)
  public void setUp() throws OrtException {
    model = BenchModel.train();
    width = FeatureExtractor.schema().size();
    env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    options.setInterOpNumThreads(1);
    session = env.createSession(model.onnx, options);
    input = ByteBuffer.allocateDirect(batch * width * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    for (int r = 0; r < batch; r++) {
      input.put(model.rows[r]);
    }
    String[] names = FeatureExtractor.schema().names().toArray(String[]::new);
    examples = new ArrayList<>();
    for (int r = 0; r < batch; r++) {
      double[] values = new double[width];
      for (int f = 0; f < width; f++) {
        values[f] = model.rows[r][f];
      }
      examples.add(new ArrayExample<>(new Label("?"), names, values));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws OrtException {
    session.close();
  }

  @Benchmark
  public float onnxRuntime() throws OrtException {
    input.clear();
    try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, new long[] {batch, width});
        OrtSession.Result result = session.run(Map.of("input", tensor))) {
      FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
      return out.get((batch - 1) * 2 + model.positive);
    }
  }

  @Benchmark
  public double tribuo() {
    List<Prediction<Label>> predictions = model.tribuo.predict(examples);
    return predictions.get(batch - 1).getOutputScores().get("adjusted").getScore();
  }
}

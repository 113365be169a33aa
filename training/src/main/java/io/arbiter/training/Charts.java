package io.arbiter.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG line charts of the evaluation, drawn headless. */
final class Charts {
  static {
    // Charts are drawn on servers and in CI: never touch a display.
    System.setProperty("java.awt.headless", "true");
  }

  private static final int WIDTH = 640;
  private static final int HEIGHT = 480;

  private Charts() {}

  /** A named curve of (x, y) points, drawn in the given order. */
  record Curve(String name, List<double[]> points, boolean markers) {}

  static void save(Path file, String title, String xLabel, String yLabel, List<Curve> curves) throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    curves.forEach(c -> addSeries(data, c));
    JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
        true, false, false);
    XYPlot plot = style(chart, curves);
    plot.getDomainAxis().setRange(0, 1);
    plot.getRangeAxis().setRange(0, 1.02);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
  }

  /**
   * The reliability diagram: each calibrated bin's (mean p, observed rate), labelled with its line
   * count, the raw model's bins beside it, and the diagonal.
   */
  static void reliability(Path file, String title, List<Evaluation.Bin> calibrated, List<Evaluation.Bin> raw)
      throws IOException {
    List<double[]> points = Report.points(calibrated);
    XYSeriesCollection data = new XYSeriesCollection();
    double max = 0.05;
    for (Evaluation.Bin b : calibrated) {
      max = Math.max(max, Math.max(b.meanProbability(), b.observedRate()));
    }
    List<Curve> curves = List.of(new Curve("calibrated", points, true), new Curve("raw", Report.points(raw), true),
        new Curve("perfect", diagonal(), false));
    curves.forEach(c -> addSeries(data, c));
    JFreeChart chart = ChartFactory.createXYLineChart(title, "mean predicted probability", "observed payable rate",
        data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = style(chart, curves);
    for (Evaluation.Bin b : calibrated) {
      if (b.count() > 0) {
        plot.addAnnotation(new XYTextAnnotation("n=" + b.count(), b.meanProbability(), b.observedRate() + max * 0.03));
      }
    }
    double top = Math.min(1, max * 1.15);
    plot.getDomainAxis().setRange(0, top);
    plot.getRangeAxis().setRange(0, top);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
  }

  /** Per budget, each ranking's share of the adjusted value found, with its 95 % interval as an error bar. */
  static void budgets(Path file, String title, Evaluation.Report report) throws IOException {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    List<String> names = List.copyOf(report.budgets().get(0).rankings().keySet());
    for (int r = 0; r < names.size(); r++) {
      YIntervalSeries series = new YIntervalSeries(names.get(r));
      for (Evaluation.Budget b : report.budgets()) {
        Evaluation.Share s = b.rankings().get(names.get(r));
        // Rankings side by side around each budget, so their bars do not overlap.
        series.add(100 * b.budget() + (r - names.size() / 2.0) * 0.15, s.valueShare(), s.valueInterval().low(),
            s.valueInterval().high());
      }
      data.addSeries(series);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, "review budget, % of claims", "share of adjusted value found",
        data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = style(chart, List.of());
    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDrawXError(false);
    renderer.setDefaultLinesVisible(true);
    plot.setRenderer(renderer);
    ((NumberAxis) plot.getDomainAxis()).setRange(0, 11);
    plot.getRangeAxis().setRange(0, 1.02);
    for (Evaluation.Budget b : report.budgets()) {
      Evaluation.Share s = b.rankings().get(Evaluation.SERVICE);
      plot.addAnnotation(new XYTextAnnotation(String.format(Locale.ROOT, "%.0f%%", 100 * s.valueShare()),
          100 * b.budget() + 0.5, Math.min(0.98, s.valueInterval().high() + 0.04)));
    }
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
  }

  private static void addSeries(XYSeriesCollection data, Curve c) {
    XYSeries series = new XYSeries(c.name(), false, true);
    for (double[] p : c.points()) {
      series.add(p[0], p[1]);
    }
    data.addSeries(series);
  }

  private static XYPlot style(JFreeChart chart, List<Curve> curves) {
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
    for (int i = 0; i < curves.size(); i++) {
      renderer.setSeriesShapesVisible(i, curves.get(i).markers());
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
    return plot;
  }

  /** The diagonal from (0, 0) to (1, 1): chance, or perfect calibration. */
  static List<double[]> diagonal() {
    return List.of(new double[] {0, 0}, new double[] {1, 1});
  }
}

package io.arbiter.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
    for (Curve c : curves) {
      XYSeries series = new XYSeries(c.name(), false, true);
      for (double[] p : c.points()) {
        series.add(p[0], p[1]);
      }
      data.addSeries(series);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
        true, false, false);
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
    plot.getDomainAxis().setRange(0, 1);
    plot.getRangeAxis().setRange(0, 1.02);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
  }

  /** The diagonal from (0, 0) to (1, 1): chance, or perfect calibration. */
  static List<double[]> diagonal() {
    return List.of(new double[] {0, 0}, new double[] {1, 1});
  }
}

package org.dealerplatform.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * A latency-by-percentile chart as a standalone SVG (no script, so GitHub shows it inline): x is the percentile on the
 * usual "nines" scale (50, 90, 99, 99.9, 99.99), y the latency in ms on a log scale, one line per run.
 */
final class LatencyChart {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final double[] TICKS = {50, 90, 99, 99.9, 99.99};
    private static final int WIDTH = 860;
    private static final int HEIGHT = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 260;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private record Series(String label, Histogram micros) {
    }

    private final String title;
    private final List<Series> series = new ArrayList<>();

    LatencyChart(String title) {
        this.title = title;
    }

    LatencyChart add(String label, Histogram micros) {
        if (micros.getTotalCount() > 0) {
            series.add(new Series(label, micros));
        }
        return this;
    }

    String svg() {
        double maxMs = 1;
        double minMs = Double.MAX_VALUE;
        for (Series s : series) {
            maxMs = Math.max(maxMs, s.micros().getValueAtPercentile(99.99) / 1000.0);
            minMs = Math.min(minMs, Math.max(0.1, s.micros().getValueAtPercentile(1) / 1000.0));
        }
        double yLow = Math.pow(10, Math.floor(Math.log10(minMs == Double.MAX_VALUE ? 0.1 : minMs)));
        double yHigh = Math.pow(10, Math.ceil(Math.log10(maxMs)));
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", LEFT, escape(title)));
        for (double tick : TICKS) {
            double x = x(tick);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    x, TOP, x, HEIGHT - BOTTOM));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">p%s</text>%n",
                    x, HEIGHT - BOTTOM + 18, tick == Math.rint(tick) ? String.valueOf((int) tick) : String.valueOf(tick)));
        }
        for (double ms = yLow; ms <= yHigh * 1.0001; ms *= 10) {
            double y = y(ms, yLow, yHigh);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s ms</text>%n",
                    LEFT - 6, y + 4, ms < 1 ? String.valueOf(ms) : String.valueOf((long) ms)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile</text>%n",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 12));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (double p = 0; p <= 4.0001; p += 0.05) { // "nines": 1 - 10^-p, from p50 (0.3) to p99.99 (4)
                double percentile = Math.max(50, 100 * (1 - Math.pow(10, -p)));
                double ms = Math.max(yLow, s.micros().getValueAtPercentile(percentile) / 1000.0);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(percentile), y(ms, yLow, yHigh)));
            }
            svg.append(String.format(Locale.ROOT,
                    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", colour, points.toString().trim()));
            int legendY = TOP + 10 + i * 18;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/>%n",
                    WIDTH - RIGHT + 14, legendY - 4, colour));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", WIDTH - RIGHT + 32, legendY,
                    escape(s.label())));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** x position of a percentile on the "nines" scale: p50 at the left, p99.99 at the right. */
    static double x(double percentile) {
        double nines = -Math.log10(Math.max(1e-4, 1 - percentile / 100));
        double from = -Math.log10(0.5);
        return LEFT + (nines - from) / (4 - from) * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double ms, double low, double high) {
        double f = (Math.log10(ms) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
        return HEIGHT - BOTTOM - f * (HEIGHT - TOP - BOTTOM);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

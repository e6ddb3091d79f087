package org.caseline.analytics.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A bar chart drawn as SVG on the server: no script, no tiles, readable by assistive technology
 * (the figure names itself, each bar carries its value as a title, and every chart stands beside
 * a table of the same figures).
 */
record Chart(String id, String title, int width, int height, List<Bar> bars, List<Tick> ticks, String maxLabel) {

    record Bar(double x, double y, double width, double height, String label) {
    }

    record Tick(double x, String label) {
    }

    static final int WIDTH = 720;
    static final int HEIGHT = 200;
    static final int AXIS = 24;

    /**
     * Bars for {@code items}, {@code value} of each (null: no bar), labelled by {@code label}
     * and {@code shown} (the value as read); every {@code tickEvery}th item gets an axis label.
     */
    static <T> Chart of(String id, String title, List<T> items, Function<T, Double> value, Function<T, String> label,
                        Function<Double, String> shown, int tickEvery) {
        double max = items.stream().map(value).filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0);
        double top = max <= 0 ? 1 : max;
        double slot = items.isEmpty() ? WIDTH : (double) WIDTH / items.size();
        List<Bar> bars = new ArrayList<>();
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            Double v = value.apply(item);
            double x = i * slot;
            if (v != null) {
                double h = Math.max(v > 0 ? 1 : 0, (HEIGHT - AXIS) * v / top);
                bars.add(new Bar(round(x + slot * 0.1), round(HEIGHT - AXIS - h), round(Math.max(1, slot * 0.8)), round(h),
                        label.apply(item) + ": " + shown.apply(v)));
            }
            if (tickEvery > 0 && i % tickEvery == 0) {
                ticks.add(new Tick(round(x + slot / 2), label.apply(item)));
            }
        }
        return new Chart(id, title, WIDTH, HEIGHT, bars, ticks, shown.apply(max));
    }

    public int axisY() {
        return HEIGHT - AXIS;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}

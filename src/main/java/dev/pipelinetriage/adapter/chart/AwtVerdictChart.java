package dev.pipelinetriage.adapter.chart;

import dev.pipelinetriage.app.port.ChartRenderer;
import dev.pipelinetriage.domain.Verdict;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Stacked bars of verdicts per day, drawn with java.awt in headless mode (no display, no extra dependency).
 * Colours follow the card's: platform blue, code red, flaky amber, unknown grey.
 */
public final class AwtVerdictChart implements ChartRenderer {
    private static final Map<Verdict, Color> COLORS = Map.of(
            Verdict.PLATFORM, new Color(0x2F6FDE), Verdict.CODE, new Color(0xD64545),
            Verdict.FLAKY, new Color(0xE8A317), Verdict.UNKNOWN, new Color(0x9AA0A6));
    private static final List<Verdict> ORDER = List.of(Verdict.PLATFORM, Verdict.CODE, Verdict.FLAKY, Verdict.UNKNOWN);
    private static final int MARGIN = 28;
    private static final int LEGEND = 22;

    @Override
    public byte[] verdictsPerDay(List<Day> days, int width, int height) {
        if (width < 120 || height < 100) {
            throw new IllegalArgumentException("chart must be at least 120x100 pixels, got " + width + "x" + height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            int max = Math.max(1, days.stream().mapToInt(Day::total).max().orElse(0));
            int plotTop = MARGIN;
            int plotBottom = height - MARGIN - LEGEND;
            int plotHeight = plotBottom - plotTop;
            int slot = (width - 2 * MARGIN) / Math.max(1, days.size());
            int bar = Math.max(2, slot * 2 / 3);
            g.setColor(Color.DARK_GRAY);
            g.drawString("Failed jobs per day by verdict (max " + max + ")", MARGIN, MARGIN - 10);
            g.setStroke(new BasicStroke(1));
            g.drawLine(MARGIN, plotBottom, width - MARGIN, plotBottom);
            for (int i = 0; i < days.size(); i++) {
                Day day = days.get(i);
                int x = MARGIN + i * slot + (slot - bar) / 2;
                int y = plotBottom;
                for (Verdict v : ORDER) {
                    int n = day.counts().getOrDefault(v, 0);
                    int h = (int) Math.round(n * (double) plotHeight / max);
                    g.setColor(COLORS.get(v));
                    g.fillRect(x, y - h, bar, h);
                    y -= h;
                }
                g.setColor(Color.DARK_GRAY);
                g.drawString(day.date().getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT), x, plotBottom + 13);
            }
            int lx = MARGIN;
            for (Verdict v : ORDER) {
                g.setColor(COLORS.get(v));
                g.fillRect(lx, height - MARGIN + 2, 10, 10);
                g.setColor(Color.DARK_GRAY);
                g.drawString(v.wireName(), lx + 14, height - MARGIN + 11);
                lx += 80;
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart as PNG", e);
        }
        return png.toByteArray();
    }
}

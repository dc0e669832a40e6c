package com.verity.support;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * What a scanner or a phone makes of a printed notice: the text only as pixels. A PNG photo of the
 * lines, and a PDF whose single page is that picture, with no text layer.
 */
public final class ScanFixtures {

    private static final int WIDTH = 1700;
    private static final int LINE_HEIGHT = 70;

    private ScanFixtures() {}

    /** The lines, black on white, as a PNG image. */
    public static byte[] png(List<String> lines) {
        return encode(picture(lines), "png");
    }

    /** A one-page PDF holding the picture of the lines and nothing else. */
    public static byte[] imageOnlyPdf(List<String> lines) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            BufferedImage picture = picture(lines);
            PDImageXObject image = LosslessFactory.createFromImage(document, picture);
            float width = page.getMediaBox().getWidth() - 60;
            float height = width * picture.getHeight() / picture.getWidth();
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(
                        image, 30, page.getMediaBox().getHeight() - 60 - height, width, height);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage picture(List<String> lines) {
        BufferedImage image =
                new BufferedImage(
                        WIDTH, LINE_HEIGHT * (lines.size() + 1), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        graphics.setColor(Color.BLACK);
        graphics.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setFont(new Font(Font.SERIF, Font.PLAIN, 44));
        for (int i = 0; i < lines.size(); i++) {
            graphics.drawString(lines.get(i), 40, LINE_HEIGHT * (i + 1));
        }
        graphics.dispose();
        return image;
    }

    /**
     * A PNG of random grey pixels: Tesseract searches it for text a long time, emitting nothing (a
     * parser that spins without output).
     */
    public static byte[] noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Random random = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = random.nextInt(256);
                image.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return encode(image, "png");
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

package com.verity.support;

import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.hslf.usermodel.HSLFSlide;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.hslf.usermodel.HSLFTextBox;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideLayout;
import org.apache.poi.xslf.usermodel.XSLFTextShape;

/**
 * Slide decks (.pptx and the older .ppt), written with Apache POI: a title slide, then one slide
 * per section with its heading as the slide title and its paragraphs as body text; list items are
 * bullets on the last slide. Like PowerPoint, they record the title slide's title as the document
 * title (Tika does not mark slide titles in the text).
 */
public final class PresentationFixtures {

    private PresentationFixtures() {}

    public static byte[] pptx(FixtureText text) {
        try (XMLSlideShow deck = new XMLSlideShow()) {
            deck.getProperties().getCoreProperties().setTitle(text.title());
            XSLFSlide first = deck.createSlide(layout(deck, SlideLayout.TITLE));
            first.getPlaceholder(0).setText(text.title());
            first.removeShape(first.getPlaceholder(1));
            List<List<String>> bodies = bodies(text);
            for (int s = 0; s < bodies.size(); s++) {
                XSLFSlide slide = deck.createSlide(layout(deck, SlideLayout.TITLE_AND_CONTENT));
                slide.getPlaceholder(0).setText(text.sections().get(s).heading());
                XSLFTextShape body = slide.getPlaceholder(1);
                body.clearText();
                bodies.get(s)
                        .forEach(line -> body.addNewTextParagraph().addNewTextRun().setText(line));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            deck.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] ppt(FixtureText text) {
        try (HSLFSlideShow deck = new HSLFSlideShow()) {
            deck.createInformationProperties();
            deck.getSummaryInformation().setTitle(text.title());
            deck.createSlide().addTitle().setText(text.title());
            List<List<String>> bodies = bodies(text);
            for (int s = 0; s < bodies.size(); s++) {
                HSLFSlide slide = deck.createSlide();
                slide.addTitle().setText(text.sections().get(s).heading());
                HSLFTextBox body = new HSLFTextBox();
                body.setText(String.join("\r", bodies.get(s)));
                body.setAnchor(new Rectangle2D.Double(50, 120, 620, 380));
                slide.addShape(body);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            deck.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body lines of each section's slide; the list items go on the last one. */
    private static List<List<String>> bodies(FixtureText text) {
        List<List<String>> bodies = new ArrayList<>();
        for (FixtureText.Section section : text.sections()) {
            bodies.add(new ArrayList<>(section.paragraphs()));
        }
        if (!bodies.isEmpty()) {
            bodies.get(bodies.size() - 1).addAll(text.items());
        }
        return bodies;
    }

    private static XSLFSlideLayout layout(XMLSlideShow deck, SlideLayout type) {
        return deck.getSlideMasters().get(0).getLayout(type);
    }
}

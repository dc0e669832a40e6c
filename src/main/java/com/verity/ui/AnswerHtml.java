package com.verity.ui;

import com.verity.assistant.Citation;
import com.verity.assistant.CitationMarkers;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders an answer's Markdown safely: raw HTML in the model's output is escaped, links are
 * sanitised, images become their alt text (no external requests from the page), and each citation
 * marker [n] becomes a button that opens the cited passage.
 */
@Component
class AnswerHtml {

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer =
            HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    String render(String markdown, List<Citation> citations) {
        if (markdown == null) {
            return "";
        }
        Node document = parser.parse(markdown);
        replaceImagesWithAltText(document);
        String html = renderer.render(document);
        Map<Integer, Citation> byNumber =
                citations.stream().collect(Collectors.toMap(Citation::n, Function.identity()));
        Matcher marker = CitationMarkers.PATTERN.matcher(html);
        StringBuilder out = new StringBuilder();
        while (marker.find()) {
            StringBuilder chips = new StringBuilder();
            for (int n : CitationMarkers.numbers(marker.group(1))) {
                Citation citation = byNumber.get(n);
                if (citation != null) {
                    chips.append(chip(citation));
                }
            }
            marker.appendReplacement(out, Matcher.quoteReplacement(chips.toString()));
        }
        marker.appendTail(out);
        return out.toString();
    }

    private static String chip(Citation citation) {
        return ("<button type=\"button\" class=\"chip\" data-n=\"%d\" title=\"%s\""
                        + " hx-get=\"/ui/sources?document=%s&amp;start=%d&amp;end=%d\""
                        + " hx-target=\"#source\" hx-swap=\"innerHTML\">%d</button>")
                .formatted(
                        citation.n(),
                        HtmlUtils.htmlEscape(citation.filename()),
                        citation.documentId(),
                        citation.start(),
                        citation.end(),
                        citation.n());
    }

    private static void replaceImagesWithAltText(Node node) {
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            if (child instanceof Image image) {
                StringBuilder alt = new StringBuilder();
                for (Node c = image.getFirstChild(); c != null; c = c.getNext()) {
                    if (c instanceof Text text) {
                        alt.append(text.getLiteral());
                    }
                }
                image.insertBefore(new Text(alt.toString()));
                image.unlink();
            } else {
                replaceImagesWithAltText(child);
            }
            child = next;
        }
    }
}

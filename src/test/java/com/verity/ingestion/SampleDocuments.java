package com.verity.ingestion;

import com.verity.support.FixtureText;
import com.verity.support.MailFixtures;
import com.verity.support.MarkupFixtures;
import com.verity.support.PdfFixtures;
import com.verity.support.PresentationFixtures;
import com.verity.support.SpreadsheetFixtures;
import com.verity.support.WordProcessingFixtures;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One real file per supported format, each holding a phrase no other contains, with what Verity
 * should make of it: its content type, its title and the section the phrase is under.
 */
final class SampleDocuments {

    private SampleDocuments() {}

    /**
     * A file in one format, what Verity should make of it, a phrase only it contains and the
     * section the phrase is under (null where the format has no headings).
     */
    record Sample(
            String format,
            String filename,
            byte[] bytes,
            String contentType,
            String title,
            String phrase,
            String section) {
        /** For formats whose headings do not survive as headings (slides, RTF, e-mail). */
        Sample withoutHeadings() {
            return new Sample(format, filename, bytes, contentType, title, phrase, null);
        }

        @Override
        public String toString() {
            return format;
        }
    }

    private static final String SECTION = "Details that matter";

    static Stream<Sample> all() {
        return Stream.of(
                handbook(
                        "PDF",
                        "onboarding-handbook.pdf",
                        "application/pdf",
                        "Onboarding Handbook",
                        "badge photos are taken at the lighthouse reception desk",
                        PdfFixtures::pdf),
                handbook(
                        "Word",
                        "expense-policy.docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        "Expense Policy",
                        "taxi receipts must show the pickup address",
                        WordProcessingFixtures::docx),
                handbook(
                        "OpenDocument text",
                        "remote-work.odt",
                        "application/vnd.oasis.opendocument.text",
                        "Remote Work Guide",
                        "home office chairs are ordered through facilities",
                        WordProcessingFixtures::odt),
                handbook(
                                "RTF",
                                "security-basics.rtf",
                                "application/rtf",
                                "Security Basics",
                                "laptops lock themselves after three idle minutes",
                                WordProcessingFixtures::rtf)
                        .withoutHeadings(),
                handbook(
                                "PowerPoint",
                                "product-roadmap.pptx",
                                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                                "Product Roadmap",
                                "offline mode ships with the autumn release",
                                PresentationFixtures::pptx)
                        .withoutHeadings(),
                handbook(
                                "PowerPoint 97",
                                "sales-kickoff.ppt",
                                "application/vnd.ms-powerpoint",
                                "Sales Kickoff",
                                "the kickoff dinner is served on the rooftop terrace",
                                PresentationFixtures::ppt)
                        .withoutHeadings(),
                priceList(
                        "Excel",
                        "price-list.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "Walnut desk organiser",
                        SpreadsheetFixtures::xlsx),
                priceList(
                        "Excel 97",
                        "legacy-prices.xls",
                        "application/vnd.ms-excel",
                        "Copper watering can",
                        SpreadsheetFixtures::xls),
                handbook(
                        "HTML",
                        "shipping-faq.html",
                        "text/html",
                        "Shipping FAQ",
                        "parcels to Iceland travel by sea freight",
                        MarkupFixtures::html),
                handbook(
                        "Markdown",
                        "database-runbook.md",
                        "text/markdown",
                        "Database Runbook",
                        "restart the replica before the primary",
                        MarkupFixtures::markdown),
                handbook(
                        "plain text",
                        "visitor-rules.txt",
                        "text/plain",
                        "Visitor Rules",
                        "guests wear the orange lanyard at all times",
                        MarkupFixtures::plainText),
                handbook(
                                "e-mail",
                                "refund-request.eml",
                                "message/rfc822",
                                "Refund for order 4471",
                                "the kettle arrived with a cracked lid",
                                text ->
                                        MailFixtures.eml(
                                                "Ann Smith <ann@example.com>",
                                                "Support <support@example.com>",
                                                text))
                        .withoutHeadings(),
                handbook(
                                "Outlook",
                                "login-escalation.msg",
                                "application/vnd.ms-outlook",
                                "Escalation: login outage",
                                "single sign-on rejects passwords with umlauts",
                                text ->
                                        MailFixtures.msg(
                                                "Bob Jones",
                                                "bob@example.com",
                                                "Support",
                                                "support@example.com",
                                                text))
                        .withoutHeadings());
    }

    /**
     * A handbook whose second section holds the phrase, in the given format. Each section is long
     * enough to be a passage of its own, so a passage's section shows whether headings survived.
     */
    private static Sample handbook(
            String format,
            String filename,
            String contentType,
            String title,
            String phrase,
            Function<FixtureText, byte[]> build) {
        FixtureText text =
                FixtureText.titled(title)
                        .section(
                                "Before you start",
                                "Read this page once before your first day. It explains who to ask"
                                        + " when something is unclear, where the forms are kept and"
                                        + " which rules apply to everybody in the company.",
                                "Questions that are not answered here go to the team lead, who"
                                        + " either answers them or forwards them to the people who"
                                        + " look after the handbook and keep it up to date.",
                                "New versions of this page are announced in the weekly newsletter"
                                        + " together with a short summary of what has changed.")
                        .section(
                                SECTION,
                                "Please note that " + phrase + ", without exception.",
                                "Everything else follows the usual company rules, which are"
                                        + " described on the intranet and explained again during"
                                        + " the introduction week for every new colleague.")
                        .items("Ask early", "Write things down")
                        .row("Topic", "Contact")
                        .row("Forms", "Office manager");
        return new Sample(format, filename, build.apply(text), contentType, title, phrase, SECTION);
    }

    /** A price list whose rows hold the phrase as a product name, in the given workbook format. */
    private static Sample priceList(
            String format,
            String filename,
            String contentType,
            String product,
            Function<FixtureText, byte[]> build) {
        FixtureText text =
                FixtureText.titled("Price List")
                        .row("Product", "Price", "Note")
                        .row(product, "49 EUR", "hand oiled")
                        .row("Brass lamp", "120 EUR", "ships in a wooden crate");
        return new Sample(
                format, filename, build.apply(text), contentType, "Price List", product, null);
    }
}

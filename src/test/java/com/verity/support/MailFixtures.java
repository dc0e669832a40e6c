package com.verity.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.poi.hpsf.ClassID;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * E-mail messages: RFC 822 ({@code .eml}) and Outlook ({@code .msg}). The subject is the fixture's
 * title; the body is its paragraphs, then its list items as dashed lines.
 */
public final class MailFixtures {

    /** When every fixture message was sent. */
    public static final Instant SENT = Instant.parse("2025-01-14T09:30:00Z");

    private static final int STRING = 0x001F; // PT_UNICODE: UTF-16LE in a __substg1.0_ stream
    private static final int TIME = 0x0040; // PT_SYSTIME: a FILETIME in the properties stream

    // MAPI property ids ([MS-OXPROPS])
    private static final int MESSAGE_CLASS = 0x001A;
    private static final int SUBJECT = 0x0037;
    private static final int CLIENT_SUBMIT_TIME = 0x0039;
    private static final int SENT_REPRESENTING_EMAIL = 0x0065;
    private static final int SENDER_NAME = 0x0C1A;
    private static final int SENDER_EMAIL = 0x0C1F;
    private static final int DISPLAY_TO = 0x0E04;
    private static final int MESSAGE_DELIVERY_TIME = 0x0E06;
    private static final int NORMALIZED_SUBJECT = 0x0E1D;
    private static final int BODY = 0x1000;
    private static final int DISPLAY_NAME = 0x3001;
    private static final int EMAIL_ADDRESS = 0x3003;
    private static final int SMTP_ADDRESS = 0x39FE;
    private static final long FILETIME_EPOCH_OFFSET_MILLIS = 11_644_473_600_000L;

    private MailFixtures() {}

    /** A file attached to a message. */
    public record Attachment(String filename, String contentType, byte[] content) {}

    /** An RFC 822 message in plain text, {@code from} and {@code to} as "Name <address>". */
    public static byte[] eml(String from, String to, FixtureText text) {
        String headers =
                headers(from, to, text)
                        + "\r\nContent-Type: text/plain; charset=UTF-8"
                        + "\r\nContent-Transfer-Encoding: 8bit";
        return (headers + "\r\n\r\n" + body(text).replace("\n", "\r\n"))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** An RFC 822 message with a plain-text body and files attached (multipart/mixed, base64). */
    public static byte[] eml(
            String from, String to, FixtureText text, List<Attachment> attachments) {
        String boundary = "=_verity_fixture_" + Math.abs(text.hashCode());
        StringBuilder message =
                new StringBuilder(headers(from, to, text))
                        .append("\r\nContent-Type: multipart/mixed; boundary=\"")
                        .append(boundary)
                        .append("\"\r\n\r\n--")
                        .append(boundary)
                        .append("\r\nContent-Type: text/plain; charset=UTF-8")
                        .append("\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                        .append(body(text).replace("\n", "\r\n"));
        for (Attachment attachment : attachments) {
            message.append("\r\n--")
                    .append(boundary)
                    .append("\r\nContent-Type: ")
                    .append(attachment.contentType())
                    .append("; name=\"")
                    .append(attachment.filename())
                    .append("\"\r\nContent-Disposition: attachment; filename=\"")
                    .append(attachment.filename())
                    .append("\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder().encodeToString(attachment.content()))
                    .append("\r\n");
        }
        message.append("\r\n--").append(boundary).append("--\r\n");
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String headers(String from, String to, FixtureText text) {
        return String.join(
                "\r\n",
                "From: " + from,
                "To: " + to,
                "Subject: " + text.title(),
                "Date: "
                        + DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                SENT.atOffset(ZoneOffset.UTC)),
                "Message-ID: <" + Math.abs(text.hashCode()) + "@fixtures.verity.test>",
                "MIME-Version: 1.0");
    }

    /**
     * An Outlook message: an OLE2 compound file holding the MAPI properties Outlook writes for a
     * plain-text note (message class, subject, body, sender, display-to, submit and delivery time)
     * and one recipient: string properties in {@code __substg1.0_<id><type>} streams, fixed-length
     * ones in the {@code __properties_version1.0} stream.
     */
    public static byte[] msg(
            String senderName,
            String senderAddress,
            String recipientName,
            String recipientAddress,
            FixtureText text) {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            DirectoryEntry root = fs.getRoot();
            root.setStorageClsid(new ClassID("{00020D0B-0000-0000-C000-000000000046}"));
            string(root, MESSAGE_CLASS, "IPM.Note");
            string(root, SUBJECT, text.title());
            string(root, NORMALIZED_SUBJECT, text.title());
            string(root, BODY, body(text));
            string(root, SENDER_NAME, senderName);
            string(root, SENDER_EMAIL, senderAddress);
            string(root, SENT_REPRESENTING_EMAIL, senderAddress);
            string(root, DISPLAY_TO, recipientName);
            List<byte[]> times = List.of(time(CLIENT_SUBMIT_TIME), time(MESSAGE_DELIVERY_TIME));
            root.createDocument(
                    "__properties_version1.0", new ByteArrayInputStream(properties(32, 1, times)));
            DirectoryEntry recipient = root.createDirectory("__recip_version1.0_#00000000");
            string(recipient, DISPLAY_NAME, recipientName);
            string(recipient, EMAIL_ADDRESS, recipientAddress);
            string(recipient, SMTP_ADDRESS, recipientAddress);
            recipient.createDocument(
                    "__properties_version1.0",
                    new ByteArrayInputStream(properties(8, 0, List.of())));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String body(FixtureText text) {
        List<String> lines = new ArrayList<>(text.paragraphs());
        text.items().forEach(item -> lines.add("- " + item));
        return String.join("\n\n", lines) + "\n";
    }

    private static void string(DirectoryEntry directory, int property, String value)
            throws IOException {
        String name = "__substg1.0_%04X%04X".formatted(property, STRING);
        directory.createDocument(
                name, new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_16LE)));
    }

    /** A fixed-length property entry: tag, flags (readable, writable), 8-byte value. */
    private static byte[] time(int property) {
        long filetime = (SENT.toEpochMilli() + FILETIME_EPOCH_OFFSET_MILLIS) * 10_000;
        return ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(property << 16 | TIME)
                .putInt(0x6)
                .putLong(filetime)
                .array();
    }

    /**
     * The properties stream: a header (32 bytes for the top-level message, with the next recipient
     * id and the recipient count; 8 for a recipient) followed by 16-byte fixed-length entries.
     */
    private static byte[] properties(int headerSize, int recipients, List<byte[]> entries) {
        ByteBuffer stream =
                ByteBuffer.allocate(headerSize + 16 * entries.size())
                        .order(ByteOrder.LITTLE_ENDIAN);
        if (headerSize == 32) {
            stream.putLong(0).putInt(recipients).putInt(0).putInt(recipients).putInt(0).putLong(0);
        } else {
            stream.putLong(0);
        }
        entries.forEach(stream::put);
        return stream.array();
    }
}

package com.verity.review;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in training text: e-mail addresses, IBAN-like account numbers and phone
 * numbers become {@code [EMAIL]}, {@code [IBAN]} and {@code [PHONE]}. Hand-written patterns instead
 * of a phone-number library: libphonenumber's matcher needs each text's region and still reads
 * policy numbers and dates as phone numbers; here a phone number is 7 to 15 digits with an
 * international prefix or the separators phone numbers are written with, and never a date.
 */
final class PiiMask {

    private static final Pattern EMAIL =
            Pattern.compile(
                    "(?<![\\w.+-])[\\w.+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

    /** Two letters, two check digits, then 11 to 30 letters and digits, in groups or not. */
    private static final Pattern IBAN =
            Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b");

    private static final Pattern PHONE =
            Pattern.compile(
                    "(?<![\\w+])(?:\\+\\d{1,3}[\\s.-]?)?(?:\\(\\d{1,5}\\)[\\s.-]?)?\\d{2,8}(?:[\\s./-]\\d{2,8}){1,5}(?![\\w-])"
                            + "|(?<![\\w+])\\+\\d{7,15}(?!\\w)");

    private static final Pattern DATE =
            Pattern.compile("\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}|\\d{1,2}[-./]\\d{1,2}[-./]\\d{2,4}");

    private PiiMask() {}

    static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = EMAIL.matcher(text).replaceAll("[EMAIL]");
        masked =
                IBAN.matcher(masked)
                        .replaceAll(m -> looksLikeIban(m.group()) ? "[IBAN]" : m.group());
        Matcher phone = PHONE.matcher(masked);
        return phone.replaceAll(
                m -> isPhone(m.group()) ? "[PHONE]" : Matcher.quoteReplacement(m.group()));
    }

    private static boolean looksLikeIban(String candidate) {
        String compact = candidate.replace(" ", "");
        return compact.length() >= 15
                && compact.length() <= 34
                && compact.chars().anyMatch(Character::isDigit);
    }

    private static boolean isPhone(String candidate) {
        long digits = candidate.chars().filter(Character::isDigit).count();
        if (digits < 7 || digits > 15 || DATE.matcher(candidate.strip()).matches()) {
            return false;
        }
        // "14 30 days" style runs of small numbers in prose: a phone number has a long group or a
        // prefix
        return candidate.startsWith("+")
                || candidate.startsWith("(")
                || candidate.matches(".*\\d{3,}.*[\\s./-]\\d{3,}.*")
                || candidate.matches(".*\\d{4,}.*");
    }
}

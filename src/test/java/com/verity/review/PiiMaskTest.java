package com.verity.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiMaskTest {

    @Test
    void eMailAddressesPhoneNumbersAndIbansAreMasked() {
        String text =
                "Write to jane.doe+refunds@example.co.uk or call +49 30 1234567, (030) 555-0199 or"
                        + " 030/12345678. Pay to DE89 3704 0044 0532 0130 00 or GB29NWBK60161331926819.";

        String masked = PiiMask.mask(text);

        assertThat(masked)
                .isEqualTo(
                        "Write to [EMAIL] or call [PHONE], [PHONE] or [PHONE]. Pay to [IBAN] or [IBAN].");
    }

    @Test
    void datesAmountsAndPolicyFiguresStay() {
        String text =
                "From 2026-12-02 refunds take 14 days; orders over 1,000 EUR ship within 3 to 5 days"
                        + " (policy 4.2, section 12). Call before 31.12.2026.";

        assertThat(PiiMask.mask(text)).isEqualTo(text);
    }
}

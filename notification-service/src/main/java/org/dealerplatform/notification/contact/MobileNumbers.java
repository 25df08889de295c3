package org.dealerplatform.notification.contact;

/** Mainland mobile numbers in one form (11 digits) so that an SMS reply finds the customer it came from. */
public final class MobileNumbers {

    private MobileNumbers() {
    }

    /** {@code +86 138-1234-5678} → {@code 13812345678}; {@code null} stays {@code null}. */
    public static String normalize(String mobile) {
        if (mobile == null) {
            return null;
        }
        String digits = mobile.replaceAll("\\D", "");
        if (digits.length() == 13 && digits.startsWith("86")) {
            digits = digits.substring(2);
        }
        return digits.isEmpty() ? null : digits;
    }
}

package org.dealerplatform.notification.outbound.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tencent Cloud API 3.0 signature v3, TC3-HMAC-SHA256 (ECO-1), for a JSON {@code POST} to {@code /} with the signed
 * headers {@code content-type;host}:
 * <pre>
 * CanonicalRequest = "POST\n/\n\ncontent-type:" + ct + "\nhost:" + host + "\n\ncontent-type;host\n" + hex(SHA256(body))
 * StringToSign     = "TC3-HMAC-SHA256\n" + timestamp + "\n" + date + "/" + service + "/tc3_request\n" + hex(SHA256(CanonicalRequest))
 * key              = HMAC(HMAC(HMAC("TC3" + SecretKey, date), service), "tc3_request")
 * Signature        = hex(HMAC-SHA256(key, StringToSign))
 * </pre>
 * with {@code date} the UTC day of the timestamp.
 */
public final class TencentSignature {

    public static final String ALGORITHM = "TC3-HMAC-SHA256";
    public static final String SIGNED_HEADERS = "content-type;host";
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private TencentSignature() {
    }

    public static String date(long timestamp) {
        return DAY.format(Instant.ofEpochSecond(timestamp));
    }

    public static String canonicalRequest(String contentType, String host, String body) {
        return "POST\n/\n\ncontent-type:" + contentType + "\nhost:" + host + "\n\n" + SIGNED_HEADERS + "\n"
                + sha256Hex(body);
    }

    public static String stringToSign(long timestamp, String service, String canonicalRequest) {
        return ALGORITHM + "\n" + timestamp + "\n" + date(timestamp) + "/" + service + "/tc3_request\n"
                + sha256Hex(canonicalRequest);
    }

    public static String signature(String secretKey, long timestamp, String service, String stringToSign) {
        byte[] secretDate = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date(timestamp));
        byte[] secretService = hmac(secretDate, service);
        byte[] secretSigning = hmac(secretService, "tc3_request");
        return HexFormat.of().formatHex(hmac(secretSigning, stringToSign));
    }

    /** The {@code Authorization} header of a JSON POST of {@code body} to {@code host} at {@code timestamp}. */
    public static String authorization(String secretId, String secretKey, String service, String host, String body,
            long timestamp) {
        String signature = signature(secretKey, timestamp, service,
                stringToSign(timestamp, service, canonicalRequest(CONTENT_TYPE, host, body)));
        return ALGORITHM + " Credential=" + secretId + "/" + date(timestamp) + "/" + service + "/tc3_request, "
                + "SignedHeaders=" + SIGNED_HEADERS + ", Signature=" + signature;
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

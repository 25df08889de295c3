package org.dealerplatform.notification.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

/**
 * Renders reminders, invitations and call scripts in the customer's language (NOT-2) from Mustache templates in
 * {@code notification-templates/<purpose>.<channel>.<language>.mustache}. Every SMS starts with the sender signature
 * and ends with the opt-out instruction (NOT-7, MIIT rules) whatever the template says.
 */
public final class MessageTemplates {

    public static final String OPT_OUT_ZH = "回TD退订";
    public static final String OPT_OUT_EN = "Reply STOP to opt out";
    private static final Set<String> DATE_FACTS = Set.of("dueDate", "startDate", "endDate");
    private static final DateTimeFormatter ZH_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.CHINA);
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    /** A rendered message; {@code subject} only for e-mail. */
    public record Message(String subject, String body) {
    }

    /** What a letter or invitation says about the branch. */
    public record Branch(String name, String address, String phone) {
    }

    private final Mustache.Compiler compiler = Mustache.compiler().escapeHTML(false).defaultValue("");
    private final Map<String, Template> cache = new ConcurrentHashMap<>();
    private final String smsSignature;

    public MessageTemplates(String smsSignature) {
        this.smsSignature = smsSignature == null ? "" : smsSignature;
    }

    /** Renders the message for {@code purpose} on {@code channel} in {@code language} (zh-CN or en). */
    public Message render(Purpose purpose, Channel channel, String language, String customerName, Branch branch,
            Map<String, String> facts) {
        String lang = "en".equals(language) ? "en" : "zh-CN";
        Map<String, Object> model = new HashMap<>();
        facts.forEach((key, value) -> model.put(key, DATE_FACTS.contains(key) ? formatDate(value, lang) : value));
        model.put("name", customerName == null ? "" : customerName);
        model.put("branchName", branch.name());
        model.put("branchAddress", branch.address());
        model.put("branchPhone", branch.phone());
        String text = template(purpose, channel, lang).execute(model).strip();
        return switch (channel) {
            case EMAIL -> splitSubject(text);
            case SMS -> new Message(null, sms(text, lang));
            case LETTER, PHONE -> new Message(null, text);
        };
    }

    /** Longest value of one SMS template variable: the stricter providers' limit for a non-code variable (ECO-1). */
    public static final int SMS_VARIABLE_MAX_LENGTH = 35;

    /**
     * The variables of the pre-approved SMS template for {@code purpose} (ECO-1), in template order (Alibaba reads them
     * by name, Tencent by position {1}, {2}, ...). A template SMS carries only these short facts; the long campaign
     * content goes by e-mail or letter.
     * <ul>
     * <li>maintenance reminder: {@code name, model, dueDate, branch, phone}</li>
     * <li>campaign invitation: {@code name, campaign, startDate, endDate, branch, phone}</li>
     * <li>any other purpose: {@code name, branch, phone}</li>
     * </ul>
     * Dates are formatted for the language like the rendered text; each value is cut to {@value #SMS_VARIABLE_MAX_LENGTH}
     * characters.
     */
    public Map<String, String> smsVariables(Purpose purpose, String language, String customerName, Branch branch,
            Map<String, String> facts) {
        String lang = "en".equals(language) ? "en" : "zh-CN";
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("name", customerName);
        switch (purpose) {
            case MAINTENANCE_DUE -> {
                variables.put("model", facts.get("model"));
                variables.put("dueDate", formatDate(facts.get("dueDate"), lang));
            }
            case CAMPAIGN_INVITATION -> {
                variables.put("campaign", facts.get("campaignName"));
                variables.put("startDate", formatDate(facts.get("startDate"), lang));
                variables.put("endDate", formatDate(facts.get("endDate"), lang));
            }
            default -> {
            }
        }
        variables.put("branch", branch.name());
        variables.put("phone", branch.phone());
        variables.replaceAll((key, value) -> value == null ? ""
                : value.length() > SMS_VARIABLE_MAX_LENGTH ? value.substring(0, SMS_VARIABLE_MAX_LENGTH) : value);
        return variables;
    }

    private String sms(String text, String lang) {
        String signature = smsSignature.isBlank() ? "" : "【" + smsSignature + "】";
        String optOut = "en".equals(lang) ? OPT_OUT_EN : OPT_OUT_ZH;
        String body = text.replace('\n', ' ');
        return signature + body + (body.endsWith(optOut) ? "" : ("en".equals(lang) ? " " : "") + optOut);
    }

    private static Message splitSubject(String text) {
        if (text.startsWith("Subject:")) {
            int end = text.indexOf('\n');
            return new Message(text.substring("Subject:".length(), end < 0 ? text.length() : end).strip(),
                    end < 0 ? "" : text.substring(end + 1).strip());
        }
        return new Message("", text);
    }

    private static String formatDate(String iso, String lang) {
        if (iso == null || iso.isBlank()) {
            return "";
        }
        try {
            LocalDate date = LocalDate.parse(iso);
            return date.format("en".equals(lang) ? EN_DATE : ZH_DATE);
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    private Template template(Purpose purpose, Channel channel, String lang) {
        String name = "notification-templates/" + purpose.name().toLowerCase(Locale.ROOT).replace('_', '-') + "."
                + channel.name().toLowerCase(Locale.ROOT) + "." + lang + ".mustache";
        return cache.computeIfAbsent(name, this::load);
    }

    private Template load(String name) {
        InputStream in = MessageTemplates.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("no template " + name);
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return compiler.compile(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read template " + name, e);
        }
    }

    /** True if a template exists for this combination (a channel a purpose never uses has none). */
    public boolean supports(Purpose purpose, Channel channel) {
        String name = "notification-templates/" + purpose.name().toLowerCase(Locale.ROOT).replace('_', '-') + "."
                + channel.name().toLowerCase(Locale.ROOT) + ".zh-CN.mustache";
        return MessageTemplates.class.getClassLoader().getResource(name) != null;
    }
}

package org.dealerplatform.platform.web;

import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * SEC-8: text in a JSON request body may hold TAB, CR and LF (a note, an address over several lines) but no other
 * control character (NUL, ESC, BEL, DEL, C1 ...). One rule for every service: {@link #requestBodyConverter} is the JSON
 * converter of every service's controllers (platform auto-configuration), and its {@link #module()} reads every
 * {@code String} of a request body (fields, list and map values, at any depth) through {@link Deserializer}, which
 * refuses such a string with {@link ControlCharacterException}; {@link ProblemDetailsAdvice} answers it as a 400 problem
 * whose field error names the field's JSON path. Only request bodies are checked: events, stored documents and the
 * service's own JSON keep the plain mapper, so an old record can still be read.
 */
public final class BodyText {

    private BodyText() {
    }

    /** The module with the checking {@code String} deserializer. */
    public static JacksonModule module() {
        SimpleModule module = new SimpleModule("dealer-body-text");
        module.addDeserializer(String.class, new Deserializer());
        return module;
    }

    /** The JSON converter for request bodies: {@code json} (the application's mapper) with {@link #module()}. */
    public static JacksonJsonHttpMessageConverter requestBodyConverter(JsonMapper json) {
        return new JacksonJsonHttpMessageConverter(json.rebuild().addModule(module()).build());
    }

    /** The index of the first character body text may not hold (a control character other than TAB, CR, LF), or -1. */
    public static int firstForbidden(String text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\r' && c != '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The message of the field error. */
    static String message(char forbidden) {
        return "must not contain control characters (found U+%04X); TAB, CR and LF are allowed in text"
                .formatted((int) forbidden);
    }

    /** A string of a request body held a control character other than TAB, CR and LF. */
    public static final class ControlCharacterException extends MismatchedInputException {

        private final char forbidden;

        ControlCharacterException(JsonParser parser, char forbidden) {
            super(parser, message(forbidden), String.class);
            this.forbidden = forbidden;
        }

        /** What the field error says (without Jackson's location). */
        public String fieldMessage() {
            return message(forbidden);
        }
    }

    /** Jackson's own {@code String} deserializer, then the check. */
    static final class Deserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
            String value = super.deserialize(parser, context);
            int at = firstForbidden(value);
            if (at >= 0) {
                throw new ControlCharacterException(parser, value.charAt(at));
            }
            return value;
        }
    }
}

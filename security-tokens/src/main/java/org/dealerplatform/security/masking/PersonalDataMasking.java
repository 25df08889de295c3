package org.dealerplatform.security.masking;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * OBS-2: masks mobile numbers and e-mail addresses in every string of a JSON log line (message, stack trace, MDC) with
 * {@link Masked#text}, so that an exception message or a library's log line that quotes a customer's contact details
 * does not put them in the log store. Names cannot be recognised in free text: log statements pass them through
 * {@link Masked#name}. Switched on by {@code logging.structured.json.customizer} in each service's application.yml,
 * next to Spring Boot's structured console format.
 */
public class PersonalDataMasking implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, Masked::text));
    }
}

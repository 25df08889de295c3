package org.dealerplatform.customer.consent.web;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.dealerplatform.customer.consent.Channel;
import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.customer.file.web.CustomerFiles;
import org.springframework.validation.annotation.Validated;
import org.dealerplatform.platform.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Contact preferences and consent per channel (CUS-5); every change publishes ContactPreferencesChanged. */
@RestController
@RequestMapping("/api/customers/{id}/contact-preferences")
@Validated
@Tag(name = "Contact preferences", description = "CUS-5")
public class ContactPreferencesController {

    private final CustomerStore customers;
    private final CustomerFiles files;
    private final Clock clock;

    public ContactPreferencesController(CustomerStore customers, CustomerFiles files, Clock clock) {
        this.customers = customers;
        this.files = files;
        this.clock = clock;
    }

    /** Consent per channel (channels left out keep theirs), preferred channel order, language. */
    public record ChangePreferences(Map<Channel, Boolean> consents, @Size(max = 4) List<Channel> preferredChannels,
            @Size(max = 5) @Pattern(regexp = "zh-CN|en", message = "must be zh-CN or en") String preferredLanguage) {
    }

    /** The current preferences. */
    public record Preferences(String customerId, String preferredLanguage, Map<String, Boolean> consents,
            List<Channel> preferredChannels) {
        static Preferences of(Customer c) {
            return new Preferences(c.id(), c.preferredLanguage(), c.consents(), c.preferredChannels());
        }
    }

    @GetMapping
    @Operation(summary = "The customer's consent per channel, preferred channels and language")
    public Preferences get(@PathVariable String id, Caller caller) {
        return Preferences.of(files.visible(id, caller));
    }

    @PutMapping
    @Operation(summary = "Grant or revoke consent per channel (opt-out at any time), set preferred channels and language (CUS-5)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    value = "{\"consents\":{\"SMS\":false,\"EMAIL\":true},\"preferredChannels\":[\"EMAIL\",\"PHONE\"],\"preferredLanguage\":\"en\"}"))))
    public Preferences change(@PathVariable String id, @Valid @RequestBody ChangePreferences request, Caller caller) {
        Customer customer = files.visible(id, caller);
        if (customer.changeContactPreferences(request.consents(), request.preferredChannels(),
                request.preferredLanguage(), "STAFF", clock.instant())) {
            customers.update(customer);
        }
        return Preferences.of(files.visible(id, caller));
    }
}

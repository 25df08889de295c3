package org.dealerplatform.notification.outbound;

import org.dealerplatform.notification.NotificationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain domain rules with their configuration. */
@Configuration(proxyBeanMethods = false)
public class NotificationConfiguration {

    @Bean
    public DeliveryPolicy deliveryPolicy(NotificationProperties properties) {
        return new DeliveryPolicy(properties.policy().settings());
    }

    @Bean
    public MessageTemplates messageTemplates(NotificationProperties properties) {
        return new MessageTemplates(properties.sms().signature());
    }
}

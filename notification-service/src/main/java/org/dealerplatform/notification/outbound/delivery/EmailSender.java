package org.dealerplatform.notification.outbound.delivery;

import org.dealerplatform.notification.NotificationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** E-mail over SMTP (NOT-1); a {@code MailException} is a failed attempt, retried with back-off. */
@Component
public class EmailSender {

    private final ObjectProvider<JavaMailSender> mail;
    private final String from;

    public EmailSender(ObjectProvider<JavaMailSender> mail, NotificationProperties properties) {
        this.mail = mail;
        this.from = properties.email().sender();
    }

    public void send(String to, String subject, String body) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new MailSendException("no SMTP server configured (spring.mail.host)");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject(subject);
        message.setText(body);
        sender.send(message);
    }
}

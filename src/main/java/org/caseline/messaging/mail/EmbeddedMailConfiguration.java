package org.caseline.messaging.mail;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * With no {@code spring.mail.host}, mail goes to the embedded server; with one, Spring Boot's own
 * mail sender is used and nothing embedded starts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
class EmbeddedMailConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedMailServer embeddedMailServer(MailProperties properties) {
        var embedded = properties.embedded();
        return new EmbeddedMailServer(embedded.bindAddress(), embedded.smtpPort(), embedded.imapPort());
    }

    @Bean
    JavaMailSenderImpl mailSender(EmbeddedMailServer server) {
        var sender = new JavaMailSenderImpl();
        sender.setHost(server.host());
        sender.setPort(server.smtpPort());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        return sender;
    }
}

package org.dealerplatform.aftersales;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Work orders, maintenance cycles and due dates, reminders, campaigns, follow-up calls (AFT-*). */
@SpringBootApplication
public class AftersalesServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AftersalesServiceApplication.class, args);
    }
}

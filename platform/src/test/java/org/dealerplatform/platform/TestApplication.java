package org.dealerplatform.platform;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A tiny service on the platform, so the backbone is tested the way the real services use it. */
@SpringBootApplication(scanBasePackages = "org.dealerplatform.platform.testapp")
public class TestApplication {
}

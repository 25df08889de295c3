package org.dealerplatform.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.http.ClientConfig;

/**
 * UI-7: Debian's headless Chromium through the pinned {@code /usr/bin/chromedriver} (Selenium never downloads a
 * driver), with a fresh user-data dir, so no cookie, storage or page of an earlier user carries over. Commands time
 * out after 30 s (not Selenium's 180 s), so a stalled browser fails its test quickly.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final WebDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    private HeadlessChromium(WebDriver driver, ChromeDriverService service, Path profile) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
    }

    /** Whether the Debian packages {@code chromium} and {@code chromium-driver} are installed (.ci/run installs them). */
    static boolean installed() {
        return Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    }

    static HeadlessChromium start() {
        Path profile;
        try {
            profile = Files.createTempDirectory("console-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // navigations return at once; every step waits for what it needs (a stalled navigation fails in 30 s, not 300)
        options.setPageLoadStrategy(PageLoadStrategy.NONE);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--user-data-dir=" + profile, "--window-size=1400,1300", "--lang=zh-CN", "--no-first-run",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
                "--disable-features=OptimizationGuideModelDownloading,OptimizationHintsFetching,"
                        + "OptimizationTargetPrediction,OptimizationHints,Translate,MediaRouter");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options, ClientConfig.defaultConfig().readTimeout(Duration.ofSeconds(30)));
        return new HeadlessChromium(driver, service, profile);
    }

    WebDriver driver() {
        return driver;
    }

    /** Quits within 20 s; a stalled browser outlives its driver, so the processes of this profile (only those) end. */
    @Override
    public void close() {
        try {
            CompletableFuture.runAsync(driver::quit).get(20, TimeUnit.SECONDS);
        } catch (Exception stalled) {
            service.stop();
            String mine = "--user-data-dir=" + profile;
            ProcessHandle.allProcesses()
                    .filter(process -> process.info().commandLine()
                            .map(line -> line.contains(mine + " ") || line.endsWith(mine)).orElse(false))
                    .forEach(ProcessHandle::destroyForcibly);
        }
    }
}

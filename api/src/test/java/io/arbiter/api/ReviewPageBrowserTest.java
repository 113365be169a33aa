package io.arbiter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A reviewer works the queue in a real browser: Debian's headless Chromium driven by Selenium
 * through Debian's chromedriver (both named explicitly, so Selenium Manager never looks for or
 * downloads a driver). The server is the real one, scored by {@link AmountRiskScorer} (a line's
 * risk grows with the amount it asks), so the claim asking most is the riskiest. Skipped, with the
 * reason, where Chromium or its driver is not installed ({@code .ci/run} installs both).
 */
class ReviewPageBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String TOKEN = TestKeys.token(io.arbiter.access.Role.REVIEWER);
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static TestServer server;
  private static WebClient client;
  private static int port;
  private static WebDriver driver;
  private static Path profile;

  @BeforeAll
  static void start() throws IOException {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
            + "): apt-get install -y chromium chromium-driver");
    server = ReviewQueueHttpTest.startServer();
    port = server.port();
    client = server.webClient();
    // B-HIGH: CONS asking 900 (p 0.9) and PARA 2 × 10 (p 0.17): score 0.917, the riskiest.
    submit("{\"code\": \"B-HIGH\", \"chfId\": \"111\", \"healthFacility\": \"HF2\", \"dateFrom\": \"2026-06-01\","
        + " \"dateClaimed\": \"2026-06-02\", \"icd\": \"A00\","
        + " \"items\": [{\"itemCode\": \"PARA\", \"qtyProvided\": 2, \"priceAsked\": 10}],"
        + " \"services\": [{\"serviceCode\": \"CONS\", \"qtyProvided\": 1, \"priceAsked\": 900}]}");
    submit(ReviewQueueHttpTest.claim("B-MID", "112", "HF1", "2026-06-03", "CONS", 1, 300).toString());
    submit(ReviewQueueHttpTest.claim("B-LOW", "113", "HF1", "2026-06-04", "CONS", 1, 100).toString());

    profile = Files.createTempDirectory("arbiter-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1400,1000", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void reviewer_opensTheRiskiestClaimAdjustsALineAndDelivers() throws IOException {
    WebDriverWait wait = new WebDriverWait(driver, WAIT);
    driver.get("http://127.0.0.1:" + port + "/review/");

    // Signing in: the page asks for the token before it shows anything.
    WebElement token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    assertThat(driver.findElements(By.cssSelector("#queue-rows tr"))).isEmpty();
    token.sendKeys(TOKEN, Keys.ENTER);

    // The queue, most money at stake first (issue 16 §1), with the value, bands, bars and reasons.
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#queue-rows tr"), 3));
    assertThat(rowCodes()).containsExactly("B-HIGH", "B-MID", "B-LOW");
    assertThat(driver.findElements(By.cssSelector("#queue-rows td.stake")).stream().map(WebElement::getText).toList())
        .containsExactly("93.33", "75.00", "50.00");
    WebElement first = driver.findElement(By.cssSelector("#queue-rows tr"));
    assertThat(first.findElement(By.cssSelector(".band")).getText()).isEqualTo("review");
    assertThat(first.findElement(By.cssSelector(".score")).getText()).isEqualTo("0.92");
    assertThat(first.getText()).contains("asks 900 for CONS");
    screenshot("review-queue.png");

    // The keyboard: the first row has the focus; j moves down, k back up, Enter opens.
    WebElement focused = driver.switchTo().activeElement();
    assertThat(focused.getAttribute("data-code")).isEqualTo("B-HIGH");
    focused.sendKeys("j");
    assertThat(driver.switchTo().activeElement().getAttribute("data-code")).isEqualTo("B-MID");
    driver.switchTo().activeElement().sendKeys("k");
    assertThat(driver.switchTo().activeElement().getAttribute("data-code")).isEqualTo("B-HIGH");
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);

    // The claim: each line's rule outcome and explanation, and the model's reasons.
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("claim-view")));
    assertThat(driver.findElement(By.id("claim-title")).getText()).isEqualTo("Claim B-HIGH");
    WebElement consultation = driver.findElement(By.cssSelector("tr[data-line='services-1']"));
    assertThat(consultation.findElement(By.cssSelector(".outcome")).getText()).isEqualTo("passed");
    assertThat(consultation.findElement(By.cssSelector(".rule")).getText()).isNotBlank();
    assertThat(consultation.findElements(By.cssSelector(".explanation"))).isNotEmpty();
    assertThat(consultation.findElement(By.cssSelector(".reasons")).getText()).isEqualTo("asks 900 for CONS");

    // Adjust the consultation to the price list's 100, keep the paracetamol.
    WebElement price = driver.findElement(By.id("price-services-1"));
    assertThat(price.isDisplayed()).as("quantity and price show only to adjust").isFalse();
    new Select(driver.findElement(By.id("action-services-1"))).selectByValue("adjust");
    assertThat(price.isDisplayed()).isTrue();
    price.clear();
    price.sendKeys("100");
    driver.findElement(By.id("justification-services-1")).sendKeys("the price list pays 100");
    screenshot("review-claim.png");
    driver.findElement(By.id("deliver")).click();
    wait.until(ExpectedConditions.attributeToBe(By.id("claim-message"), "class", "ok"));
    assertThat(driver.findElement(By.id("claim-message")).getText()).contains("Review delivered");
    screenshot("review-delivered.png");

    // The store has the reviewer's decision.
    JsonNode stored = get("/v1/claims/B-HIGH");
    assertThat(stored.get("reviewStatus").asInt()).isEqualTo(8);
    assertThat(stored.at("/services/0/priceApproved").decimalValue()).isEqualByComparingTo("100");
    assertThat(stored.at("/services/0/justification").asText()).isEqualTo("the price list pays 100");
    assertThat(stored.at("/items/0/status").asInt()).isEqualTo(1);
    assertThat(stored.get("approved").decimalValue()).isEqualByComparingTo("120");

    // Escape goes back to the queue, which no longer holds the delivered claim.
    driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#queue-rows tr"), 2));
    assertThat(rowCodes()).containsExactly("B-MID", "B-LOW");
  }

  @Test
  void reviewer_opensAStratifiedBatchAndSeesTheEstimateWithItsInterval() throws IOException {
    // Care on 2026-10-01, which no other claim here has, so the batch holds these claims only. The
    // review band (asking 300 and 400) is drawn whole, the pass band (asking 10) at 50 %: 3 of 6.
    for (int i = 0; i < 6; i++) {
      submit(ReviewQueueHttpTest.claim("S-P" + i, "111", "HF1", "2026-10-02", "PARA", 1, 10)
          .put("dateFrom", "2026-10-01").toString());
    }
    submit(ReviewQueueHttpTest.claim("S-R0", "112", "HF1", "2026-10-02", "CONS", 1, 300)
        .put("dateFrom", "2026-10-01").toString());
    submit(ReviewQueueHttpTest.claim("S-R1", "113", "HF1", "2026-10-02", "CONS", 1, 400)
        .put("dateFrom", "2026-10-01").toString());
    JsonNode batch = post("/v1/sampling-batches", "{\"filter\": {\"dateFrom\": \"2026-10-01\","
        + " \"dateTo\": \"2026-10-01\"}, \"rates\": {\"review\": 100, \"pass\": 50}, \"seed\": 5}", 201);
    String id = batch.get("id").asText();
    List<String> drawnPass = new java.util.ArrayList<>();
    batch.get("claims").forEach(m -> {
      if (m.get("sampled").asBoolean() && m.get("stratum").asText().equals("pass")) {
        drawnPass.add(m.get("code").asText());
      }
    });
    assertThat(drawnPass).hasSize(3);
    // Every review-band claim and two of the three drawn pass-band claims are reviewed, so each
    // stratum has two delivered reviews and its variance, hence the interval, can be estimated.
    post("/v1/claims/S-R0/review", review("services", 100), 200);
    post("/v1/claims/S-R1/review", review("services", 100), 200);
    post("/v1/claims/" + drawnPass.get(0) + "/review", review("items", 6), 200);
    post("/v1/claims/" + drawnPass.get(1) + "/review", review("items", 10), 200);
    String pending = drawnPass.get(2);
    JsonNode expected = get("/v1/sampling-batches/" + id + "/report");
    assertThat(expected.at("/batchTotal/low").isNumber()).as(expected.toString()).isTrue();

    WebDriverWait wait = new WebDriverWait(driver, WAIT);
    signIn(wait);
    driver.findElement(By.id("open-batches")).click();

    // The list, newest first, has the focus on its first batch: this one; Enter opens it.
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#batch-list button")));
    WebElement newest = driver.switchTo().activeElement();
    assertThat(newest.getAttribute("data-batch")).isEqualTo(id);
    assertThat(newest.getText()).contains("8 claims");
    newest.sendKeys(Keys.ENTER);

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("batch-detail")));
    assertThat(driver.findElement(By.id("batch-title")).getText()).isEqualTo("Batch " + id);
    String report = driver.findElement(By.id("batch-report")).getText();
    assertThat(report).contains(String.format(java.util.Locale.ROOT, "%.2f (95 %% interval %.2f – %.2f)",
        expected.at("/batchTotal/total").asDouble(), expected.at("/batchTotal/low").asDouble(),
        expected.at("/batchTotal/high").asDouble()));
    assertThat(report).contains(String.format(java.util.Locale.ROOT, "Adjusted total, unreviewed part\n%.2f",
        expected.at("/unreviewedTotal/total").asDouble()));
    assertThat(report).contains("Model precision (weighted)", "Model recall (weighted)", "4 of 5");
    assertThat(batchRow(pending)).isEqualTo(pending + " pass drawn 0.500 4 selected");
    assertThat(batchRow("S-R0")).isEqualTo("S-R0 review drawn 1.000 delivered");
    assertThat(driver.findElements(By.cssSelector("#batch-claim-rows tr"))).hasSize(8);
    screenshot("review-batch.png");

    // The link filters the queue by the batch: only the drawn claim still awaiting review.
    driver.findElement(By.id("batch-queue-link")).sendKeys(Keys.ENTER);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("queue-view")));
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#queue-rows tr"), 1));
    assertThat(rowCodes()).containsExactly(pending);
    assertThat(driver.findElement(By.id("f-batch")).getAttribute("value")).isEqualTo(id);

    // Leave the shared queue as the other test expects it.
    post("/v1/claims/" + pending + "/review", review("items", 10), 200);
  }

  /** Signs in, unless the page kept the token of an earlier test in this tab's session. */
  private static void signIn(WebDriverWait wait) {
    driver.get("http://127.0.0.1:" + port + "/review/");
    wait.until(d -> d.findElement(By.id("token")).isDisplayed() || d.findElement(By.id("queue-view")).isDisplayed());
    if (driver.findElement(By.id("token")).isDisplayed()) {
      driver.findElement(By.id("token")).sendKeys(TOKEN, Keys.ENTER);
    }
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("queue-view")));
  }

  private static String batchRow(String code) {
    return driver.findElement(By.cssSelector("#batch-claim-rows tr[data-code='" + code + "']")).getText();
  }

  /** A review approving line 1 of the kind at {@code price}, justified. */
  private static String review(String kind, int price) {
    return "{\"" + kind + "\": [{\"lineNo\": 1, \"priceApproved\": " + price + ", \"justification\": \"audit\"}]}";
  }

  private static List<String> rowCodes() {
    return driver.findElements(By.cssSelector("#queue-rows tr")).stream().map(r -> r.getAttribute("data-code")).toList();
  }

  private static void screenshot(String name) throws IOException {
    File shot = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Path target = Path.of("target", name);
    Files.createDirectories(target.getParent());
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void submit(String claim) {
    HttpResponse<Buffer> response = client.post(port, "127.0.0.1", "/v1/claims")
        .putHeader("Authorization", "Bearer " + TestKeys.token(io.arbiter.access.Role.BACKEND))
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(claim)).await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  private static JsonNode post(String path, String body, int status) throws IOException {
    HttpResponse<Buffer> response = client.post(port, "127.0.0.1", path).putHeader("Content-Type", "application/json")
        .putHeader("Authorization", TestKeys.ALL_BEARER).sendBuffer(Buffer.buffer(body)).await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    return Json.mapper().readTree(response.bodyAsString());
  }

  private static JsonNode get(String path) throws IOException {
    HttpResponse<Buffer> response = client.get(port, "127.0.0.1", path).putHeader("Authorization", TestKeys.ALL_BEARER).send().await();
    assertThat(response.statusCode()).isEqualTo(200);
    return Json.mapper().readTree(response.bodyAsString());
  }
}

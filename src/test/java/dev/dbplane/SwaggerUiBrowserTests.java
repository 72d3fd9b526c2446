package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.ApiClient;
import dev.dbplane.support.RealEngine;
import dev.dbplane.support.Sandbox;
import dev.dbplane.support.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What an operator does in Swagger UI, in a real browser (headless Chromium) against the service on
 * the real engine: authorize with a key, validate the JSON and the YAML examples, create a cluster
 * from a stack input and see its job. Without Chromium the test says so and is reported as skipped,
 * unless {@code DBPLANE_REQUIRE_REAL_ENGINE=true} (as CI sets it) makes that a failure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "dbplane.jobs.polling-interval=200ms", "dbplane.security.mutations-per-minute=10000"})
@ExtendWith(RealEngine.class)
class SwaggerUiBrowserTests {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path DATA = Path.of("target", "swagger-ui-" + UUID.randomUUID()).toAbsolutePath();
  private static final Duration PAGE_WAIT = Duration.ofSeconds(30);

  private static WebDriver browser;

  @LocalServerPort int port;

  @BeforeAll
  static void aBrowserIsHere() throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String why = "no headless Chromium: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed (apt-get install chromium chromium-driver)";
      if ("true".equals(System.getenv("DBPLANE_REQUIRE_REAL_ENGINE"))) {
        throw new IllegalStateException("the browser tests must run here (DBPLANE_REQUIRE_REAL_ENGINE=true), but there is " + why);
      }
      System.out.println("BROWSER TESTS DID NOT RUN: " + why);
      Assumptions.abort("browser tests did not run: " + why);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // On a closed network Chromium hangs on its own background traffic unless all of it is off.
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,2000",
        "--user-data-dir=" + Files.createDirectories(DATA.resolve("chromium")));
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
  }

  @AfterAll
  static void closeTheBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @DynamicPropertySource
  static void onTheSandbox(DynamicPropertyRegistry registry) {
    RealEngine.register(registry, DATA);
    registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DATA.resolve("db/dbplane") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
  }

  @Test
  void anOperatorAuthorizesValidatesInJsonAndYamlAndCreatesAClusterFromSwaggerUi() throws Exception {
    try {
      browser.get("http://localhost:" + port + "/swagger-ui.html");
      authorize(TestKeys.OPERATOR);

      WebElement validate = tryItOut("database-clusters", "validateDatabaseCluster");
      chooseExample(validate, "stack input");
      String json = execute(validate, "200");
      assertThat(JsonPath.<Boolean>read(json, "$.valid")).as(json).isTrue();
      assertThat(JsonPath.<String>read(json, "$.credentials.source")).isEqualTo("request");

      new Select(validate.findElement(By.cssSelector(".opblock-section-request-body select"))).selectByVisibleText("application/yaml");
      chooseExample(validate, "stack input");
      assertThat(requestBody(validate).getAttribute("value")).startsWith("target:");
      String yaml = execute(validate, "200");
      assertThat(JsonPath.<String>read(yaml, "$.normalized.clusterName")).as(yaml).isEqualTo("orders-db");

      String name = "swagger-" + UUID.randomUUID().toString().substring(0, 8);
      WebElement create = tryItOut("database-clusters", "createDatabaseCluster");
      WebElement body = requestBody(create);
      body.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
      body.sendKeys(Sandbox.stackInput(name, 1));
      String submitted = execute(create, "202");
      String jobId = JsonPath.read(submitted, "$.job.id");
      assertThat(UUID.fromString(jobId)).isNotNull();
      assertThat(JsonPath.<String>read(submitted, "$.job.clusterName")).isEqualTo(name);

      // What the page started is the real thing: the job provisions the cluster on the sandbox.
      String job = new ApiClient(port).awaitEnd(jobId, Duration.ofMinutes(3));
      assertThat(JsonPath.<String>read(job, "$.status")).as(job).isEqualTo("SUCCEEDED");
    } catch (Exception | AssertionError e) {
      Path screenshot = DATA.resolve("swagger-ui-failure.png");
      Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
      throw new AssertionError(e.getMessage() + " (the page as it was: " + screenshot + ")", e);
    }
  }

  private void authorize(String key) {
    waitFor(By.cssSelector("button.authorize")).click();
    WebElement dialog = waitFor(By.cssSelector(".dialog-ux .modal-ux"));
    dialog.findElement(By.cssSelector("input[type=text]")).sendKeys(key);
    dialog.findElement(By.cssSelector("button.modal-btn.auth.authorize")).click();
    waitFor(By.cssSelector(".dialog-ux button.btn-done")).click();
  }

  /** The operation opened, in Try-it-out mode. */
  private WebElement tryItOut(String tag, String operationId) {
    WebElement operation = waitFor(By.id("operations-" + tag + "-" + operationId));
    operation.findElement(By.cssSelector(".opblock-summary-control")).click();
    new WebDriverWait(browser, PAGE_WAIT).until(ExpectedConditions.elementToBeClickable(operation.findElement(By.cssSelector(".try-out__btn")))).click();
    requestBody(operation);
    return operation;
  }

  private void chooseExample(WebElement operation, String example) {
    new Select(operation.findElement(By.cssSelector(".opblock-section-request-body .examples-select select"))).selectByValue(example);
  }

  private WebElement requestBody(WebElement operation) {
    return new WebDriverWait(browser, PAGE_WAIT).until(d -> operation.findElement(By.cssSelector("textarea.body-param__text")));
  }

  /** Executes the request and answers the response body shown, once the page shows the status. */
  private String execute(WebElement operation, String status) {
    operation.findElement(By.cssSelector("button.execute")).click();
    WebElement response = new WebDriverWait(browser, PAGE_WAIT).until(d -> {
      List<WebElement> shown = operation.findElements(By.cssSelector(".live-responses-table .response"));
      return shown.isEmpty() ? null : shown.get(0);
    });
    String body = response.findElement(By.cssSelector(".response-col_description pre")).getText();
    assertThat(response.findElement(By.cssSelector(".response-col_status")).getText()).as(body).isEqualTo(status);
    // A second Execute shows its answer in the same place: clear it so that the next wait sees the new one.
    operation.findElement(By.cssSelector("button.btn-clear")).click();
    return body;
  }

  private WebElement waitFor(By what) {
    return new WebDriverWait(browser, PAGE_WAIT).until(ExpectedConditions.visibilityOfElementLocated(what));
  }
}

package dev.livedesk.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Swagger UI renders the API under its Content-Security-Policy, without a console error. */
@Tag("browser")
@QuarkusTest
class SwaggerUiInBrowserTest {

    @TestHTTPResource("/q/swagger-ui/")
    URI swaggerUi;

    @Test
    void rendersTheApiWithoutConsoleErrors() {
        try (Browser browser = Browser.launch(); BrowserContext context = browser.chromium.newContext()) {
            List<String> errors = new CopyOnWriteArrayList<>();
            context.onConsoleMessage(message -> {
                if ("error".equals(message.type())) {
                    errors.add(message.text());
                }
            });
            Page page = context.newPage();
            page.navigate(swaggerUi.toString());
            assertThat(page.getByText("LiveDesk API").first()).isVisible();
            assertThat(page.getByText("/api/conversations/{id}/events").first()).isVisible();
            assertThat(errors).isEmpty();
        }
    }
}

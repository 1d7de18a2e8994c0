package dev.livedesk.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

@Tag("quarkus")
@QuarkusTest
class SecurityHeadersTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/agent/", "/widget/main.js", "/api/status", "/q/openapi", "/q/health/ready"})
    void everyResponseCarriesAStrictContentSecurityPolicyAndSafeHeaders(String path) {
        given().get(path).then().statusCode(200)
                .header("Content-Security-Policy", allOf(containsString("script-src 'self'"),
                        containsString("frame-ancestors 'none'"), containsString("object-src 'none'"),
                        not(containsString("unsafe-inline")), not(containsString("unsafe-eval"))))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"));
    }

    @org.junit.jupiter.api.Test
    void onlySwaggerUiMayRunInlineScript() {
        given().get("/q/swagger-ui/").then().statusCode(200)
                .header("Content-Security-Policy", allOf(containsString("'unsafe-inline'"),
                        containsString("frame-ancestors 'none'")));
    }
}

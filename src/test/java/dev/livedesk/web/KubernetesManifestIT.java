package dev.livedesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.MappingIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kubernetes manifest the build generates: probes, ports, resources, replicas and the grace period. */
@Tag("packaged")
class KubernetesManifestIT {

    private static Map<String, JsonNode> resources() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Map<String, JsonNode> byKind = new HashMap<>();
        try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class)
                .readValues(Path.of("target", "kubernetes", "kubernetes.yml").toFile())) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                byKind.put(document.path("kind").asText(), document);
            }
        }
        return byKind;
    }

    @Test
    void deploymentProbesHealthAndWaitsLongerThanTheDrain() throws IOException {
        JsonNode deployment = resources().get("Deployment");
        assertThat(deployment).isNotNull();
        assertThat(deployment.at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode pod = deployment.at("/spec/template/spec");
        assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isGreaterThan(30);
        JsonNode container = pod.path("containers").get(0);
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(container.at("/resources/requests/cpu").asText()).isNotEmpty();
        assertThat(container.at("/resources/limits/memory").asText()).isNotEmpty();
        assertThat(container.path("envFrom").toString()).contains("\"name\":\"livedesk\"");
        assertThat(container.path("env").toString()).as("replicas share an external PostgreSQL")
                .contains("{\"name\":\"LIVEDESK_STORE\",\"value\":\"postgres\"}");
    }

    @Test
    void serviceExposesTheHttpPort() throws IOException {
        JsonNode service = resources().get("Service");
        assertThat(service).isNotNull();
        assertThat(service.at("/spec/ports/0/targetPort").asInt()).isEqualTo(8080);
    }
}

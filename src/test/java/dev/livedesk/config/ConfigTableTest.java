package dev.livedesk.config;

import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps docs/configuration.md in step with the code: the same keys as the {@code @ConfigMapping}
 * interfaces, each with the environment variable it maps to and the default the code declares.
 */
class ConfigTableTest {

    /** A table row: | `key` | `ENV` | default ... | meaning |. */
    private static final Pattern ROW = Pattern.compile("^\\| `(livedesk\\.[^`]+)` \\| `([^`]+)` \\| ([^|]+) \\|.*$");
    private static final Pattern FIRST_CODE = Pattern.compile("`([^`]*)`");

    /** What the code says about one key: its default, or null when it has none. */
    private record Declared(String defaultValue) {
    }

    @Test
    void readmeTableListsExactlyTheMappedKeysWithTheirEnvironmentVariablesAndDefaults() throws IOException {
        Map<String, Declared> declared = new TreeMap<>();
        collect(LiveDeskConfig.class, "livedesk", declared);
        Map<String, String[]> documented = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("docs/configuration.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                documented.put(row.group(1), new String[]{row.group(2), row.group(3).trim()});
            }
        }

        assertThat(documented.keySet()).as("keys in docs/configuration.md").isEqualTo(declared.keySet());
        declared.forEach((key, code) -> {
            String[] doc = documented.get(key);
            assertThat(doc[0]).as("environment variable of %s", key).isEqualTo(environmentVariable(key));
            Matcher first = FIRST_CODE.matcher(doc[1]);
            String documentedDefault = doc[1].startsWith("none") || !first.find() ? null : first.group(1);
            assertThat(documentedDefault).as("default of %s", key).isEqualTo(code.defaultValue());
        });
    }

    /** Walks a mapping interface: groups nest, maps add a {@code <username>} level, everything else is a key. */
    private static void collect(Class<?> type, String prefix, Map<String, Declared> keys) {
        for (Method method : type.getDeclaredMethods()) {
            String key = prefix + "." + kebab(method.getName());
            Class<?> returned = method.getReturnType();
            if (returned.isInterface() && returned.getEnclosingClass() == LiveDeskConfig.class) {
                collect(returned, key, keys);
            } else if (Map.class.isAssignableFrom(returned)) {
                Class<?> value = (Class<?>) ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[1];
                collect(value, key + ".<username>", keys);
            } else {
                WithDefault withDefault = method.getAnnotation(WithDefault.class);
                keys.put(key, new Declared(withDefault == null ? null : withDefault.value()));
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** The environment variable MicroProfile Config maps to a key; a map key stays a placeholder. */
    private static String environmentVariable(String key) {
        return key.replace("<username>", "\u0000").toUpperCase().replaceAll("[^A-Z0-9\u0000]", "_")
                .replace("\u0000", "<USERNAME>");
    }
}

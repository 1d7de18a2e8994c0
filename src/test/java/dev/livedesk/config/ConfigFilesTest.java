package dev.livedesk.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFilesTest {

    record Names(List<String> names) {
    }

    @Test
    void readsAFileNamedWithTheFilePrefix(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("names.yaml"), "names: [ann, bob]\n");

        assertThat(ConfigFiles.read("file:" + file, Names.class, "the names").names()).containsExactly("ann", "bob");
    }

    @Test
    void readsAPlainPath(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("names.json"), "{\"names\": [\"ann\"]}");

        assertThat(ConfigFiles.read(file.toString(), Names.class, "the names").names()).containsExactly("ann");
    }

    @Test
    void aClasspathLocationHasNoFile() {
        assertThat(ConfigFiles.file("classpath:faq/shop.yaml")).isEmpty();
        assertThat(ConfigFiles.file("file:/srv/kb.yaml")).contains(Path.of("/srv/kb.yaml"));
    }

    @Test
    void anUnknownFieldIsAnError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("names.yaml"), "names: [ann]\nnmaes: [typo]\n");

        assertThatThrownBy(() -> ConfigFiles.read("file:" + file, Names.class, "the names"))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("the names");
    }
}

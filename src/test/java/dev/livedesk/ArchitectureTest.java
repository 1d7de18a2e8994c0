package dev.livedesk;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import graph between feature packages ({@code dev.livedesk.X}, sub-packages folded into X) has no cycle, the
 * same rule {@code ../shared/tools/package-cycles.py} checks, kept here so that every build holds it.
 */
class ArchitectureTest {

    private static final Path ROOT = Path.of("src/main/java/dev/livedesk");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?dev\\.livedesk\\.([a-z0-9_]+)\\.");

    @Test
    void featurePackagesImportEachOtherWithoutACycle() {
        Map<String, Set<String>> edges = imports();

        assertThat(edges).isNotEmpty();
        assertThat(cycles(edges)).isEmpty();
    }

    @Test
    void theCycleSearchFindsACycle() {
        Map<String, Set<String>> edges = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a")));

        assertThat(cycles(edges)).containsExactly(List.of("a", "b", "c", "a"));
    }

    @Test
    void theChatDomainImportsNeitherItsServicesNorItsApiAndTheServicesNotTheApi() throws IOException {
        assertThat(importersIn("chat", "dev.livedesk.chat.service")).isEmpty();
        assertThat(importersIn("chat", "dev.livedesk.chat.api")).isEmpty();
        assertThat(importers("chat/service", "dev.livedesk.chat.api")).isEmpty();
    }

    /** Files directly in {@code dir} (not its sub-folders) that import from {@code prefix}. */
    private static List<String> importersIn(String dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve(dir))) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> lines(f).stream().anyMatch(l -> l.startsWith("import " + prefix)))
                    .map(Path::toString).toList();
        }
    }

    @Test
    void everyEndpointDeclaresWhoMayCallIt() throws Exception {
        List<String> undeclared = new ArrayList<>();
        for (Class<?> type : mainClasses()) {
            if (!type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                continue;
            }
            for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
                boolean endpoint = Stream.of(jakarta.ws.rs.GET.class, jakarta.ws.rs.POST.class, jakarta.ws.rs.PUT.class,
                        jakarta.ws.rs.DELETE.class, jakarta.ws.rs.PATCH.class).anyMatch(method::isAnnotationPresent);
                boolean declared = Stream.of(jakarta.annotation.security.RolesAllowed.class,
                        jakarta.annotation.security.PermitAll.class, io.quarkus.security.Authenticated.class)
                        .anyMatch(annotation -> method.isAnnotationPresent(annotation)
                                || type.isAnnotationPresent(annotation));
                if (endpoint && !declared) {
                    undeclared.add(type.getSimpleName() + "." + method.getName());
                }
            }
        }

        assertThat(undeclared).as("refused by quarkus.security.jaxrs.deny-unannotated-endpoints").isEmpty();
    }

    private List<Class<?>> mainClasses() throws Exception {
        Path classes = Path.of("target/classes");
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                found.add(Class.forName(name, false, getClass().getClassLoader()));
            }
        }
        return found;
    }

    @Test
    void storeImplementationsNeverImportEachOther() throws IOException {
        assertThat(importers("store/memory", "dev.livedesk.store.postgres")).isEmpty();
        assertThat(importers("store/postgres", "dev.livedesk.store.memory")).isEmpty();
    }

    @Test
    void noStaticFieldHoldsANettyOrVertxBuffer() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (Class<?> type : mainClasses()) {
            for (java.lang.reflect.Field field : type.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(field.getModifiers())
                        && (io.vertx.core.buffer.Buffer.class.isAssignableFrom(field.getType())
                        || io.netty.buffer.ByteBuf.class.isAssignableFrom(field.getType()))) {
                    offenders.add(type.getName() + "." + field.getName());
                }
            }
        }

        assertThat(offenders).as("initialized at native-image build time, they carry run-time-only Netty state").isEmpty();
    }

    private static List<String> importers(String dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve(dir))) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> lines(f).stream().anyMatch(l -> l.startsWith("import " + prefix)))
                    .map(Path::toString).toList();
        }
    }

    private static Map<String, Set<String>> imports() {
        Map<String, Set<String>> edges = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(f -> f.toString().endsWith(".java") && f.getParent().getNameCount() > ROOT.getNameCount())
                    .forEach(f -> {
                        String pkg = ROOT.relativize(f).getName(0).toString();
                        for (String line : lines(f)) {
                            Matcher m = IMPORT.matcher(line);
                            if (m.find() && !m.group(1).equals(pkg)) {
                                edges.computeIfAbsent(pkg, k -> new TreeSet<>()).add(m.group(1));
                            }
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return edges;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each cycle found by a depth-first search, as the path that closes it. */
    static List<List<String>> cycles(Map<String, Set<String>> edges) {
        List<List<String>> found = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String start : edges.keySet()) {
            walk(start, edges, new ArrayList<>(), done, found);
        }
        return found;
    }

    private static void walk(String node, Map<String, Set<String>> edges, List<String> path, Set<String> done,
                             List<List<String>> found) {
        int at = path.indexOf(node);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(node);
            found.add(cycle);
            return;
        }
        if (!done.add(node)) {
            return;
        }
        path.add(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            walk(next, edges, path, done, found);
        }
        path.remove(path.size() - 1);
    }
}

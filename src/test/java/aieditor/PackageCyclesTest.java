package aieditor;

import org.junit.jupiter.api.Test;

import java.io.IOException;
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
 * The packages depend one way: no package reaches, through its uses of others, back to itself. A cycle is what makes
 * a package impossible to read, test or change on its own (the job engine and the meters once used each other).
 */
class PackageCyclesTest {
    private static final Pattern USE = Pattern.compile("\\b(aieditor(?:\\.[a-z_]+)*)\\.[A-Z]\\w*");

    @Test
    void should_have_no_cycle_between_packages() throws IOException {
        Map<String, Set<String>> uses = uses(Path.of("src/main/java"));
        assertThat(uses).containsKeys("aieditor.pipeline", "aieditor.observe", "aieditor.config");
        List<String> cycles = new ArrayList<>();
        for (String from : uses.keySet()) {
            pathBack(from, from, uses, new HashSet<>(), new ArrayList<>(List.of(from))).ifPresent(cycles::add);
        }
        assertThat(cycles).as("package cycles").isEmpty();
    }

    /** The packages each package uses: imports and fully qualified names, comments left out. */
    private static Map<String, Set<String>> uses(Path root) throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(file.getParent()).toString().replace('/', '.');
                String code = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
                Set<String> used = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher m = USE.matcher(code.substring(code.indexOf(';') + 1)); // not its own package line
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        uses.values().forEach(used -> used.retainAll(uses.keySet()));
        return uses;
    }

    private static java.util.Optional<String> pathBack(String start, String at, Map<String, Set<String>> uses,
                                                       Set<String> seen, List<String> path) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                return java.util.Optional.of(String.join(" -> ", path) + " -> " + start);
            }
            if (seen.add(next)) {
                path.add(next);
                var found = pathBack(start, next, uses, seen, path);
                if (found.isPresent()) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return java.util.Optional.empty();
    }
}

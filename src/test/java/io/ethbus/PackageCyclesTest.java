package io.ethbus;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packages of the main code depend on each other one way only: read from the sources (every
 * {@code io.ethbus.<package>.<Type>}, in an import or written out in full), a depth-first search
 * finds any cycle and names it. Run it alone with {@code mvn -B -q test -Dtest=PackageCyclesTest}.
 */
class PackageCyclesTest {
    private static final Path MAIN = Path.of("src/main/java/io/ethbus");
    private static final Pattern IMPORT = Pattern.compile("\\bio\\.ethbus\\.([a-z]+)\\.[A-Z]");

    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException {
        Map<String, Set<String>> graph = dependencies(MAIN);
        assertTrue(graph.size() >= 10, "packages read: " + graph.keySet());
        assertEquals(List.of(), cycle(graph), "a cycle of packages");
    }

    @Test
    void theSearchFindsACycle() {
        Map<String, Set<String>> graph = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a")));
        assertEquals(List.of("a", "b", "c", "a"), cycle(graph));
    }

    @Test
    void clusterPlugsInAndIsNeverImportedByNodeOrHeads() throws IOException {
        Map<String, Set<String>> graph = dependencies(MAIN);
        assertFalse(graph.get("node").contains("cluster"), "node imports cluster");
        assertFalse(graph.get("heads").contains("cluster"), "heads imports cluster");
        assertTrue(graph.get("cluster").contains("node"), "cluster depends on node (it plugs a layer in)");
    }

    static Map<String, Set<String>> dependencies(Path root) throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(file).getParent().toString();
                Set<String> uses = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        uses.add(m.group(1));
                    }
                }
            }
        }
        return graph;
    }

    /** The first cycle found, as a path that ends where it starts; empty when there is none. */
    static List<String> cycle(Map<String, Set<String>> graph) {
        Set<String> done = new TreeSet<>();
        for (String start : graph.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> found = visit(start, graph, path, done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String pkg, Map<String, Set<String>> graph, List<String> path, Set<String> done) {
        int at = path.indexOf(pkg);
        if (at >= 0) {
            List<String> loop = new ArrayList<>(path.subList(at, path.size()));
            loop.add(pkg);
            return loop;
        }
        if (done.contains(pkg)) {
            return List.of();
        }
        path.add(pkg);
        for (String next : graph.getOrDefault(pkg, Set.of())) {
            List<String> found = visit(next, graph, path, done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        done.add(pkg);
        return List.of();
    }
}

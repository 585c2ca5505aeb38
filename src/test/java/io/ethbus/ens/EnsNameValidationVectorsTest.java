package io.ethbus.ens;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.JsonRpcCodec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every case of ENSIP-15's validation test set (see {@code src/test/resources/ensip15/README.md}):
 * a valid name normalises to its {@code norm} (itself when absent), a rejected one fails with
 * {@link InvalidEnsNameException} and nothing else.
 */
class EnsNameValidationVectorsTest {

    private static JsonNode vectors() throws IOException {
        try (InputStream in = EnsNameValidationVectorsTest.class.getResourceAsStream("/ensip15/tests.json.gz")) {
            assertNotNull(in, "ensip15/tests.json.gz is on the test classpath");
            return JsonRpcCodec.mapper().readTree(new GZIPInputStream(in));
        }
    }

    @Test
    void everyValidationCaseOfTheStandardHolds() throws IOException {
        List<String> failures = new ArrayList<>();
        int valid = 0;
        int rejected = 0;
        for (JsonNode test : vectors()) {
            if (test.has("validated")) {
                continue; // the set's version record
            }
            String name = test.get("name").asText();
            String expected = test.has("norm") ? test.get("norm").asText() : name;
            boolean error = test.path("error").asBoolean(false);
            String got;
            try {
                got = EnsName.normalize(name);
            } catch (InvalidEnsNameException e) {
                got = null;
            }
            if (error ? got != null : !expected.equals(got)) {
                failures.add(test + " gave " + (got == null ? "an InvalidEnsNameException" : got));
            }
            if (error) {
                rejected++;
            } else {
                valid++;
            }
        }
        assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())), failures.size() + " cases failed");
        // the whole set ran: a truncated or empty resource would pass vacuously
        assertTrue(valid > 20_000 && rejected > 10_000, valid + " valid and " + rejected + " rejected cases");
    }
}

package io.ethbus.node;

import io.ethbus.devchain.DevChain;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.ChildJvm;
import io.ethbus.testsupport.JsonRpcFaultProxy;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In a 128 MiB heap, a 144 MB eth_getLogs answer asked for three ways at once (directly, over
 * the bus, via streamReply) ends in PayloadTooLargeException each time, with no
 * OutOfMemoryError, and the JVM answers a small call afterwards.
 */
@ExtendWith(AnvilExtension.class)
class HeapCeilingTest {
    @Test
    void aHugeAnswerInASmallHeapFailsTypedAndTheJvmGoesOn(DevChain chain) {
        Vertx vertx = Vertx.vertx();
        try (JsonRpcFaultProxy proxy = new JsonRpcFaultProxy(vertx, chain.port())) {
            proxy.fault(JsonRpcFaultProxy.Fault.HUGE_LOGS);
            proxy.hugeAnswerBytes(144L * 1000 * 1000);
            try (ChildJvm probe = ChildJvm.start("heap-ceiling-probe", HeapCeilingProbe.class.getName(),
                    List.of("-Xmx128m", "-XX:+ExitOnOutOfMemoryError"), List.of(proxy.url()))) {
                Matcher done = probe.awaitLine(Pattern.compile(HeapCeilingProbe.DONE + " inFlight=(\\d+) ceiling=(\\d+)"),
                        Duration.ofSeconds(60));
                assertEquals("0", done.group(1), "no answer bytes stay reserved");
                long ceiling = Long.parseLong(done.group(2));
                assertTrue(ceiling > 16L << 20 && ceiling <= 32L << 20, "a quarter of the heap: " + ceiling);
                for (String way : List.of("direct", "bus", "streamReply")) {
                    Matcher m = probe.awaitLine(Pattern.compile(HeapCeilingProbe.OUTCOME + " " + way + " (.*)"), Duration.ofSeconds(1));
                    String outcome = m.group(1);
                    assertTrue(outcome.startsWith("PayloadTooLargeException"), way + ": " + outcome);
                    assertTrue(outcome.contains("heap"), way + ": the message says the limit came from the heap: " + outcome);
                }
                Matcher small = probe.awaitLine(Pattern.compile(HeapCeilingProbe.SMALL + " direct=(\\S+) bus=(\\S+)"),
                        Duration.ofSeconds(1));
                assertEquals("0x7a69", small.group(1));
                assertEquals("0x7a69", small.group(2));
            }
        } finally {
            result(vertx.close());
        }
    }
}

package io.ethbus.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.provider.Provider;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code ethbus call METHOD [PARAMS...]}: one JSON-RPC call, result printed as JSON. Without
 * {@code --rpc} it starts the embedded dev chain for the call and stops it afterwards.
 */
@Command(name = "call",
        mixinStandardHelpOptions = true,
        description = {"Sends one JSON-RPC call and prints the result as JSON.",
                "Each PARAM is taken as JSON when it is valid JSON, else as a string:",
                "  ethbus call eth_getBalance 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 latest"})
public final class CallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "METHOD", description = "JSON-RPC method, e.g. eth_blockNumber")
    String method;

    @Parameters(index = "1..*", paramLabel = "PARAMS", description = "positional params")
    List<String> params = new ArrayList<>();

    @Option(names = "--rpc", paramLabel = "URL",
            description = "node HTTP endpoint; without it an embedded anvil dev chain is started")
    String rpc;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "how long to wait for the answer (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (timeoutSeconds <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be positive");
        }
        ArrayNode jsonParams = JsonNodeFactory.instance.arrayNode(params.size());
        params.forEach(p -> jsonParams.add(JsonArgument.parse(p)));
        RpcRequest request = new RpcRequest(1, method, jsonParams);
        if (rpc != null) {
            return callAndPrint(RpcUrlOption.parse(spec, rpc), request);
        }
        Path workDir = Files.createTempDirectory("ethbus-devchain-");
        try (DevChain chain = DevChain.start(DevChainOptions.in(workDir))) {
            return callAndPrint(HttpProviderOptions.of(chain.httpUrl()), request);
        } finally {
            deleteRecursively(workDir);
        }
    }

    private int callAndPrint(HttpProviderOptions node, RpcRequest request) throws JsonProcessingException {
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        Vertx vertx = Vertx.vertx();
        try {
            Provider provider = new HttpProvider(vertx, node);
            try {
                JsonNode result = MainThreadWait.await(provider.send(request), request.method(), provider.endpoint(), timeout)
                        .resultOrThrow(request.method(), provider.endpoint());
                spec.commandLine().getOut().println(
                        JsonRpcCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
                spec.commandLine().getOut().flush();
                return CommandLine.ExitCode.OK;
            } finally {
                MainThreadWait.await(provider.close(), "close", provider.endpoint(), timeout);
            }
        } finally {
            MainThreadWait.await(vertx.close(), "close", null, timeout);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}

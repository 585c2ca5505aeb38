package io.ethbus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.rpc.JsonRpcCodec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Fills a fresh anvil chain with {@code blocks} blocks of exactly {@code txs} value transfers
 * each, as fast as anvil takes them: automine off, the node signs (eth_sendTransaction from
 * its dev accounts, explicit nonces and gas so it estimates nothing), one JSON-RPC batch of
 * sends per block, then evm_mine. Blocking; bench code on the main thread only.
 */
final class BenchChainSeeder {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI url;
    private final List<String> accounts;
    private long nextId = 1;

    BenchChainSeeder(String url, List<String> accounts) {
        this.url = URI.create(url);
        this.accounts = List.copyOf(accounts);
    }

    /**
     * Mines blocks 1..blocks (the chain must be at genesis) and checks every block holds
     * {@code txs} transactions. With {@code impersonated}, the senders are fresh addresses
     * anvil impersonates instead of its signing dev accounts: their transactions carry no real
     * signature, so anvil answers them without recovering each sender on every read.
     */
    void seed(int blocks, int txs, boolean impersonated) throws IOException, InterruptedException {
        if (Long.decode(call("eth_blockNumber", JSON.arrayNode()).asText()) != 0) {
            throw new IllegalStateException("the bench chain must start at genesis");
        }
        List<String> accounts = impersonated ? impersonatedSenders(this.accounts.size()) : this.accounts;
        call("anvil_setAutomine", JSON.arrayNode().add(false));
        long[] nonces = new long[accounts.size()];
        for (int b = 0; b < blocks; b++) {
            ArrayNode batch = JSON.arrayNode();
            for (int t = 0; t < txs; t++) {
                int sender = t % accounts.size();
                ObjectNode tx = JSON.objectNode()
                        .put("from", accounts.get(sender))
                        .put("to", accounts.get((sender + 1 + b) % accounts.size()))
                        .put("gas", "0x5208")
                        .put("nonce", "0x" + Long.toHexString(nonces[sender]++))
                        .put("value", "0x" + Long.toHexString(1_000_000L * (b + 1) + t));
                batch.add(request("eth_sendTransaction", JSON.arrayNode().add(tx)));
            }
            for (JsonNode answer : post(batch)) {
                if (answer.hasNonNull("error")) {
                    throw new IllegalStateException("eth_sendTransaction failed in block " + (b + 1) + ": " + answer.get("error"));
                }
            }
            // the sends above are answered, so they are in the pool: this block takes exactly them
            call("evm_mine", JSON.arrayNode());
        }
        call("anvil_setAutomine", JSON.arrayNode().add(true));
    }

    private List<String> impersonatedSenders(int n) throws IOException, InterruptedException {
        List<String> senders = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String sender = String.format("0x%040x", 0xbe0c_0000L + i);
            call("anvil_impersonateAccount", JSON.arrayNode().add(sender));
            call("anvil_setBalance", JSON.arrayNode().add(sender).add("0x" + "f".repeat(30)));
            senders.add(sender);
        }
        return senders;
    }

    /** Transactions in blocks first..last, counted by the node; throws unless each block has {@code txs}. */
    long verify(long first, long last, int txs) throws IOException, InterruptedException {
        long total = 0;
        for (long from = first; from <= last; from += 200) {
            ArrayNode batch = JSON.arrayNode();
            for (long n = from; n <= Math.min(last, from + 199); n++) {
                batch.add(request("eth_getBlockTransactionCountByNumber", JSON.arrayNode().add("0x" + Long.toHexString(n))));
            }
            for (JsonNode answer : post(batch)) {
                long count = Long.decode(answer.path("result").asText("-1"));
                if (count != txs) {
                    throw new IllegalStateException("a seeded block holds " + count + " transactions, expected " + txs
                            + ": " + answer);
                }
                total += count;
            }
        }
        return total;
    }

    private ObjectNode request(String method, ArrayNode params) {
        return JSON.objectNode().put("jsonrpc", "2.0").put("id", nextId++).put("method", method).set("params", params);
    }

    private JsonNode call(String method, ArrayNode params) throws IOException, InterruptedException {
        JsonNode answer = post(request(method, params));
        if (answer.hasNonNull("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.get("result");
    }

    private JsonNode post(JsonNode body) throws IOException, InterruptedException {
        HttpRequest post = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JsonRpcCodec.mapper().writeValueAsBytes(body)))
                .build();
        HttpResponse<byte[]> response = http.send(post, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from anvil");
        }
        return JsonRpcCodec.mapper().readTree(response.body());
    }
}

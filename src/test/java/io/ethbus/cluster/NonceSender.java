package io.ethbus.cluster;

import io.ethbus.crypto.Account;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Hash;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.middleware.SignAndSendRawMiddleware;
import io.ethbus.client.EthClient;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.vertx.core.Future;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * A cluster member in a JVM of its own, for the nonce test: joins the cluster of the
 * {@code ethbus.cluster.*} properties, waits until {@code args[3]} members are in it, then
 * sends {@code args[2]} transactions at once from the key {@code args[1]} to anvil at
 * {@code args[0]}, signed locally with the cluster's {@link ClusterNonceSource}, and prints
 * one line {@value #RESULT} with the count of failures and the hashes, then exits.
 */
public final class NonceSender {
    public static final String RESULT = "nonce-sender done";
    static final Address SINK = Address.of("0x000000000000000000000000000000000000dEaD");

    private NonceSender() {
    }

    public static void main(String[] args) throws Exception {
        Account account = Account.fromPrivateKey(args[1]);
        int count = Integer.parseInt(args[2]);
        int members = Integer.parseInt(args[3]);
        ClusterMember member = ClusteredVertx.start(ClusterOptions.fromEnvironment())
                .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (member.memberIds().size() < members && System.nanoTime() < deadline) {
            Thread.sleep(50); // the main thread, not an event loop
        }
        // the cluster as the sends start: a member that finishes first leaves it while the others send
        int joined = member.memberIds().size();
        EthClient client = EthClient.direct(new HttpProvider(member.vertx(), HttpProviderOptions.of(args[0])));
        client.middlewareOnion().add(new SignAndSendRawMiddleware(member.vertx(), List.of(account),
                new ClusterNonceSource(member.vertx())), "signer");
        List<Future<Hash>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sends.add(client.eth().sendTransaction(TransactionRequest.builder().from(account.address()).to(SINK)
                    .value(BigInteger.ONE).gas(BigInteger.valueOf(21_000))
                    .maxFeePerGas(BigInteger.valueOf(10_000_000_000L)).maxPriorityFeePerGas(BigInteger.ONE).build()));
        }
        Future.join(sends).toCompletionStage().toCompletableFuture().handle((v, e) -> null).get(120, TimeUnit.SECONDS);
        StringJoiner hashes = new StringJoiner(",");
        int failed = 0;
        for (Future<Hash> send : sends) {
            if (send.succeeded()) {
                hashes.add(send.result().toHex());
            } else {
                failed++;
                System.out.println("send failed: " + send.cause());
            }
        }
        System.out.printf("%s: members=%d failed=%d hashes=%s%n", RESULT, joined, failed, hashes);
        member.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        System.exit(0);
    }
}

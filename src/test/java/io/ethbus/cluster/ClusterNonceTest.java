package io.ethbus.cluster;

import io.ethbus.crypto.Account;
import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.primitives.BlockId;
import io.ethbus.eth.EthCalls;
import io.ethbus.primitives.Hash;
import io.ethbus.eth.Transaction;
import io.ethbus.client.EthClient;
import io.ethbus.rpc.Batch;
import io.ethbus.testsupport.AnvilConnection;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.ChildJvm;
import io.ethbus.testsupport.LocalCluster;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Three members (child JVMs) send 300 transactions each at once from the same fresh key,
 * signed locally with the cluster-wide {@link ClusterNonceSource}; each leaves the cluster as
 * soon as its own sends are answered, while the others may still send, so the claims map's
 * partitions move under load. All 900 are mined with nonces exactly 0..899: none twice, none
 * missing.
 */
class ClusterNonceTest {
    static final int MEMBERS = 3;
    static final int SENDS_PER_MEMBER = 300;
    static final int ALL = MEMBERS * SENDS_PER_MEMBER;
    static final Pattern RESULT = Pattern.compile(Pattern.quote(NonceSender.RESULT)
            + ": members=(\\d+) failed=(\\d+) hashes=(\\S*)");

    @Test
    void threeMembersSendingFromOneKeyUseEveryNonceOnce() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        key[0] &= 0x7f; // below the curve order
        String keyHex = "0x" + HexFormat.of().formatHex(key);
        Account account = Account.fromPrivateKey(keyHex);
        try (DevChain chain = DevChain.start(DevChainOptions.in(AnvilExtension.workDir().resolve("nonce-chain")));
             AnvilConnection anvil = AnvilConnection.open(chain)) {
            EthClient direct = EthClient.direct(anvil.provider());
            result(direct.request("anvil_setBalance", account.address().toHex(), "0x56bc75e2d63100000")); // 100 ether
            ClusterOptions options = LocalCluster.freshOptions();
            List<ChildJvm> senders = new ArrayList<>();
            try {
                long t0 = System.nanoTime();
                for (int i = 1; i <= MEMBERS; i++) {
                    senders.add(ChildJvm.start("nonce-sender-" + i, NonceSender.class.getName(),
                            LocalCluster.memberProperties(options),
                            List.of(chain.httpUrl(), keyHex, Integer.toString(SENDS_PER_MEMBER), Integer.toString(MEMBERS))));
                }
                Set<String> hashes = new HashSet<>();
                for (ChildJvm sender : senders) {
                    Matcher m = sender.awaitLine(RESULT, Duration.ofSeconds(180));
                    assertEquals(MEMBERS, Integer.parseInt(m.group(1)), sender.name() + " saw another cluster:\n" + sender.tail());
                    assertEquals(0, Integer.parseInt(m.group(2)), sender.name() + " had failed sends:\n" + sender.tail());
                    hashes.addAll(List.of(m.group(3).split(",")));
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertEquals(ALL, hashes.size(), "distinct transaction hashes");

                // Sends from three members reach anvil out of nonce order; its automine mines a block per
                // arriving transaction, and transactions that became ready behind a late nonce can wait
                // for the next block. Mine (bounded) until the last of them is in.
                BigInteger all = BigInteger.valueOf(ALL);
                long until = System.nanoTime() + 60_000_000_000L; // bounded; 20 s was not enough at high load
                while (System.nanoTime() < until
                        && result(direct.eth().getTransactionCount(account.address(), BlockId.LATEST)).compareTo(all) < 0) {
                    result(direct.request("evm_mine"));
                    LockSupport.parkNanos(20_000_000L);
                }
                List<Transaction> sent = transactions(direct, new ArrayList<>(hashes));
                List<BigInteger> nonces = new ArrayList<>();
                for (Transaction tx : sent) {
                    assertEquals(account.address(), tx.from());
                    nonces.add(tx.nonce());
                }
                TreeSet<BigInteger> allocated = new TreeSet<>(nonces);
                assertEquals(nonces.size(), allocated.size(), "a nonce was used twice");
                assertEquals(BigInteger.ZERO, allocated.first());
                assertEquals(BigInteger.valueOf(ALL - 1L), allocated.last(),
                        "nonces allocated up to " + allocated.last() + ": a gap; first missing " + firstMissing(allocated));
                for (Transaction tx : sent) {
                    assertNotNull(tx.blockNumber(), "transaction " + tx.hash() + " (nonce " + tx.nonce() + ") not mined");
                }
                assertEquals(all, result(direct.eth().getTransactionCount(account.address(), BlockId.LATEST)));
                System.out.printf("[cluster-nonce] %d members x %d concurrent sends from one key, each leaving when done: %d mined,"
                                + " nonces %s..%s, no gap, no duplicate (%.1f s from the members' start)%n", MEMBERS, SENDS_PER_MEMBER,
                        sent.size(), allocated.first(), allocated.last(), seconds);
            } finally {
                senders.forEach(ChildJvm::close);
            }
        }
    }

    private static BigInteger firstMissing(TreeSet<BigInteger> nonces) {
        BigInteger n = BigInteger.ZERO;
        while (nonces.contains(n)) {
            n = n.add(BigInteger.ONE);
        }
        return n;
    }

    /** The transactions by hash, in batches of a hundred (anvil serves a batch on one core). */
    static List<Transaction> transactions(EthClient client, List<String> hashes) {
        List<Transaction> out = new ArrayList<>();
        for (int from = 0; from < hashes.size(); from += 100) {
            Batch batch = client.batch();
            List<Future<Optional<Transaction>>> got = new ArrayList<>();
            for (String hash : hashes.subList(from, Math.min(hashes.size(), from + 100))) {
                got.add(batch.add(EthCalls.getTransactionByHash(Hash.of(hash))));
            }
            result(batch.send());
            for (int i = 0; i < got.size(); i++) {
                int index = from + i;
                out.add(result(got.get(i)).orElseThrow(() -> new AssertionError("unknown transaction " + hashes.get(index))));
            }
        }
        return out;
    }
}

package io.ethbus.crawl;

import io.ethbus.devchain.DemoChainSeeder;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.Await;
import io.ethbus.testsupport.Mined;

/** A dev chain grown and branched under a following crawl: mining, a branch to orphan, the canonical hashes. */
final class GrowingChain {
    private GrowingChain() {
    }

    /** The block a branch leaves from, and the snapshot to revert to it with. */
    record Branch(String snapshot, long forkPoint) {
    }

    static void mine(RpcCaller caller, int blocks) {
        Await.result(caller.request("anvil_mine", Hex.quantity(blocks)));
    }

    /** Mines {@code blocks} one at a time, with a pause between, so that a following crawl sees the head move. */
    static void mineOneByOne(RpcCaller caller, int blocks) throws InterruptedException {
        for (int i = 0; i < blocks; i++) {
            mine(caller, 1);
            Thread.sleep(30);
        }
    }

    /** Snapshots the chain, then mines {@code blocks} blocks of one transfer each: the branch a revert orphans. */
    static Branch branchToOrphan(DevChain chain, RpcCaller caller, int blocks) {
        String snapshot = Await.result(caller.request("evm_snapshot")).asText();
        long forkPoint = head(caller);
        for (int i = 0; i < blocks; i++) {
            String tx = Await.result(caller.request("eth_sendTransaction", JsonRpcCodec.mapper().createObjectNode()
                    .put("from", chain.accounts().get(0)).put("to", chain.accounts().get(2)).put("value", "0x2"))).asText();
            Mined.receipt(caller, tx);
        }
        return new Branch(snapshot, forkPoint);
    }

    /** Seeds the demo history ({@code seeded} blocks), mines empty blocks up to {@code last}; returns the transactions on the chain. */
    static long seedUpTo(DevChain chain, RpcCaller caller, int seeded, long last) {
        long head = Await.result(new DemoChainSeeder(caller, chain.accounts()).seed(seeded, 2, 2), 60);
        Await.result(caller.request("anvil_mine", Hex.quantity(last - head)));
        long txs = 0;
        for (long n = 0; n <= last; n++) {
            txs += Await.result(caller.request("eth_getBlockByNumber", Hex.quantity(n), false)).get("transactions").size();
        }
        return txs;
    }

    static long head(RpcCaller caller) {
        return Hex.toLong(Await.result(caller.request("eth_blockNumber")).asText());
    }

    static String canonicalHash(RpcCaller caller, long n) {
        return Await.result(caller.request("eth_getBlockByNumber", Hex.quantity(n), false)).get("hash").asText();
    }
}

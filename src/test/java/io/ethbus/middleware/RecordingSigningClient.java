package io.ethbus.middleware;

import io.ethbus.client.EthClient;
import io.ethbus.crypto.Account;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.testsupport.AnvilConnection;

import java.math.BigInteger;
import java.util.List;
import java.util.Queue;

import static io.ethbus.testsupport.Await.result;

/** A client on the dev chain that signs for one account (funded here) and records every request that reaches the node. */
final class RecordingSigningClient {
    private RecordingSigningClient() {
    }

    static EthClient of(AnvilConnection connection, Account account, Queue<RpcRequest> sent) {
        EthClient client = EthClient.direct(connection.provider());
        client.middlewareOnion().add((request, next) -> {
            sent.add(request);
            return next.handle(request);
        }, "recorder");
        client.middlewareOnion().add(new SignAndSendRawMiddleware(connection.vertx(), List.of(account)), "signer");
        result(client.request("anvil_setBalance", account.address().toHex(), Hex.quantity(BigInteger.TEN.pow(21))));
        return client;
    }
}

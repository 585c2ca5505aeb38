package io.ethbus.middleware;

import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.InvalidRequestException;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;

/**
 * Checks requests before they leave and tidies results on the way back, by what
 * {@link RpcMethod} says of each method, in three parts run in this order:
 * <ol>
 *   <li>{@link RequestParamsCheck}: blocks must parse and addresses must be valid (a wrong
 *       EIP-55 checksum fails with {@code InvalidAddressException} naming it);</li>
 *   <li>{@link TransactionChainIdCheck}: a transaction's chainId, when given, must be the
 *       node's (asked once with eth_chainId and remembered), else {@link InvalidRequestException};</li>
 *   <li>{@link ResultFormatter}: quantities in compact hex, addresses in known fields in
 *       checksum form; a large result on a worker when it arrives on an event loop.</li>
 * </ol>
 * A layer of the node onion.
 */
public final class ValidationMiddleware implements Middleware {
    private final TransactionChainIdCheck chainIdCheck =
            new TransactionChainIdCheck(new NodeChainId(new LayerCalls(LayerCalls.VALIDATION)));

    @Override
    public Future<RpcResponse> handle(RpcRequest request, Next next) {
        Future<RpcRequest> checked;
        try {
            RequestParamsCheck.check(request);
            checked = chainIdCheck.check(request, next);
        } catch (EthbusException e) {
            return Future.failedFuture(e);
        }
        return checked.compose(next::handle).compose(response -> ResultFormatter.formatOffLoop(request.method(), response));
    }
}

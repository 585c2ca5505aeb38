package io.ethbus.examples;

import io.ethbus.abi.Abi;
import io.ethbus.abi.DecodedEvent;
import io.ethbus.client.EthClient;
import io.ethbus.client.SubscriptionStream;
import io.ethbus.contract.Contract;
import io.ethbus.contract.ContractRevertException;
import io.ethbus.abi.Revert;
import io.ethbus.eth.Receipt;
import io.ethbus.primitives.Address;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Deploys an ERC-20 from a compiler artifact, watches its {@code Transfer} events to a recipient,
 * sends a transfer and decodes its {@code Transfer} event from the receipt (and sees it arrive on
 * the watch), reads a balance, then shows a revert decoded into the contract's custom error. The
 * sender is an account the node signs for (an anvil dev account); with a local
 * {@code Account}, add a {@code SignAndSendRawMiddleware} to the client's onion instead.
 *
 * <pre>java io.ethbus.examples.TokenContract http://127.0.0.1:8545 TestToken.json 0xDeployer 0xRecipient</pre>
 * (the artifact as solc, Foundry or Hardhat write it: {@code {"abi":[...],"bytecode":"0x..."}};
 * the token is TestToken of src/test/resources/solidity).
 */
public final class TokenContract {
    /** A typed view of the token: checked against the ABI when {@code as} builds it. */
    public interface Erc20 {
        Future<BigInteger> balanceOf(Address owner);

        Future<Receipt> transfer(Address to, BigInteger value);
    }

    /**
     * What the example saw.
     *
     * @param token    where the token was deployed
     * @param balance  the deployer's balance after the transfer
     * @param transfer the Transfer event of the transfer's receipt
     * @param revert   why a transfer of more than the recipient holds reverted
     * @param watched  the same transfer as the live watch delivered it
     */
    public record Outcome(Address token, BigInteger balance, DecodedEvent transfer, Revert revert, DecodedEvent watched) {
    }

    private TokenContract() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: TokenContract URL ARTIFACT_JSON DEPLOYER RECIPIENT");
            System.exit(2);
        }
        Vertx vertx = Vertx.vertx();
        vertx.fileSystem().readFile(args[1])
                .compose(artifact -> run(vertx, args[0], artifact.toString(), Address.of(args[2]), Address.of(args[3])))
                .onSuccess(o -> System.out.println("token " + o.token() + ", deployer holds " + o.balance()
                        + "\n" + o.transfer().name() + " " + o.transfer().args() + "\nwatched: " + o.watched().args()
                        + "\nreverted: " + o.revert()))
                .onFailure(e -> System.err.println("failed: " + e.getMessage()))
                .eventually(vertx::close);
    }

    /** Runs the example against the node at {@code url}. */
    public static Future<Outcome> run(Vertx vertx, String url, String artifactJson, Address deployer, Address recipient) {
        HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.of(url));
        EthClient client = EthClient.direct(vertx, provider); // with vertx: it can follow heads, so watch works
        Abi abi = Abi.fromJson(artifactJson);
        BigInteger supply = BigInteger.TEN.pow(24);
        BigInteger amount = BigInteger.valueOf(1_000);
        // null creation code: the artifact's bytecode; then the constructor's arguments
        return Contract.deploy(vertx, client, abi, deployer, null, "Example Token", "EXT", supply)
                .compose(token -> {
                    Erc20 erc20 = token.as(Erc20.class);
                    // live Transfer events to the recipient (null: from anyone), from the current head on
                    Promise<DecodedEvent> watched = Promise.promise();
                    SubscriptionStream<DecodedEvent> watch = token.events().watch("Transfer", null, recipient)
                            .exceptionHandler(watched::tryFail).handler(watched::tryComplete);
                    return erc20.transfer(recipient, amount)
                            .compose(receipt -> erc20.balanceOf(deployer).compose(balance -> {
                                List<DecodedEvent> events = abi.decodeReceipt(receipt);
                                // the recipient holds `amount`: asking for more reverts with InsufficientBalance(available, required)
                                return token.from(recipient).call("transfer", deployer, amount.add(BigInteger.ONE))
                                        .<Outcome>map(unexpected -> {
                                            throw new IllegalStateException("the transfer did not revert");
                                        })
                                        .recover(e -> e instanceof ContractRevertException revert
                                                ? watched.future().timeout(30, TimeUnit.SECONDS).map(w -> new Outcome(
                                                        token.address(), balance, events.get(0), revert.revertReason(), w))
                                                : Future.failedFuture(e));
                            }))
                            .onComplete(done -> watch.close());
                })
                .eventually(provider::close);
    }
}

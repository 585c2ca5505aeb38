package io.ethbus.contract;

import io.ethbus.abi.Revert;
import io.ethbus.devchain.DevChain;
import io.ethbus.examples.TokenContract;
import io.ethbus.primitives.Address;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.SolcExtension;
import io.ethbus.testsupport.TestContracts;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The examples/ contract program deploys TestToken from its artifact, watches and transfers, and decodes the event and a revert on anvil. */
@ExtendWith({AnvilExtension.class, SolcExtension.class})
class TokenContractExampleTest {
    @Test
    void deploysTransfersAndDecodes(DevChain chain, TestContracts contracts) {
        Vertx vertx = Vertx.vertx();
        try {
            Address deployer = Address.of(chain.accounts().get(0));
            Address recipient = Address.of(chain.accounts().get(2));
            TokenContract.Outcome outcome = result(TokenContract.run(vertx, chain.httpUrl(),
                    contracts.get("TestToken").artifactJson(), deployer, recipient));

            BigInteger supply = BigInteger.TEN.pow(24);
            assertEquals(supply.subtract(BigInteger.valueOf(1_000)), outcome.balance());
            assertEquals("Transfer", outcome.transfer().name());
            assertEquals(deployer, outcome.transfer().args().getAddress("from"));
            assertEquals(recipient, outcome.transfer().args().getAddress("to"));
            assertEquals(outcome.token(), outcome.transfer().log().address());
            // the watch saw the very log the receipt holds
            assertEquals(outcome.transfer().args(), outcome.watched().args());
            assertEquals(outcome.transfer().log().transactionHash(), outcome.watched().log().transactionHash());
            assertEquals(outcome.transfer().log().logIndex(), outcome.watched().log().logIndex());
            Revert.CustomError error = assertInstanceOf(Revert.CustomError.class, outcome.revert());
            assertEquals("InsufficientBalance", error.name());
            assertEquals(BigInteger.valueOf(1_000), error.args().getBigInteger("available"));
            assertEquals(BigInteger.valueOf(1_001), error.args().getBigInteger("required"));
        } finally {
            result(vertx.close());
        }
    }
}

package io.ethbus.contract;

import io.ethbus.devchain.DevChain;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.SolcExtension;
import io.ethbus.testsupport.TestContracts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests of a class on anvil with the solc-compiled TestToken: one {@link TokenChain} for the class. */
@ExtendWith({AnvilExtension.class, SolcExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OnTokenChain {
    TokenChain chain;

    @BeforeAll
    void startChain(DevChain dev, TestContracts contracts) {
        chain = new TokenChain(dev, contracts);
    }

    @AfterAll
    void stopChain() {
        chain.close();
    }
}

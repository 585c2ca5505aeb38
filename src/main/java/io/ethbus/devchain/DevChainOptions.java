package io.ethbus.devchain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start a {@link DevChain}.
 *
 * <pre>DevChain.start(DevChainOptions.in(Path.of("target")).withBlockTime(Duration.ofSeconds(1)))</pre>
 *
 * @param workDir      where the log file and, when the path is short enough, the IPC socket go
 * @param anvil        the executable, or null to {@linkplain AnvilBinary#locate() locate} it
 * @param chainId      the chain id anvil reports
 * @param accounts     how many funded dev accounts anvil creates
 * @param blockTime    interval mining period, or null to mine one block per transaction
 * @param startTimeout how long to wait for anvil to listen and answer
 * @param hardfork     the EVM rules by hardfork name ({@code berlin}, {@code cancun}, ...), or null for anvil's latest
 */
public record DevChainOptions(Path workDir, AnvilBinary anvil, long chainId, int accounts,
                              Duration blockTime, Duration startTimeout, String hardfork) {
    /** anvil's own default chain id. */
    public static final long DEFAULT_CHAIN_ID = 31337;

    public DevChainOptions {
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId must be positive: " + chainId);
        }
        if (accounts < 0) {
            throw new IllegalArgumentException("accounts must not be negative: " + accounts);
        }
        if (blockTime != null && (blockTime.isNegative() || blockTime.isZero() || blockTime.toSeconds() * 1000 != blockTime.toMillis())) {
            // anvil takes whole seconds
            throw new IllegalArgumentException("blockTime must be a positive whole number of seconds: " + blockTime);
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive: " + startTimeout);
        }
    }

    /** Defaults: located binary, chain id 31337, 10 accounts, automine, 30 s start timeout, anvil's latest hardfork. */
    public static DevChainOptions in(Path workDir) {
        return new DevChainOptions(workDir, null, DEFAULT_CHAIN_ID, 10, null, Duration.ofSeconds(30), null);
    }

    public DevChainOptions withAnvil(AnvilBinary newAnvil) {
        return new DevChainOptions(workDir, newAnvil, chainId, accounts, blockTime, startTimeout, hardfork);
    }

    public DevChainOptions withChainId(long newChainId) {
        return new DevChainOptions(workDir, anvil, newChainId, accounts, blockTime, startTimeout, hardfork);
    }

    public DevChainOptions withAccounts(int newAccounts) {
        return new DevChainOptions(workDir, anvil, chainId, newAccounts, blockTime, startTimeout, hardfork);
    }

    public DevChainOptions withBlockTime(Duration newBlockTime) {
        return new DevChainOptions(workDir, anvil, chainId, accounts, newBlockTime, startTimeout, hardfork);
    }

    public DevChainOptions withStartTimeout(Duration newStartTimeout) {
        return new DevChainOptions(workDir, anvil, chainId, accounts, blockTime, newStartTimeout, hardfork);
    }

    /** A chain under an older hardfork's rules, such as {@code berlin} (before EIP-1559: blocks without a base fee). */
    public DevChainOptions withHardfork(String newHardfork) {
        return new DevChainOptions(workDir, anvil, chainId, accounts, blockTime, startTimeout, newHardfork);
    }
}

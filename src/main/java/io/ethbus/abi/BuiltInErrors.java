package io.ethbus.abi;

/** The two errors every Solidity contract can revert with without declaring them. */
final class BuiltInErrors {
    private static final Abi BUILT_IN = Abi.parse("error Error(string reason)", "error Panic(uint256 code)");
    /** {@code Error(string)}, selector 0x08c379a0. */
    static final AbiError ERROR = BUILT_IN.error("Error");
    /** {@code Panic(uint256)}, selector 0x4e487b71. */
    static final AbiError PANIC = BUILT_IN.error("Panic");

    private BuiltInErrors() {
    }
}

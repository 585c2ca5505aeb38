package io.ethbus.testsupport;

/** Solidity sources that solc refused (errors of severity error), with solc's formatted messages. */
public final class SolidityCompileException extends RuntimeException {
    public SolidityCompileException(String message) {
        super(message);
    }
}

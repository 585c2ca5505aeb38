package io.ethbus.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.primitives.Bytes;
import io.ethbus.rpc.JsonRpcCodec;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One contract as solc compiled it.
 *
 * @param name         the contract's name
 * @param abiJson      its JSON ABI, as solc wrote it
 * @param creationCode what a contract-creating transaction sends (before constructor arguments)
 * @param runtimeCode  the code the deployed contract holds
 */
public record CompiledContract(String name, String abiJson, Bytes creationCode, Bytes runtimeCode) {
    /** The artifact form solc, Foundry and Hardhat users hand around: {@code {"abi":[...],"bytecode":"0x.."}}. */
    public String artifactJson() {
        try {
            ObjectNode artifact = JsonRpcCodec.mapper().createObjectNode();
            artifact.set("abi", JsonRpcCodec.mapper().readTree(abiJson));
            artifact.put("bytecode", creationCode.toHex());
            return JsonRpcCodec.mapper().writeValueAsString(artifact);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ABI as a JSON tree. */
    public JsonNode abi() {
        try {
            return JsonRpcCodec.mapper().readTree(abiJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

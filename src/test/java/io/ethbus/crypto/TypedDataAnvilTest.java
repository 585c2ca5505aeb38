package io.ethbus.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.client.EthClient;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Bytes;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.testsupport.AnvilConnection;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.typeddata.MailExample;
import io.ethbus.typeddata.TypedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The dev chain is the oracle: anvil signs the same JSON with eth_signTypedData_v4 for its first
 * unlocked account, and ethbus's signature with that account's key must be identical.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TypedDataAnvilTest {
    private static final int RANDOM_DOCUMENTS = 50;

    AnvilConnection anvil;
    EthClient client;
    Account dev0;

    @BeforeAll
    void start(DevChain chain) {
        anvil = AnvilConnection.open(chain);
        client = EthClient.direct(anvil.provider());
        dev0 = Account.fromPrivateKey(TransactionAnvilTest.ANVIL_KEY_0);
        assertEquals(chain.accounts().get(0).toLowerCase(), dev0.address().toHex());
    }

    @AfterAll
    void stop() {
        anvil.close();
    }

    @Test
    void mailExample() {
        assertSameSignature(MailExample.JSON);
    }

    @Test
    void nestedStructsArraysOfStructsFixedArraysBytesAndStrings() {
        assertSameSignature("""
                {"types": {
                   "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "chainId", "type": "uint256"}],
                   "Asset": [{"name": "id", "type": "uint96"}, {"name": "tag", "type": "bytes7"}, {"name": "data", "type": "bytes"}],
                   "Holder": [{"name": "who", "type": "address"}, {"name": "assets", "type": "Asset[]"}, {"name": "pair", "type": "Asset[2]"}],
                   "Book": [{"name": "title", "type": "string"}, {"name": "holders", "type": "Holder[]"}, {"name": "grid", "type": "int16[2][]"},
                            {"name": "flags", "type": "bool[3]"}, {"name": "names", "type": "string[]"}, {"name": "top", "type": "Holder"}]},
                 "primaryType": "Book",
                 "domain": {"name": "Library", "chainId": "0x7a69"},
                 "message": {
                   "title": "caf\u00e9",
                   "holders": [{"who": "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
                                "assets": [{"id": "79228162514264337593543950335", "tag": "0x01020304050607", "data": "0x"}],
                                "pair": [{"id": 1, "tag": "0xffffffffffffff", "data": "0xdeadbeef"}, {"id": "0x2", "tag": "0x00000000000000", "data": "0x00"}]}],
                   "grid": [[-32768, 32767], ["-1", "0x10"]],
                   "flags": [true, false, true],
                   "names": ["", "b"],
                   "top": {"who": "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "assets": [],
                           "pair": [{"id": 0, "tag": "0x01010101010101", "data": "0x01"}, {"id": 0, "tag": "0x01010101010101", "data": "0x"}]}
                 }}
                """);
    }

    @Test
    void everyIntegerAndBytesWidth() {
        StringBuilder fields = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (int bits = 8; bits <= 256; bits += 8) {
            fields.append("{\"name\": \"u").append(bits).append("\", \"type\": \"uint").append(bits).append("\"},");
            fields.append("{\"name\": \"i").append(bits).append("\", \"type\": \"int").append(bits).append("\"},");
            values.append("\"u").append(bits).append("\": \"").append(java.math.BigInteger.TWO.pow(bits).subtract(java.math.BigInteger.ONE)).append("\",");
            values.append("\"i").append(bits).append("\": \"").append(java.math.BigInteger.TWO.pow(bits - 1).negate()).append("\",");
        }
        for (int n = 1; n <= 32; n++) {
            fields.append("{\"name\": \"b").append(n).append("\", \"type\": \"bytes").append(n).append("\"},");
            values.append("\"b").append(n).append("\": \"0x").append("ab".repeat(n)).append("\",");
        }
        fields.append("{\"name\": \"ok\", \"type\": \"bool\"}");
        values.append("\"ok\": false");
        assertSameSignature("{\"types\": {\"Widths\": [" + fields + "]}, \"primaryType\": \"Widths\","
                + "\"domain\": {\"chainId\": 31337}, \"message\": {" + values + "}}");
    }

    @Test
    void domainsWithASubsetOfTheirFields() {
        String[] domains = {
                "{}",
                "{\"name\": \"only a name\"}",
                "{\"version\": \"2\", \"verifyingContract\": \"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC\"}",
                "{\"chainId\": 5, \"salt\": \"0x" + "11".repeat(32) + "\"}",
                "{\"name\": \"n\", \"version\": \"1\", \"chainId\": 1, \"verifyingContract\": \"0x0000000000000000000000000000000000000001\", \"salt\": \"0x" + "ee".repeat(32) + "\"}",
        };
        for (String domain : domains) {
            assertSameSignature("{\"types\": {\"Msg\": [{\"name\": \"v\", \"type\": \"uint256\"}]}, \"primaryType\": \"Msg\","
                    + "\"domain\": " + domain + ", \"message\": {\"v\": 7}}");
        }
    }

    @Test
    void seededRandomDocuments() {
        for (long seed = 1; seed <= RANDOM_DOCUMENTS; seed++) {
            JsonNode doc = RandomTypedData.document(seed);
            assertSameSignature(doc.toString(), "seed " + seed);
        }
    }

    private void assertSameSignature(String json) {
        assertSameSignature(json, json);
    }

    private void assertSameSignature(String json, String label) {
        JsonNode typedData = readTree(json);
        String theirs = result(client.request("eth_signTypedData_v4", dev0.address().toHex(), typedData)).textValue();
        Signature ours = dev0.signTypedData(json);
        assertEquals(Bytes.of(theirs), ours.toBytes(), label);
        assertEquals(dev0.address(), TypedDataSigner.recover(TypedData.fromJson(json), Signature.fromBytes(Bytes.of(theirs).value())), label);
    }

    private static JsonNode readTree(String json) {
        try {
            return JsonRpcCodec.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

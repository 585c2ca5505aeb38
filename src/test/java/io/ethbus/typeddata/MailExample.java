package io.ethbus.typeddata;

import io.ethbus.primitives.Address;

import java.math.BigInteger;
import java.util.Map;

/** The Mail example of EIP-712 (domain "Ether Mail", Cow writes to Bob), as JSON and as Java. */
public final class MailExample {
    /** The example as eth_signTypedData_v4 takes it. */
    public static final String JSON = """
            {
              "types": {
                "EIP712Domain": [
                  {"name": "name", "type": "string"},
                  {"name": "version", "type": "string"},
                  {"name": "chainId", "type": "uint256"},
                  {"name": "verifyingContract", "type": "address"}
                ],
                "Person": [
                  {"name": "name", "type": "string"},
                  {"name": "wallet", "type": "address"}
                ],
                "Mail": [
                  {"name": "from", "type": "Person"},
                  {"name": "to", "type": "Person"},
                  {"name": "contents", "type": "string"}
                ]
              },
              "primaryType": "Mail",
              "domain": {
                "name": "Ether Mail",
                "version": "1",
                "chainId": 1,
                "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"
              },
              "message": {
                "from": {"name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},
                "to": {"name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},
                "contents": "Hello, Bob!"
              }
            }
            """;

    private MailExample() {
    }

    /** The same document from its Java parts. */
    public static TypedData built() {
        return TypedData.builder()
                .type("Person", "string name", "address wallet")
                .type("Mail", "Person from", "Person to", "string contents")
                .domain(new TypedDataDomain("Ether Mail", "1", BigInteger.ONE,
                        Address.of("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"), null))
                .primaryType("Mail")
                .message(Map.of(
                        "from", Map.of("name", "Cow", "wallet", Address.of("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826")),
                        "to", Map.of("name", "Bob", "wallet", "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"),
                        "contents", "Hello, Bob!"))
                .build();
    }
}

package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.eth.AccessListItem;
import io.ethbus.eth.Authorization;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hex;
import io.ethbus.eth.TransactionRequest;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Reads the transaction object of eth_sendTransaction; bad fields fail with the typed hex or address error. */
final class SendTransactionParam {
    private SendTransactionParam() {
    }

    static TransactionRequest read(JsonNode o) {
        TransactionRequest.Builder b = TransactionRequest.builder()
                .from(address(o, "from")).to(address(o, "to"))
                .gas(quantity(o, "gas")).gasPrice(quantity(o, "gasPrice"))
                .maxFeePerGas(quantity(o, "maxFeePerGas")).maxPriorityFeePerGas(quantity(o, "maxPriorityFeePerGas"))
                .value(quantity(o, "value")).nonce(quantity(o, "nonce")).chainId(quantity(o, "chainId"));
        String input = text(o, "input") != null ? text(o, "input") : text(o, "data");
        if (input != null) {
            b.input(Bytes.of(input));
        }
        BigInteger type = quantity(o, "type");
        if (type != null) {
            b.type(type.bitLength() < 31 ? type.intValue() : Integer.MAX_VALUE);
        }
        JsonNode list = o.get("accessList");
        if (list != null && list.isArray()) {
            List<AccessListItem> items = new ArrayList<>();
            list.forEach(item -> items.add(AccessListItem.fromJson(item)));
            b.accessList(items);
        }
        JsonNode authorizations = o.get("authorizationList");
        if (authorizations != null && authorizations.isArray()) {
            List<Authorization> items = new ArrayList<>();
            // Any field may be absent: an entry without a signature is the sender's, to be signed here.
            authorizations.forEach(a -> {
                BigInteger yParity = quantity(a, "yParity");
                items.add(new Authorization(quantity(a, "chainId"), address(a, "address"), quantity(a, "nonce"),
                        yParity == null ? null : yParity.bitLength() < 31 ? yParity.intValue() : Integer.MAX_VALUE, quantity(a, "r"), quantity(a, "s")));
            });
            b.authorizationList(items);
        }
        JsonNode blobs = o.get("blobs");
        if (blobs != null && blobs.isArray()) {
            List<Bytes> items = new ArrayList<>(blobs.size());
            blobs.forEach(blob -> items.add(Bytes.of(blob.asText())));
            b.blobs(items);
        }
        b.maxFeePerBlobGas(quantity(o, "maxFeePerBlobGas"));
        return b.build();
    }

    private static String text(JsonNode o, String name) {
        JsonNode v = o.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Address address(JsonNode o, String name) {
        String v = text(o, name);
        return v == null ? null : Address.of(v);
    }

    private static BigInteger quantity(JsonNode o, String name) {
        String v = text(o, name);
        return v == null ? null : Hex.toBigInteger(v);
    }
}

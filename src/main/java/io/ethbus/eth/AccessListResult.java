package io.ethbus.eth;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.util.List;

/** The answer of eth_createAccessList: the list, the gas it would use, and the node's error if execution failed. */
public record AccessListResult(List<AccessListItem> accessList, BigInteger gasUsed, String error) {
    public AccessListResult {
        accessList = List.copyOf(accessList);
    }

    static AccessListResult fromJson(JsonNode node) {
        List<AccessListItem> items = ResultDecoders.list(AccessListItem::fromJson).apply(node.path("accessList"));
        BigInteger gas = ResultDecoders.quantity(node.path("gasUsed"));
        JsonNode error = node.get("error");
        return new AccessListResult(items, gas, error == null || error.isNull() ? null : error.asText());
    }
}

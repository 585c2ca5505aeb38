package io.ethbus.heads;

import io.ethbus.abi.DecodedEvent;
import io.ethbus.eth.Log;
import io.vertx.core.json.JsonObject;

/**
 * The JSON form of a decoded event as published on {@code ethbus.events.<endpoint>.<name>},
 * plain JSON that a consumer in any Vert.x language reads without ABI code:
 * <pre>
 * {"event":"Transfer","signature":"Transfer(address,address,uint256)",
 *  "args":{"from":"0xf39F..","to":"0x7099..","value":"1000"},
 *  "address":"0x5FbD..","blockNumber":12,"blockHash":"0x..","transactionHash":"0x..",
 *  "transactionIndex":0,"logIndex":0,"removed":false}
 * </pre>
 * {@code args} is {@link io.ethbus.abi.AbiValues#toJson()}: numbers as decimal strings, bytes
 * and hashes as 0x hex, addresses checksummed; an indexed string, bytes, array or tuple is the
 * hash its topic holds. Positions are JSON numbers, absent for a pending log; {@code removed}
 * is true when a reorg took the log back.
 */
public final class DecodedEventJson {
    private DecodedEventJson() {
    }

    /** The event's JSON, as above. */
    public static JsonObject encode(DecodedEvent event) {
        Log log = event.log();
        JsonObject json = new JsonObject().put("event", event.name()).put("signature", event.signature())
                .put("args", event.args().toJson()).put("address", log.address().toChecksumHex());
        if (log.blockNumber() != null) {
            json.put("blockNumber", log.blockNumber());
        }
        if (log.blockHash() != null) {
            json.put("blockHash", log.blockHash().toHex());
        }
        if (log.transactionHash() != null) {
            json.put("transactionHash", log.transactionHash().toHex());
        }
        if (log.transactionIndex() != null) {
            json.put("transactionIndex", log.transactionIndex());
        }
        if (log.logIndex() != null) {
            json.put("logIndex", log.logIndex());
        }
        return json.put("removed", log.removed());
    }
}

package io.ethbus.abi;

import java.util.List;
import java.util.StringJoiner;

/** How parameter lists print in messages and {@code toString}: {@code (address to, uint256 amount)}. */
final class Signatures {
    private Signatures() {
    }

    static String params(List<AbiParam> params) {
        StringJoiner out = new StringJoiner(", ", "(", ")");
        for (AbiParam p : params) {
            out.add(p.toString());
        }
        return out.toString();
    }
}

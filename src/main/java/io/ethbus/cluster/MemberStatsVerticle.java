package io.ethbus.cluster;

import io.ethbus.bus.RpcAddresses;
import io.ethbus.bus.ServedRequests;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Answers on {@code ethbus.stats.<member id>} with what this member's node verticles have
 * served: {@code {"member": id, "served": {"<endpoint>": n, ...}}} for the endpoints of its
 * configuration. One instance per member; any member may ask (see {@link MemberStats}).
 */
public final class MemberStatsVerticle extends VerticleBase {
    private final String memberId;

    public MemberStatsVerticle(String memberId) {
        this.memberId = Objects.requireNonNull(memberId, "memberId");
    }

    /** The stats address of one member. */
    public static String address(String memberId) {
        return RpcAddresses.PREFIX + "stats." + memberId;
    }

    @Override
    public Future<?> start() {
        List<String> endpoints = List.copyOf(config().getJsonObject("endpoints", new JsonObject()).fieldNames());
        return vertx.eventBus().<Object>consumer(address(memberId), message -> {
            List<Future<Long>> counts = new ArrayList<>();
            endpoints.forEach(e -> counts.add(ServedRequests.count(vertx, e)));
            Future.all(counts).onComplete(ar -> {
                if (ar.failed()) {
                    message.fail(500, String.valueOf(ar.cause().getMessage()));
                    return;
                }
                JsonObject served = new JsonObject();
                for (int i = 0; i < endpoints.size(); i++) {
                    served.put(endpoints.get(i), counts.get(i).result());
                }
                message.reply(new JsonObject().put("member", memberId).put("served", served));
            });
        }).completion();
    }
}

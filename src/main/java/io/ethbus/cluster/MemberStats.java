package io.ethbus.cluster;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Asks every member of the cluster how many requests its node verticles served. */
public final class MemberStats {
    private MemberStats() {
    }

    /**
     * Requests served for {@code endpoint}, by member id; members that serve nothing (a
     * client-only member has no stats consumer) are left out.
     */
    public static Future<Map<String, Long>> served(ClusterMember member, String endpoint) {
        List<String> ids = member.memberIds();
        List<Future<JsonObject>> answers = new ArrayList<>();
        DeliveryOptions options = new DeliveryOptions().setSendTimeout(5_000);
        for (String id : ids) {
            answers.add(member.vertx().eventBus().<JsonObject>request(MemberStatsVerticle.address(id), new JsonObject(), options)
                    .map(Message::body)
                    .recover(e -> e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS
                            ? Future.succeededFuture(null) : Future.failedFuture(e)));
        }
        return Future.all(answers).map(all -> {
            Map<String, Long> out = new LinkedHashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                JsonObject answer = answers.get(i).result();
                if (answer != null) {
                    out.put(ids.get(i), answer.getJsonObject("served").getLong(endpoint, 0L));
                }
            }
            return out;
        });
    }
}

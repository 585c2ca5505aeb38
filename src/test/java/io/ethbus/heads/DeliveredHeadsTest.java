package io.ethbus.heads;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which head-stream events a consumer gets, when a takeover publishes some of them twice. */
class DeliveredHeadsTest {
    final DeliveredHeads delivered = new DeliveredHeads(256);

    @Test
    void aHeadPublishedAgainByTheNewHolderIsDroppedAndTheNextOneDelivered() {
        assertEquals(List.of(true, true, true), firstTimes(head(1, "a1"), head(2, "a2"), head(3, "a3")));
        assertEquals(List.of(false, false, true), firstTimes(head(3, "a3"), head(2, "a2"), head(4, "a4")));
    }

    @Test
    void aReorgAndItsHeadsAreDeliveredOnceAndTheirRepeatsDropped() {
        firstTimes(head(1, "a1"), head(2, "a2"), head(3, "a3"));
        JsonObject reorg = reorg(List.of(ref(2, "a2"), ref(3, "a3")), List.of(ref(2, "b2"), ref(3, "b3")));
        assertEquals(List.of(true, true, true), firstTimes(reorg, head(2, "b2"), head(3, "b3")));
        assertEquals(List.of(false, false, false, true), firstTimes(reorg, head(2, "b2"), head(3, "b3"), head(4, "b4")));
    }

    @Test
    void theNewHoldersReorgThatAlsoAddsANewerBlockIsDroppedAndTheNewerHeadDelivered() {
        firstTimes(head(1, "a1"), head(2, "a2"), head(3, "a3"));
        assertEquals(List.of(true, true), firstTimes(reorg(List.of(ref(3, "a3")), List.of(ref(3, "b3"))), head(3, "b3")));
        // the holder died; the new one last saw a3 and finds the switch to b again, one block further
        JsonObject again = reorg(List.of(ref(3, "a3")), List.of(ref(3, "b3"), ref(4, "b4")));
        assertEquals(List.of(false, false, true), firstTimes(again, head(3, "b3"), head(4, "b4")));
    }

    @Test
    void aReorgOfBlocksThisConsumerNeverHadIsDroppedButOneBelowWhatItRemembersIsDelivered() {
        firstTimes(head(5, "a5"), head(6, "a6"));
        assertEquals(List.of(false, true), firstTimes(reorg(List.of(ref(7, "a7")), List.of(ref(7, "b7"))), head(7, "b7")));
        assertEquals(true, delivered.firstTime(reorg(List.of(ref(4, "a4")), List.of(ref(4, "c4")))));
        assertEquals(true, new DeliveredHeads(8).firstTime(reorg(List.of(ref(4, "a4")), List.of(ref(4, "c4")))),
                "a consumer that has no head yet");
    }

    @Test
    void aBranchThatComesBackIsDeliveredAgain() {
        firstTimes(head(1, "a1"), head(2, "a2"));
        firstTimes(reorg(List.of(ref(2, "a2")), List.of(ref(2, "b2"))), head(2, "b2"), head(3, "b3"));
        JsonObject back = reorg(List.of(ref(2, "b2"), ref(3, "b3")), List.of(ref(2, "a2"), ref(3, "a3")));
        assertEquals(List.of(true, true, true), firstTimes(back, head(2, "a2"), head(3, "a3")));
    }

    @Test
    void aHeadBelowTheLastOneWithAnotherHashReplacesTheBlocksAboveIt() {
        firstTimes(head(1, "a1"), head(2, "a2"), head(3, "a3"));
        assertEquals(List.of(true, true), firstTimes(head(2, "c2"), head(3, "a3")));
    }

    @Test
    void afterAReorgTooDeepTheStreamStartsAfresh() {
        firstTimes(head(1, "a1"), head(2, "a2"));
        JsonObject tooDeep = new JsonObject().put("type", "reorgTooDeep").put("maxDepth", 64).put("number", 2).put("hash", "a2");
        assertEquals(List.of(true, true), firstTimes(tooDeep, head(2, "a2")));
    }

    @Test
    void onlyTheLastDepthNumbersAreRemembered() {
        DeliveredHeads shallow = new DeliveredHeads(2);
        for (int n = 1; n <= 3; n++) {
            shallow.firstTime(head(n, "a" + n));
        }
        assertEquals(true, shallow.firstTime(head(1, "a1")), "block 1 was forgotten");
        assertEquals(false, shallow.firstTime(head(1, "a1")));
    }

    List<Boolean> firstTimes(JsonObject... events) {
        return Stream.of(events).map(delivered::firstTime).toList();
    }

    static JsonObject head(long number, String hash) {
        return ref(number, hash).put("type", "head").put("parentHash", "p" + number).put("timestamp", number);
    }

    static JsonObject reorg(List<JsonObject> removed, List<JsonObject> added) {
        return new JsonObject().put("type", "reorg").put("removed", new JsonArray(removed)).put("added", new JsonArray(added));
    }

    static JsonObject ref(long number, String hash) {
        return new JsonObject().put("number", number).put("hash", hash);
    }
}

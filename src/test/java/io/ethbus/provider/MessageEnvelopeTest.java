package io.ethbus.provider;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Routing facts read from a message's top level without a tree. */
class MessageEnvelopeTest {
    private static MessageEnvelope of(String json) throws IOException {
        return MessageEnvelope.of(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAnswerIsRoutedByItsIdWhereverTheIdStands() throws IOException {
        assertEquals(new MessageEnvelope(false, 7, false),
                of("{\"jsonrpc\":\"2.0\",\"result\":{\"logs\":[{\"id\":99}],\"id\":98},\"id\":7}"));
        assertEquals(new MessageEnvelope(false, 8, false), of("{\"id\":\"8\",\"error\":{\"code\":-32000,\"message\":\"x\"}}"));
    }

    @Test
    void aBatchIsRoutedByItsFirstAnswer() throws IOException {
        assertEquals(new MessageEnvelope(true, 3, false), of("[{\"id\":3,\"result\":\"0x1\"},{\"id\":4,\"result\":null}]"));
        assertEquals(new MessageEnvelope(true, MessageEnvelope.NO_ID, false), of("[]"));
    }

    @Test
    void aNotificationIsNamedByItsMethod() throws IOException {
        assertEquals(new MessageEnvelope(false, MessageEnvelope.NO_ID, true),
                of("{\"jsonrpc\":\"2.0\",\"method\":\"eth_subscription\",\"params\":{\"subscription\":\"0x1\",\"result\":{}}}"));
    }

    @Test
    void aMessageWithoutIdOrWithAFractionalIdHasNoId() throws IOException {
        assertEquals(MessageEnvelope.NO_ID, of("{\"result\":1}").id());
        assertEquals(MessageEnvelope.NO_ID, of("{\"id\":\"abc\",\"result\":1}").id());
        assertEquals(MessageEnvelope.NO_ID, of("{\"id\":1.5,\"result\":1}").id());
    }

    @Test
    void somethingThatIsNoJsonRpcMessageIsRefused() {
        assertThrows(IOException.class, () -> of("\"just a string\""));
        assertThrows(IOException.class, () -> of("[1,2]"));
        assertThrows(IOException.class, () -> of("{\"id\":1,"));
        assertThrows(IOException.class, () -> of("<html>"));
    }

    @Test
    void theFirstBytesOfAnAnswerTooLargeToKeepTellWhatTheyHold() {
        assertEquals(new MessageEnvelope(false, 7, false), prefix("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":\"0xabab"));
        assertEquals(new MessageEnvelope(true, 3, false), prefix("[{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"logs\":[{"));
        assertEquals(new MessageEnvelope(false, MessageEnvelope.NO_ID, true),
                prefix("{\"jsonrpc\":\"2.0\",\"method\":\"eth_subscription\",\"params\":{\"result\":\"0x"));
        assertEquals(MessageEnvelope.NO_ID, prefix("{\"jsonrpc\":\"2.0\",\"result\":\"0xabab").id(), "the id comes later");
        assertEquals(MessageEnvelope.NO_ID, prefix("<html>").id());
    }

    private static MessageEnvelope prefix(String json) {
        return MessageEnvelope.ofPrefix(json.getBytes(StandardCharsets.UTF_8));
    }
}

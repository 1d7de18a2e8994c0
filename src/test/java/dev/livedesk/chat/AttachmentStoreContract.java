package dev.livedesk.chat;

import dev.livedesk.Clocks;
import dev.livedesk.error.DeskException;
import dev.livedesk.event.EventDraft;
import dev.livedesk.event.EventTypes;
import dev.livedesk.store.Stores;
import dev.livedesk.store.StoresFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link AttachmentStore} promises, with the claim a message makes, run against each implementation. */
public abstract class AttachmentStoreContract extends StoresFixture {

    protected AttachmentStoreContract(Storage storage) {
        super(storage);
    }

    private static final byte[] BYTES = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xFF, 1, 2, 3};

    private static Attachment saved(Stores stores, String id, String conversationId, Instant at) {
        Attachment attachment = new Attachment(id, conversationId, "photo \\u0000.png", "image/png", BYTES.length,
                at, null);
        stores.attachments().save(attachment, BYTES);
        return attachment;
    }

    private static MessageAppend carrying(Stores stores, String conversationId, Attachment... attachments) {
        Message message = new Message("m-" + System.nanoTime(), conversationId, Sender.customer("cust", "Ann"), "",
                Clocks.system().instant(), null, List.of(attachments).stream().map(Attachment::ref).toList());
        return stores.conversations().appendMessage(message, new EventDraft(EventTypes.MESSAGE, conversationId, "{}"));
    }

    @Test
    void aSavedFileReadsBackByteForByteAnywhere() {
        Stores stores = stores();
        conversation(stores, "c1");
        Attachment attachment = saved(stores, "a1", "c1", Clocks.system().instant());
        Stores other = elsewhere(stores);
        assertThat(other.attachments().find("a1")).contains(attachment);
        assertThat(other.attachments().content("a1")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(BYTES));
        assertThat(other.attachments().find("a2")).isEmpty();
        assertThat(other.attachments().content("a2")).isEmpty();
    }

    @Test
    void aMessageClaimsItsAttachmentsOnceAndCarriesThem() {
        Stores stores = stores();
        conversation(stores, "c1");
        Attachment one = saved(stores, "a1", "c1", Clocks.system().instant());
        Attachment two = saved(stores, "a2", "c1", Clocks.system().instant());
        MessageAppend sent = carrying(stores, "c1", one, two);
        assertThat(elsewhere(stores).conversations().messages("c1", 0, 10)).singleElement()
                .satisfies(entry -> assertThat(entry.message().attachments()).containsExactly(one.ref(), two.ref()));
        assertThat(stores.attachments().find("a1").orElseThrow().messageId()).isEqualTo(sent.entry().message().id());
        long last = stores.events().lastEventId();
        assertThatThrownBy(() -> carrying(stores, "c1", one)).isInstanceOfSatisfying(DeskException.class,
                e -> assertThat(e.code()).isEqualTo("invalid-attachments"));
        assertThat(stores.events().lastEventId()).isEqualTo(last);
        assertThat(stores.conversations().messages("c1", 0, 10)).hasSize(1);
    }

    @Test
    void aMessageCannotCarryAnotherConversationsOrAnUnknownAttachment() {
        Stores stores = stores();
        conversation(stores, "c1");
        conversation(stores, "c2");
        Attachment elsewhere = saved(stores, "a1", "c2", Clocks.system().instant());
        Attachment unknown = new Attachment("nope", "c1", "x.png", "image/png", 1, Clocks.system().instant(), null);
        for (Attachment wrong : List.of(elsewhere, unknown)) {
            assertThatThrownBy(() -> carrying(stores, "c1", wrong)).isInstanceOf(DeskException.class);
        }
        assertThat(stores.conversations().messages("c1", 0, 10)).isEmpty();
        assertThat(stores.attachments().find("a1").orElseThrow().messageId()).isNull();
    }

    @Test
    void onlyOldAttachmentsNoMessageCarriesAreDeleted() {
        Stores stores = stores();
        conversation(stores, "c1");
        Instant now = Clocks.system().instant();
        saved(stores, "old-unused", "c1", now.minusSeconds(7200));
        Attachment oldUsed = saved(stores, "old-used", "c1", now.minusSeconds(7200));
        saved(stores, "new-unused", "c1", now);
        carrying(stores, "c1", oldUsed);
        assertThat(stores.attachments().deleteUnusedBefore(now.minusSeconds(3600))).isEqualTo(1);
        assertThat(stores.attachments().find("old-unused")).isEmpty();
        assertThat(stores.attachments().content("old-unused")).isEmpty();
        assertThat(stores.attachments().find("old-used")).isPresent();
        assertThat(stores.attachments().find("new-unused")).isPresent();
    }
}

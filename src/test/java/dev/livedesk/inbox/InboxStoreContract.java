package dev.livedesk.inbox;

import dev.livedesk.store.Stores;
import dev.livedesk.store.StoresFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link InboxStore} promises, run against each implementation. */
public abstract class InboxStoreContract extends StoresFixture {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00.000001Z");

    protected InboxStoreContract(Storage storage) {
        super(storage);
    }

    private static Inbox inbox(String id, String token, int second) {
        return new Inbox(id, "Shop " + id + " \\ \u0000", token, "secret-" + id,
                List.of("https://shop.example", "http://localhost:8081"), true,
                Map.of("en", "Hello from " + id, "zh", "您好"), "#1d4ed8", T0.plusSeconds(second));
    }

    @Test
    void anInboxReadsBackAsStoredByIdAndByWebsiteTokenFromAnotherProcess() {
        Stores stores = stores();
        Inbox shop = inbox("shop", "token-shop", 0);
        stores.inboxes().create(shop);

        InboxStore other = elsewhere(stores).inboxes();
        assertThat(other.inbox("shop")).contains(shop);
        assertThat(other.byWebsiteToken("token-shop")).contains(shop);
        assertThat(other.inbox("nope")).isEmpty();
        assertThat(other.byWebsiteToken("nope")).isEmpty();
    }

    @Test
    void anInboxWithoutGreetingColorOrOriginsReadsBackSo() {
        Stores stores = stores();
        Inbox plain = new Inbox("plain", "Plain", "token-plain", "s", List.of(), false, Map.of(), null, T0);
        stores.inboxes().create(plain);

        assertThat(elsewhere(stores).inboxes().inbox("plain")).contains(plain);
    }

    @Test
    void inboxesAreListedOldestFirst() {
        Stores stores = stores();
        stores.inboxes().create(inbox("b", "token-b", 2));
        stores.inboxes().create(inbox("a", "token-a", 1));
        stores.inboxes().create(inbox("c", "token-c", 3));

        assertThat(elsewhere(stores).inboxes().inboxes()).extracting(Inbox::id).containsExactly("a", "b", "c");
    }

    @Test
    void aTakenIdOrWebsiteTokenIsRefusedAndNothingIsStored() {
        Stores stores = stores();
        stores.inboxes().create(inbox("shop", "token-shop", 0));

        assertThatThrownBy(() -> stores.inboxes().create(inbox("shop", "token-other", 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stores.inboxes().create(inbox("other", "token-shop", 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(stores.inboxes().inboxes()).extracting(Inbox::id).containsExactly("shop");
    }

    @Test
    void anUpdateReplacesTheWholeInboxAndCannotTakeAnotherInboxsToken() {
        Stores stores = stores();
        stores.inboxes().create(inbox("shop", "token-shop", 0));
        stores.inboxes().create(inbox("blog", "token-blog", 1));
        Inbox renamed = new Inbox("shop", "Renamed", "token-shop", "secret-shop", List.of("https://new.example"),
                false, Map.of("en", "Hi"), null, T0);

        assertThat(stores.inboxes().update(renamed)).contains(renamed);
        assertThat(elsewhere(stores).inboxes().inbox("shop")).contains(renamed);
        assertThatThrownBy(() -> stores.inboxes().update(inbox("shop", "token-blog", 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(stores.inboxes().inbox("shop")).contains(renamed);
    }

    @Test
    void updatingAnUnknownInboxStoresNothing() {
        Stores stores = stores();

        assertThat(stores.inboxes().update(inbox("ghost", "token-ghost", 0))).isEmpty();
        assertThat(stores.inboxes().inboxes()).isEmpty();
    }

    @Test
    void membersAreReplacedAsASetAndAnAgentsInboxesFollow() {
        Stores stores = stores();
        stores.inboxes().create(inbox("shop", "token-shop", 0));
        stores.inboxes().create(inbox("blog", "token-blog", 1));
        stores.inboxes().setMembers("shop", Set.of("alice", "bob"));
        stores.inboxes().setMembers("blog", Set.of("bob"));

        InboxStore other = elsewhere(stores).inboxes();
        assertThat(other.members("shop")).containsExactlyInAnyOrder("alice", "bob");
        assertThat(other.inboxesOf("bob")).containsExactlyInAnyOrder("shop", "blog");

        stores.inboxes().setMembers("shop", Set.of("carol"));

        assertThat(other.members("shop")).containsExactly("carol");
        assertThat(other.inboxesOf("bob")).containsExactly("blog");
        assertThat(other.inboxesOf("alice")).isEmpty();
        assertThat(other.members("unknown")).isEmpty();
    }

    @Test
    void membersOfAnUnknownInboxAreRefused() {
        Stores stores = stores();

        assertThatThrownBy(() -> stores.inboxes().setMembers("ghost", Set.of("alice")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

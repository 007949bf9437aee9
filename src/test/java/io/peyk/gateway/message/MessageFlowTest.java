package io.peyk.gateway.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.peyk.gateway.GatewayTestTexts;
import io.peyk.gateway.partner.Partner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Accept → dispatch → submit → receipts → DELIVERED, through real PostgreSQL and the SMSC simulator. */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class MessageFlowTest {

    @Inject
    MessageValidator validator;
    @Inject
    MessageService service;
    @Inject
    MessageQueries queries;
    @Inject
    Pool pool;

    @Test
    void aPersianLongMessageIsAcceptedSubmittedInThreePartsAndDelivered() {
        Partner partner = TestPartners.create(pool, "http://127.0.0.1:9/hook");
        ValidMessage valid = validator.validate(partner,
                new SendMessageRequest("+989121234567", "3000", GatewayTestTexts.PERSIAN_200, "ref-1", null, null), "");
        MessageAccepted accepted = service.accept(partner, valid, Optional.empty()).await().atMost(Duration.ofSeconds(5));

        assertThat(accepted.encoding()).isEqualTo("UCS2");
        assertThat(accepted.segments()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(accepted) == MessageStatus.DELIVERED);

        MessageView view = queries.find(partner.id(), accepted.id()).await().atMost(Duration.ofSeconds(5)).orElseThrow();
        assertThat(view.parts()).hasSize(3).allSatisfy(p -> {
            assertThat(p.state()).isEqualTo("DELIVERED");
            assertThat(p.smscMessageId()).isNotBlank();
        });
        assertThat(view.transitions()).extracting(MessageView.Transition::status).containsExactly(MessageStatus.ACCEPTED,
                MessageStatus.SUBMITTED, MessageStatus.DELIVERED);
        assertThat(count("SELECT count(*) FROM outbox WHERE record_key = $1", accepted.id().toString())).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM webhook_delivery WHERE message_id = $1::uuid", accepted.id().toString()))
                .isEqualTo(3);
    }

    @Test
    void anotherPartnerDoesNotSeeTheMessage() {
        Partner a = TestPartners.create(pool, null);
        Partner b = TestPartners.create(pool, null);
        ValidMessage valid = validator.validate(a, new SendMessageRequest("+989121234567", "Peyk", "hi", null, null, null),
                "");
        MessageAccepted accepted = service.accept(a, valid, Optional.empty()).await().atMost(Duration.ofSeconds(5));

        assertThat(queries.find(b.id(), accepted.id()).await().atMost(Duration.ofSeconds(5))).isEmpty();
        assertThat(queries.find(a.id(), accepted.id()).await().atMost(Duration.ofSeconds(5))).isPresent();
    }

    @Test
    void theSameIdempotencyKeyAndBodyGivesTheSameAnswer_anotherBodyIsRefused() {
        Partner partner = TestPartners.create(pool, null);
        ValidMessage valid = validator.validate(partner,
                new SendMessageRequest("+989121234567", "Peyk", "once", null, null, null), "");
        MessageAccepted first = service.accept(partner, valid, Optional.of("k-1")).await().atMost(Duration.ofSeconds(5));
        MessageAccepted again = service.accept(partner, valid, Optional.of("k-1")).await().atMost(Duration.ofSeconds(5));

        assertThat(again.id()).isEqualTo(first.id());
        ValidMessage other = validator.validate(partner,
                new SendMessageRequest("+989121234567", "Peyk", "twice", null, null, null), "");
        org.assertj.core.api.Assertions
                .assertThatThrownBy(() -> service.accept(partner, other, Optional.of("k-1")).await()
                        .atMost(Duration.ofSeconds(5)))
                .isInstanceOf(io.peyk.gateway.api.ProblemException.class).hasMessageContaining("different request body");
        assertThat(count("SELECT count(*) FROM message WHERE partner_id = $1::uuid", partner.id().toString())).isEqualTo(1);
    }

    private MessageStatus status(MessageAccepted accepted) {
        Row row = pool.preparedQuery("SELECT status FROM message WHERE id = $1").execute(Tuple.of(accepted.id())).await()
                .atMost(Duration.ofSeconds(5)).iterator().next();
        return MessageStatus.valueOf(row.getString(0));
    }

    private long count(String sql, String param) {
        List<Row> rows = new java.util.ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(param)).await().atMost(Duration.ofSeconds(5)).forEach(rows::add);
        return rows.get(0).getLong(0);
    }
}

package io.peyk.gateway.billing;

import static io.peyk.gateway.billing.BillingApi.event;
import static io.peyk.gateway.billing.BillingApi.finance;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.peyk.gateway.message.ApiPartner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Billing end to end through the real topic and PostgreSQL: usage events rated by a graduated tariff (tier edges,
 * rounding once per line, the rounding account), a month edge in Asia/Tehran, a duplicate; the statement in JSON, CSV
 * and PDF for finance and for the partner; period close; late usage as an adjustment of the next open period with the
 * closed statement unchanged; a tariff correction rerating only the difference; reconciliation; settlement.
 */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class BillingFlowTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static Map<String, Object> tariff(String effectiveFrom, String smsTier1Price) {
        return Map.of("effectiveFrom", effectiveFrom, "currency", "IRR", "revenueSharePercent", 30, "note", "contract",
                "prices", Map.of(
                        "sms.segment", List.of(Map.of("upTo", 10, "unitPrice", 100), Map.of("unitPrice",
                                new java.math.BigDecimal(smsTier1Price))),
                        "ott.message", List.of(Map.of("unitPrice", new java.math.BigDecimal("0.5"))),
                        "data.revenue", List.of(Map.of("unitPrice", 2000))));
    }

    private static Map<String, String> line(JsonPath s, String kind, String meter, int version, int tier) {
        List<Map<String, Object>> lines = s.getList("lines");
        return lines.stream().filter(l -> kind.equals(l.get("kind")) && meter.equals(l.get("meter"))
                && version == (Integer) l.get("tariffVersion") && tier == (Integer) l.get("tier"))
                .map(l -> Map.of("quantity", String.valueOf(l.get("quantity")), "amount", String.valueOf(l.get("amount")),
                        "partnerShare", String.valueOf(l.get("partnerShare"))))
                .findFirst().orElse(Map.of());
    }

    @Test
    void usageIsRatedPostedStatedClosedAdjustedReratedAndReconciled() {
        ApiPartner partner = ApiPartner.create(100, null);
        String p = partner.id();
        String key = BillingApi.financeKey("finance-" + p.substring(0, 8));
        BillingApi.addTariff(p, tariff("2026-08-01T00:00:00+03:30", "50.5"));

        // September 2026 in Asia/Tehran is [2026-08-31T20:30Z, 2026-09-30T20:30Z).
        BillingApi.send(bootstrap, List.of(
                event(p + "-s1", p, "sms.segment", "segment", "4", "2026-09-10T10:00:00Z"),
                event(p + "-s2", p, "sms.segment", "segment", "4", "2026-09-10T10:20:00Z"),
                event(p + "-s3", p, "sms.segment", "segment", "4", "2026-09-11T10:00:00Z"),
                event(p + "-s2", p, "sms.segment", "segment", "4", "2026-09-10T10:20:00Z"), // duplicate
                event(p + "-edge-in", p, "sms.segment", "segment", "1", "2026-08-31T20:30:00Z"),
                event(p + "-edge-out", p, "sms.segment", "segment", "1", "2026-08-31T20:29:59Z"),
                event(p + "-o1", p, "ott.message", "message", "1", "2026-09-12T08:00:00Z"),
                event(p + "-o2", p, "ott.message", "message", "1", "2026-09-12T08:00:01Z"),
                event(p + "-o3", p, "ott.message", "message", "1", "2026-09-12T09:00:00Z"),
                event(p + "-d1", p, "data.revenue", "MB", "1.5", "2026-09-13T08:00:00Z")));

        JsonPath september = BillingApi.statementWhen(key, p, "2026-09",
                s -> "254".equals(s.getString("totals.net")));
        // 13 segments: 10 at 100 and 3 at 50.5 (151.5, rounded half-even once per line to 152).
        assertThat(line(september, "usage", "sms.segment", 1, 0)).containsEntry("quantity", "10")
                .containsEntry("amount", "1000");
        assertThat(line(september, "usage", "sms.segment", 1, 1)).containsEntry("quantity", "3")
                .containsEntry("amount", "152");
        assertThat(line(september, "usage", "ott.message", 1, 0)).containsEntry("quantity", "3")
                .containsEntry("amount", "2");
        assertThat(line(september, "usage", "data.revenue", 1, 0)).containsEntry("quantity", "1.5")
                .containsEntry("amount", "3000").containsEntry("partnerShare", "900");
        assertThat(september.getString("totals.partnerOwes")).isEqualTo("1154");
        assertThat(september.getString("totals.operatorOwes")).isEqualTo("900");
        assertThat(september.getString("totals.direction")).isEqualTo("partner_pays_operator");
        assertThat(september.getString("status")).isEqualTo("draft");
        assertThat(september.getString("timeZone")).isEqualTo("Asia/Tehran");
        assertThat(september.getString("periodStart")).isEqualTo("2026-08-31T20:30:00Z");
        JsonPath august = BillingApi.statementWhen(key, p, "2026-08", s -> "100".equals(s.getString("totals.net")));
        assertThat(august.getList("lines")).hasSize(1);

        // Ledger: the partner's receivable is what its statements bill; the payable its share.
        JsonPath accounts = finance(key).queryParam("partner", p).get("/v1/finance/ledger/accounts").then()
                .statusCode(200).extract().jsonPath();
        assertThat(accounts.getString("accounts.find { it.kind == 'partner_receivable' }.balance")).isEqualTo("1254");
        assertThat(accounts.getString("accounts.find { it.kind == 'partner_payable' }.balance")).isEqualTo("-900");
        String receivable = accounts.getString("accounts.find { it.kind == 'partner_receivable' }.id");
        JsonPath entries = finance(key).queryParam("limit", 1).get("/v1/finance/ledger/accounts/" + receivable
                + "/entries").then().statusCode(200).extract().jsonPath();
        assertThat(entries.getList("entries")).hasSize(1);
        JsonPath rest = finance(key).queryParam("after", entries.getString("next"))
                .get("/v1/finance/ledger/accounts/" + receivable + "/entries").then().statusCode(200).extract()
                .jsonPath();
        assertThat(rest.getList("entries")).hasSize(1);

        // Exports: CSV with one header row and a row per line; PDF.
        String csv = finance(key).accept("text/csv").get("/v1/finance/statements/" + p + "/2026-09").then()
                .statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        assertThat(csv.split("\r\n")).hasSize(1 + 4);
        assertThat(csv).startsWith("partner_id,partner_name,period,");
        byte[] pdf = finance(key).queryParam("format", "pdf").get("/v1/finance/statements/" + p + "/2026-09").then()
                .statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(finance(key).queryParam("period", "2026-09").get("/v1/finance/statements").then().statusCode(200)
                .extract().jsonPath().getList("statements.partnerId")).contains(p);

        // The partner sees its own statement and usage, not the finance API.
        assertThat(partner.request().get("/v1/statements/2026-09").then().statusCode(200).extract().jsonPath()
                .getString("totals.net")).isEqualTo("254");
        JsonPath usage = partner.request().queryParam("period", "2026-09").get("/v1/usage").then().statusCode(200)
                .extract().jsonPath();
        assertThat(usage.getString("meters.find { it.meter == 'sms.segment' }.quantity")).isEqualTo("13");
        assertThat(usage.getInt("meters.find { it.meter == 'sms.segment' }.events")).isEqualTo(4);
        partner.request().get("/v1/finance/statements?period=2026-09").then().statusCode(403)
                .contentType("application/problem+json");
        ApiPartner other = ApiPartner.create(100, null);
        assertThat(other.request().get("/v1/statements/2026-09").then().statusCode(200).extract().jsonPath()
                .getList("lines")).isEmpty();

        // From the statement's SMS lines (10 + 3 segments) down to the raw events, page by page.
        List<String> quantities = new java.util.ArrayList<>();
        String next = null;
        do {
            var request = finance(key).queryParam("partner", p).queryParam("period", "2026-09")
                    .queryParam("meter", "sms.segment").queryParam("limit", 3);
            if (next != null) {
                request = request.queryParam("after", next);
            }
            JsonPath page = request.get("/v1/finance/usage-events").then().statusCode(200).extract().jsonPath();
            quantities.addAll(page.getList("events.quantity", String.class));
            next = page.getString("next");
        } while (next != null);
        assertThat(quantities).hasSize(4);
        assertThat(quantities.stream().mapToInt(Integer::parseInt).sum()).isEqualTo(13);

        // Reconciliation agrees from raw events to statements.
        JsonPath rec = finance(key).queryParam("period", "2026-09").get("/v1/finance/reconciliation").then()
                .statusCode(200).extract().jsonPath();
        Map<String, Object> mine = rec.getMap("partners.find { it.partnerId == '" + p + "' }");
        assertThat(mine).containsEntry("agrees", true).containsEntry("ledgerReceivable", 1154)
                .containsEntry("statementCharges", 1154).containsEntry("ledgerPayable", 900);
        assertThat(rec.getBoolean("ledgerBalanced")).isTrue();
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("peyk_billing_ledger_unbalanced_currencies 0.0").contains("peyk_billing_rating_due ")
                .contains("peyk_billing_postings_total ");

        // Close September: frozen; closing again answers the first closing.
        JsonPath closed = finance(key).post("/v1/finance/periods/2026-09/close").then().statusCode(200).extract()
                .jsonPath();
        assertThat(closed.getBoolean("closedNow")).isTrue();
        assertThat(finance(key).post("/v1/finance/periods/2026-09/close").then().statusCode(200).extract().jsonPath()
                .getString("closedAt")).isEqualTo(closed.getString("closedAt"));
        String frozen = finance(key).get("/v1/finance/statements/" + p + "/2026-09").then().statusCode(200).extract()
                .asString();
        assertThat(frozen).contains("\"status\":\"closed\"");

        // Late usage for September: an adjustment in October, September unchanged.
        BillingApi.send(bootstrap, List.of(event(p + "-late", p, "sms.segment", "segment", "2",
                "2026-09-20T10:00:00Z")));
        JsonPath october = BillingApi.statementWhen(key, p, "2026-10", s -> !s.getList("lines").isEmpty());
        // September is rated again as a whole: tier 1 now holds 5 segments, 252.5 rounded once to 252; 152 was
        // posted, so the adjustment is 100 (not 2 x 50.5 = 101 rounded separately).
        assertThat(line(october, "adjustment", "sms.segment", 1, 1)).containsEntry("quantity", "2")
                .containsEntry("amount", "100");
        assertThat(october.getString("lines[0].corrects")).isEqualTo("2026-09/SMS_SEGMENT/v1/t1");
        assertThat(finance(key).get("/v1/finance/statements/" + p + "/2026-09").then().statusCode(200).extract()
                .asString()).isEqualTo(frozen);

        // A tariff correction (same effective time, tier 1 at 40): August (open) is rerated in place, September's
        // difference goes to October. Only the difference is posted.
        JsonPath v2 = BillingApi.addTariff(p, tariff("2026-08-01T00:00:00+03:30", "40"));
        assertThat(v2.getInt("version")).isEqualTo(2);
        assertThat(v2.getList("reratedPeriods", String.class)).containsExactly("2026-08", "2026-09");
        JsonPath octoberAfter = BillingApi.statementWhen(key, p, "2026-10",
                s -> !line(s, "adjustment", "sms.segment", 2, 1).isEmpty());
        // September under v2: 10 at 100 and 5 at 40 = 1200, 3 messages 2, data 3000 (share 900); the adjustments
        // take v1 back (tier 1: +2 late, -5 now) and add v2.
        assertThat(line(octoberAfter, "adjustment", "sms.segment", 1, 1)).containsEntry("quantity", "-3")
                .containsEntry("amount", "-152");
        assertThat(line(octoberAfter, "adjustment", "sms.segment", 2, 1)).containsEntry("quantity", "5")
                .containsEntry("amount", "200");
        // September's charges under v2 are 1202; 1254 was posted (1154 + 100): October carries 100 - 52 = 48.
        assertThat(octoberAfter.getString("totals.partnerOwes")).isEqualTo("48");
        JsonPath augustAfter = BillingApi.statementWhen(key, p, "2026-08",
                s -> s.getList("lines.tariffVersion").contains(2));
        assertThat(augustAfter.getList("lines.tariffVersion")).containsOnly(2);
        assertThat(augustAfter.getString("totals.net")).isEqualTo("100");
        assertThat(finance(key).get("/v1/finance/statements/" + p + "/2026-09").then().statusCode(200).extract()
                .asString()).isEqualTo(frozen);
        JsonPath rec2 = finance(key).queryParam("period", "2026-09").get("/v1/finance/reconciliation").then()
                .statusCode(200).extract().jsonPath();
        assertThat(rec2.getMap("partners.find { it.partnerId == '" + p + "' }")).containsEntry("agrees", true)
                .containsEntry("ledgerReceivable", 1202);

        // Settling September clears what it billed.
        JsonPath settled = finance(key).contentType("application/json").body(Map.of("reference", "bank-123"))
                .post("/v1/finance/statements/" + p + "/2026-09/settle").then().statusCode(200).extract().jsonPath();
        assertThat(settled.getString("status")).isEqualTo("settled");
        JsonPath after = finance(key).queryParam("partner", p).get("/v1/finance/ledger/accounts").then()
                .statusCode(200).extract().jsonPath();
        assertThat(after.getString("accounts.find { it.kind == 'partner_receivable' }.balance"))
                .isEqualTo(String.valueOf(1254 + 48 - 1154));
    }

    @Test
    void aRatingThatFailsWritesNothingAndRecoversOnceTheTariffIsCorrected() {
        ApiPartner partner = ApiPartner.create(100, null);
        String p = partner.id();
        String key = BillingApi.financeKey("finance-mixed-" + p.substring(0, 8));
        BillingApi.addTariff(p, Map.of("effectiveFrom", "2026-07-01T00:00:00Z", "currency", "IRR", "prices",
                Map.of("sms.segment", List.of(Map.of("unitPrice", 100)))));
        // A version in another currency mid-month: one period cannot be billed in two currencies.
        BillingApi.addTariff(p, Map.of("effectiveFrom", "2026-07-15T00:00:00Z", "currency", "USD", "prices",
                Map.of("sms.segment", List.of(Map.of("unitPrice", new java.math.BigDecimal("0.01"))))));
        BillingApi.send(bootstrap, List.of(event(p + "-m1", p, "sms.segment", "segment", "3", "2026-07-05T10:00:00Z"),
                event(p + "-m2", p, "sms.segment", "segment", "2", "2026-07-20T10:00:00Z")));
        io.vertx.mutiny.sqlclient.Pool pool = io.quarkus.arc.Arc.container().instance(
                io.vertx.mutiny.sqlclient.Pool.class).get();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> pool
                .preparedQuery("SELECT last_error FROM rating_due WHERE partner_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(java.util.UUID.fromString(p)))
                .await().atMost(java.time.Duration.ofSeconds(5)).stream()
                .anyMatch(r -> r.getString("last_error") != null && r.getString("last_error").contains("USD")));
        JsonPath nothing = finance(key).get("/v1/finance/statements/" + p + "/2026-07").then().statusCode(200)
                .extract().jsonPath();
        assertThat(nothing.getList("lines")).isEmpty();
        assertThat(nothing.getInt("version")).isZero();
        assertThat(finance(key).queryParam("partner", p).get("/v1/finance/ledger/accounts").then().statusCode(200)
                .extract().jsonPath().getList("accounts")).isEmpty();
        JsonPath pending = finance(key).queryParam("period", "2026-07").get("/v1/finance/reconciliation").then()
                .statusCode(200).extract().jsonPath();
        assertThat(pending.getMap("partners.find { it.partnerId == '" + p + "' }"))
                .containsEntry("ratingPending", true).containsEntry("agrees", false);

        // The correction: a version in IRR at the same time replaces the USD one; the period is rated again.
        BillingApi.addTariff(p, Map.of("effectiveFrom", "2026-07-15T00:00:00Z", "currency", "IRR", "prices",
                Map.of("sms.segment", List.of(Map.of("unitPrice", 80)))));
        JsonPath july = BillingApi.statementWhen(key, p, "2026-07", s -> "460".equals(s.getString("totals.net")));
        assertThat(july.getString("currency")).isEqualTo("IRR");
        assertThat(july.getList("lines.tariffVersion")).containsExactlyInAnyOrder(1, 3);
    }

    @Test
    void badInputIsAClearProblem() {
        ApiPartner partner = ApiPartner.create(100, null);
        String key = BillingApi.financeKey("finance-bad");
        String admin = BillingApi.ADMIN;
        given().header("Authorization", admin).contentType("application/json")
                .body(Map.of("effectiveFrom", "2026-08-01T00:00:00Z", "prices", Map.of("sms.sgment",
                        List.of(Map.of("unitPrice", 1)))))
                .post("/admin/v1/partners/" + partner.id() + "/tariffs").then().statusCode(422)
                .contentType("application/problem+json").body("field", org.hamcrest.Matchers.equalTo("prices.sms.sgment"));
        given().header("Authorization", admin).contentType("application/json")
                .body(Map.of("effectiveFrom", "2026-08-01T00:00:00Z", "prices", Map.of("sms.segment",
                        List.of(Map.of("unitPrice", 1), Map.of("upTo", 5, "unitPrice", 1)))))
                .post("/admin/v1/partners/" + partner.id() + "/tariffs").then().statusCode(422)
                .body("field", org.hamcrest.Matchers.equalTo("prices.sms.segment"));
        BillingApi.addTariff(partner.id(), Map.of("effectiveFrom", "2026-08-01T00:00:00Z", "prices",
                Map.of("sms.segment", List.of(Map.of("unitPrice", 1)))));
        given().header("Authorization", admin).contentType("application/json")
                .body(Map.of("effectiveFrom", "2026-07-01T00:00:00Z", "prices", Map.of("sms.segment",
                        List.of(Map.of("unitPrice", 1)))))
                .post("/admin/v1/partners/" + partner.id() + "/tariffs").then().statusCode(422)
                .body("field", org.hamcrest.Matchers.equalTo("effectiveFrom"));
        given().header("Authorization", admin).contentType("application/json")
                .body(Map.of("effectiveFrom", "2026-08-01T00:00:00Z", "prices", Map.of("sms.segment",
                        List.of(Map.of("unitPrice", 1)))))
                .post("/admin/v1/partners/00000000-0000-0000-0000-000000000000/tariffs").then().statusCode(404);

        given().get("/v1/finance/statements?period=2026-09").then().statusCode(401)
                .contentType("application/problem+json");
        finance("peyk_fin_unknown").get("/v1/finance/statements?period=2026-09").then().statusCode(401);
        finance(key).get("/v1/finance/statements?period=2026-13").then().statusCode(422)
                .body("field", org.hamcrest.Matchers.equalTo("period"));
        finance(key).get("/v1/finance/statements").then().statusCode(422);
        finance(key).queryParam("format", "xml").get("/v1/finance/statements?period=2026-09").then().statusCode(422);
        finance(key).accept("image/png").get("/v1/finance/statements?period=2026-09").then().statusCode(406)
                .contentType("application/problem+json");
        finance(key).queryParam("format", "pdf").get("/v1/finance/statements?period=2026-09").then().statusCode(406);
        finance(key).get("/v1/finance/statements/not-a-uuid/2026-09").then().statusCode(404);
        finance(key).get("/v1/finance/statements/00000000-0000-0000-0000-000000000000/2026-09").then().statusCode(404);
        String current = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        finance(key).post("/v1/finance/periods/" + current + "/close").then().statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("period-not-ended"));
        finance(key).contentType("application/json").body(Map.of("reference", "x"))
                .post("/v1/finance/statements/" + partner.id() + "/" + current + "/settle").then().statusCode(409);
        finance(key).contentType("application/json").body(Map.of())
                .post("/v1/finance/statements/" + partner.id() + "/2026-09/settle").then().statusCode(422);
        finance(key).queryParam("limit", 0).get("/v1/finance/ledger/accounts").then().statusCode(422);
        finance(key).queryParam("after", "nope").get("/v1/finance/ledger/accounts/"
                + java.util.UUID.randomUUID() + "/entries").then().statusCode(422);
        partner.request().get("/v1/statements/2026-9").then().statusCode(422);
        finance(key).get("/v1/finance/usage-events?period=2026-09").then().statusCode(422);
        finance(key).get("/v1/finance/usage-events?partner=" + partner.id() + "&period=2026-09&meter=sms").then()
                .statusCode(422).body("field", org.hamcrest.Matchers.equalTo("meter"));
        finance(key).get("/v1/finance/usage-events?partner=" + partner.id() + "&period=2026-09&after=%%%").then()
                .statusCode(422);
        partner.request().get("/v1/usage?period=x").then().statusCode(422);

        String revoked = BillingApi.financeKey("finance-revoked");
        String id = given().header("Authorization", admin).get("/admin/v1/finance-keys").then().statusCode(200)
                .extract().jsonPath().getString("find { it.name == 'finance-revoked' }.id");
        given().header("Authorization", admin).delete("/admin/v1/finance-keys/" + id).then().statusCode(204);
        finance(revoked).get("/v1/finance/statements?period=2026-09").then().statusCode(401);
    }
}

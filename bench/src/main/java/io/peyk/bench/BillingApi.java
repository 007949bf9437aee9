package io.peyk.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The billing APIs the billing benchmark needs: tariffs and finance keys (admin token), statements and reconciliation
 * (finance key). Bodies are built and read as plain strings; every request has a timeout.
 */
final class BillingApi {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http;
    private final String base;

    BillingApi(HttpClient http, String baseUrl) {
        this.http = http;
        this.base = baseUrl;
    }

    /**
     * Adds the bench tariff (IRR, effective 2026-01-01 in Tehran, 30 % revenue share): sms.segment 100 up to 10,000 then
     * 80, ott.message 0.5, data.revenue 2000 per MB. Every meter the benchmark sends is priced.
     */
    void addBenchTariff(String partnerId) throws IOException, InterruptedException {
        String body = """
                {"effectiveFrom":"2026-01-01T00:00:00+03:30","currency":"IRR","revenueSharePercent":30,"note":"bench",
                 "prices":{"sms.segment":[{"upTo":10000,"unitPrice":100},{"unitPrice":80}],
                           "ott.message":[{"unitPrice":0.5}],
                           "data.revenue":[{"unitPrice":2000}]}}""";
        HttpResponse<String> r = send(admin("/admin/v1/partners/" + partnerId + "/tariffs")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("adding the bench tariff failed: " + r.statusCode() + " " + r.body());
        }
    }

    /** A new finance key (its secret). */
    String financeKey(String name) throws IOException, InterruptedException {
        HttpResponse<String> r = send(admin("/admin/v1/finance-keys")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build());
        Matcher m = KEY.matcher(r.body());
        if (r.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("creating a finance key failed: " + r.statusCode());
        }
        return m.group(1);
    }

    /** {@code GET} of a finance path with a finance key; the answer as bytes (PDF included). */
    HttpResponse<byte[]> finance(String key, String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + GatewayProcess.ADMIN_TOKEN).header("Content-Type", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}

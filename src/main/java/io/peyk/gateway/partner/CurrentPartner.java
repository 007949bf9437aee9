package io.peyk.gateway.partner;

import jakarta.enterprise.context.RequestScoped;

/** The partner the current request authenticated as (set by the partner authentication filter). */
@RequestScoped
public class CurrentPartner {

    private Partner partner;

    public Partner get() {
        if (partner == null) {
            throw new IllegalStateException("no authenticated partner on this request");
        }
        return partner;
    }

    public void set(Partner partner) {
        this.partner = partner;
    }
}

package io.peyk.gateway;

/** Texts the gateway tests share. */
public final class GatewayTestTexts {

    /** 200 Persian characters: three UCS-2 parts of 67, 67 and 66 units. */
    public static final String PERSIAN_200 = "سلام دوست عزیز، پیام شما رسید. ".repeat(7).substring(0, 200);

    private GatewayTestTexts() {
    }
}

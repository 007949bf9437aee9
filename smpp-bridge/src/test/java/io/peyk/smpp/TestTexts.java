package io.peyk.smpp;

/** Texts the bridge tests share. */
public final class TestTexts {

    /** 200 Persian characters: three UCS-2 parts of 67, 67 and 66 units with an 8-bit-reference UDH. */
    public static final String PERSIAN_200 = "سلام دوست عزیز، پیام شما رسید. ".repeat(7).substring(0, 200);

    private TestTexts() {
    }
}

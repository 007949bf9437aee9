package io.peyk.smpp.pdu;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * SMPP command_status values the bridge distinguishes (SMPP 3.4, plus {@link #ESME_RINVDCS} from SMPP 5.0), each with
 * the {@link Disposition} telling the caller what to do next. Codes not listed here are unknown: see
 * {@link #dispositionOf(int)}.
 */
public enum CommandStatus {

    ESME_ROK(0x00, Disposition.SUCCESS), ESME_RINVMSGLEN(0x01, Disposition.REJECT_MESSAGE), ESME_RINVCMDLEN(0x02,
            Disposition.REJECT_MESSAGE), ESME_RINVCMDID(0x03, Disposition.REJECT_MESSAGE), ESME_RINVBNDSTS(0x04,
                    Disposition.REBIND), ESME_RALYBND(0x05, Disposition.ALREADY_BOUND), ESME_RINVPRTFLG(0x06,
                            Disposition.REJECT_MESSAGE), ESME_RINVREGDLVFLG(0x07, Disposition.REJECT_MESSAGE), ESME_RSYSERR(
                                    0x08, Disposition.PAUSE_BIND_AND_RETRY), ESME_RINVSRCADR(0x0A,
                                            Disposition.REJECT_MESSAGE), ESME_RINVDSTADR(0x0B,
                                                    Disposition.REJECT_MESSAGE), ESME_RINVMSGID(0x0C,
                                                            Disposition.REJECT_MESSAGE), ESME_RBINDFAIL(0x0D,
                                                                    Disposition.BIND_REFUSED), ESME_RINVPASWD(0x0E,
                                                                            Disposition.BIND_REFUSED), ESME_RINVSYSID(0x0F,
                                                                                    Disposition.BIND_REFUSED), ESME_RCANCELFAIL(
                                                                                            0x11,
                                                                                            Disposition.REJECT_MESSAGE), ESME_RREPLACEFAIL(
                                                                                                    0x13,
                                                                                                    Disposition.REJECT_MESSAGE), ESME_RMSGQFUL(
                                                                                                            0x14,
                                                                                                            Disposition.PAUSE_BIND_AND_RETRY), ESME_RINVSERTYP(
                                                                                                                    0x15,
                                                                                                                    Disposition.REJECT_MESSAGE), ESME_RINVNUMDESTS(
                                                                                                                            0x33,
                                                                                                                            Disposition.REJECT_MESSAGE), ESME_RINVDESTFLAG(
                                                                                                                                    0x40,
                                                                                                                                    Disposition.REJECT_MESSAGE), ESME_RINVSUBREP(
                                                                                                                                            0x42,
                                                                                                                                            Disposition.REJECT_MESSAGE), ESME_RINVESMCLASS(
                                                                                                                                                    0x43,
                                                                                                                                                    Disposition.REJECT_MESSAGE), ESME_RCNTSUBDL(
                                                                                                                                                            0x44,
                                                                                                                                                            Disposition.REJECT_MESSAGE), ESME_RSUBMITFAIL(
                                                                                                                                                                    0x45,
                                                                                                                                                                    Disposition.REJECT_MESSAGE), ESME_RINVSRCTON(
                                                                                                                                                                            0x48,
                                                                                                                                                                            Disposition.REJECT_MESSAGE), ESME_RINVSRCNPI(
                                                                                                                                                                                    0x49,
                                                                                                                                                                                    Disposition.REJECT_MESSAGE), ESME_RINVDSTTON(
                                                                                                                                                                                            0x50,
                                                                                                                                                                                            Disposition.REJECT_MESSAGE), ESME_RINVDSTNPI(
                                                                                                                                                                                                    0x51,
                                                                                                                                                                                                    Disposition.REJECT_MESSAGE), ESME_RINVSYSTYP(
                                                                                                                                                                                                            0x53,
                                                                                                                                                                                                            Disposition.BIND_REFUSED), ESME_RINVREPFLAG(
                                                                                                                                                                                                                    0x54,
                                                                                                                                                                                                                    Disposition.REJECT_MESSAGE), ESME_RINVNUMMSGS(
                                                                                                                                                                                                                            0x55,
                                                                                                                                                                                                                            Disposition.REJECT_MESSAGE), ESME_RTHROTTLED(
                                                                                                                                                                                                                                    0x58,
                                                                                                                                                                                                                                    Disposition.PAUSE_BIND_AND_RETRY), ESME_RINVSCHED(
                                                                                                                                                                                                                                            0x61,
                                                                                                                                                                                                                                            Disposition.REJECT_MESSAGE), ESME_RINVEXPIRY(
                                                                                                                                                                                                                                                    0x62,
                                                                                                                                                                                                                                                    Disposition.REJECT_MESSAGE), ESME_RINVDFTMSGID(
                                                                                                                                                                                                                                                            0x63,
                                                                                                                                                                                                                                                            Disposition.REJECT_MESSAGE), ESME_RX_T_APPN(
                                                                                                                                                                                                                                                                    0x64,
                                                                                                                                                                                                                                                                    Disposition.PAUSE_BIND_AND_RETRY), ESME_RX_P_APPN(
                                                                                                                                                                                                                                                                            0x65,
                                                                                                                                                                                                                                                                            Disposition.REJECT_MESSAGE), ESME_RX_R_APPN(
                                                                                                                                                                                                                                                                                    0x66,
                                                                                                                                                                                                                                                                                    Disposition.REJECT_MESSAGE), ESME_RQUERYFAIL(
                                                                                                                                                                                                                                                                                            0x67,
                                                                                                                                                                                                                                                                                            Disposition.REJECT_MESSAGE), ESME_RINVOPTPARSTREAM(
                                                                                                                                                                                                                                                                                                    0xC0,
                                                                                                                                                                                                                                                                                                    Disposition.REJECT_MESSAGE), ESME_ROPTPARNOTALLWD(
                                                                                                                                                                                                                                                                                                            0xC1,
                                                                                                                                                                                                                                                                                                            Disposition.REJECT_MESSAGE), ESME_RINVPARLEN(
                                                                                                                                                                                                                                                                                                                    0xC2,
                                                                                                                                                                                                                                                                                                                    Disposition.REJECT_MESSAGE), ESME_RMISSINGOPTPARAM(
                                                                                                                                                                                                                                                                                                                            0xC3,
                                                                                                                                                                                                                                                                                                                            Disposition.REJECT_MESSAGE), ESME_RINVOPTPARAMVAL(
                                                                                                                                                                                                                                                                                                                                    0xC4,
                                                                                                                                                                                                                                                                                                                                    Disposition.REJECT_MESSAGE), ESME_RDELIVERYFAILURE(
                                                                                                                                                                                                                                                                                                                                            0xFE,
                                                                                                                                                                                                                                                                                                                                            Disposition.REJECT_MESSAGE), ESME_RUNKNOWNERR(
                                                                                                                                                                                                                                                                                                                                                    0xFF,
                                                                                                                                                                                                                                                                                                                                                    Disposition.REJECT_MESSAGE),
    /** SMPP 5.0 value, widely used by 3.4 SMSCs too. */
    ESME_RINVDCS(0x104, Disposition.REJECT_MESSAGE);

    /** What the caller does after receiving a command_status. */
    public enum Disposition {
        /** The request succeeded. */
        SUCCESS,
        /** Transient: pause the whole bind (keeping message order), then retry the same message. */
        PAUSE_BIND_AND_RETRY,
        /** Permanent for this message: fail it with the code recorded; the bind stays usable. */
        REJECT_MESSAGE,
        /** The bind is not in a state allowing the request: rebind. */
        REBIND,
        /** The SMSC refused the bind credentials or system type: do not retry quickly, alert. */
        BIND_REFUSED,
        /** The SMSC still holds an earlier bind: unbind it or wait, do not spin. */
        ALREADY_BOUND
    }

    private static final Map<Integer, CommandStatus> BY_CODE = new HashMap<>();

    static {
        for (CommandStatus status : values()) {
            if (BY_CODE.put(status.code, status) != null) {
                throw new ExceptionInInitializerError("duplicate command_status code " + status.code);
            }
        }
    }

    private final int code;
    private final Disposition disposition;

    CommandStatus(int code, Disposition disposition) {
        this.code = code;
        this.disposition = disposition;
    }

    /** The command_status value on the wire. */
    public int code() {
        return code;
    }

    public Disposition disposition() {
        return disposition;
    }

    /** The known status for a wire code, or empty for a code this enum does not list. */
    public static Optional<CommandStatus> of(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /**
     * The disposition for a wire code; an unknown code is {@link Disposition#REJECT_MESSAGE} (the caller fails the
     * message and records the code).
     */
    public static Disposition dispositionOf(int code) {
        CommandStatus status = BY_CODE.get(code);
        return status == null ? Disposition.REJECT_MESSAGE : status.disposition;
    }

    /**
     * A human-readable form for logs and error records: {@code "ESME_RTHROTTLED (0x00000058)"} for a known code,
     * {@code "0x000001ab"} for an unknown one (lower-case hex, 8 digits, the unsigned 32-bit value).
     */
    public static String describe(int code) {
        String hex = String.format("0x%08x", code);
        CommandStatus status = BY_CODE.get(code);
        return status == null ? hex : status.name() + " (" + hex + ")";
    }
}

package io.peyk.smpp.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.peyk.smpp.pdu.CommandStatus.Disposition;

class CommandStatusTest {

    private static final Disposition OK = Disposition.SUCCESS;
    private static final Disposition PAUSE = Disposition.PAUSE_BIND_AND_RETRY;
    private static final Disposition REJECT = Disposition.REJECT_MESSAGE;

    /** Independent golden table: name, code, disposition. */
    private static Map<String, Object[]> golden() {
        Map<String, Object[]> m = new LinkedHashMap<>();
        m.put("ESME_ROK", new Object[]{0x00, OK});
        m.put("ESME_RINVMSGLEN", new Object[]{0x01, REJECT});
        m.put("ESME_RINVCMDLEN", new Object[]{0x02, REJECT});
        m.put("ESME_RINVCMDID", new Object[]{0x03, REJECT});
        m.put("ESME_RINVBNDSTS", new Object[]{0x04, Disposition.REBIND});
        m.put("ESME_RALYBND", new Object[]{0x05, Disposition.ALREADY_BOUND});
        m.put("ESME_RINVPRTFLG", new Object[]{0x06, REJECT});
        m.put("ESME_RINVREGDLVFLG", new Object[]{0x07, REJECT});
        m.put("ESME_RSYSERR", new Object[]{0x08, PAUSE});
        m.put("ESME_RINVSRCADR", new Object[]{0x0A, REJECT});
        m.put("ESME_RINVDSTADR", new Object[]{0x0B, REJECT});
        m.put("ESME_RINVMSGID", new Object[]{0x0C, REJECT});
        m.put("ESME_RBINDFAIL", new Object[]{0x0D, Disposition.BIND_REFUSED});
        m.put("ESME_RINVPASWD", new Object[]{0x0E, Disposition.BIND_REFUSED});
        m.put("ESME_RINVSYSID", new Object[]{0x0F, Disposition.BIND_REFUSED});
        m.put("ESME_RCANCELFAIL", new Object[]{0x11, REJECT});
        m.put("ESME_RREPLACEFAIL", new Object[]{0x13, REJECT});
        m.put("ESME_RMSGQFUL", new Object[]{0x14, PAUSE});
        m.put("ESME_RINVSERTYP", new Object[]{0x15, REJECT});
        m.put("ESME_RINVNUMDESTS", new Object[]{0x33, REJECT});
        m.put("ESME_RINVDESTFLAG", new Object[]{0x40, REJECT});
        m.put("ESME_RINVSUBREP", new Object[]{0x42, REJECT});
        m.put("ESME_RINVESMCLASS", new Object[]{0x43, REJECT});
        m.put("ESME_RCNTSUBDL", new Object[]{0x44, REJECT});
        m.put("ESME_RSUBMITFAIL", new Object[]{0x45, REJECT});
        m.put("ESME_RINVSRCTON", new Object[]{0x48, REJECT});
        m.put("ESME_RINVSRCNPI", new Object[]{0x49, REJECT});
        m.put("ESME_RINVDSTTON", new Object[]{0x50, REJECT});
        m.put("ESME_RINVDSTNPI", new Object[]{0x51, REJECT});
        m.put("ESME_RINVSYSTYP", new Object[]{0x53, Disposition.BIND_REFUSED});
        m.put("ESME_RINVREPFLAG", new Object[]{0x54, REJECT});
        m.put("ESME_RINVNUMMSGS", new Object[]{0x55, REJECT});
        m.put("ESME_RTHROTTLED", new Object[]{0x58, PAUSE});
        m.put("ESME_RINVSCHED", new Object[]{0x61, REJECT});
        m.put("ESME_RINVEXPIRY", new Object[]{0x62, REJECT});
        m.put("ESME_RINVDFTMSGID", new Object[]{0x63, REJECT});
        m.put("ESME_RX_T_APPN", new Object[]{0x64, PAUSE});
        m.put("ESME_RX_P_APPN", new Object[]{0x65, REJECT});
        m.put("ESME_RX_R_APPN", new Object[]{0x66, REJECT});
        m.put("ESME_RQUERYFAIL", new Object[]{0x67, REJECT});
        m.put("ESME_RINVOPTPARSTREAM", new Object[]{0xC0, REJECT});
        m.put("ESME_ROPTPARNOTALLWD", new Object[]{0xC1, REJECT});
        m.put("ESME_RINVPARLEN", new Object[]{0xC2, REJECT});
        m.put("ESME_RMISSINGOPTPARAM", new Object[]{0xC3, REJECT});
        m.put("ESME_RINVOPTPARAMVAL", new Object[]{0xC4, REJECT});
        m.put("ESME_RDELIVERYFAILURE", new Object[]{0xFE, REJECT});
        m.put("ESME_RUNKNOWNERR", new Object[]{0xFF, REJECT});
        m.put("ESME_RINVDCS", new Object[]{0x104, REJECT});
        return m;
    }

    @Test
    void everyListedCodeHasItsValueAndDisposition() {
        Map<String, Object[]> golden = golden();
        assertThat(CommandStatus.values()).hasSize(golden.size());
        golden.forEach((name, v) -> {
            CommandStatus status = CommandStatus.valueOf(name);
            assertThat(status.code()).as(name).isEqualTo((int) v[0]);
            assertThat(status.disposition()).as(name).isEqualTo(v[1]);
            assertThat(CommandStatus.of((int) v[0])).contains(status);
            assertThat(CommandStatus.dispositionOf((int) v[0])).isEqualTo(v[1]);
        });
    }

    @Test
    void transientStatusesPauseTheBind() {
        assertThat(CommandStatus.dispositionOf(0x58)).isEqualTo(PAUSE);
        assertThat(CommandStatus.dispositionOf(0x14)).isEqualTo(PAUSE);
        assertThat(CommandStatus.dispositionOf(0x08)).isEqualTo(PAUSE);
        assertThat(CommandStatus.dispositionOf(0x104)).isEqualTo(REJECT);
    }

    @Test
    void unknownCodesAreRejectedMessages() {
        assertThat(CommandStatus.of(0x1ab)).isEmpty();
        assertThat(CommandStatus.of(0x09)).isEmpty();
        assertThat(CommandStatus.of(-1)).isEmpty();
        assertThat(CommandStatus.dispositionOf(0x1ab)).isEqualTo(REJECT);
        assertThat(CommandStatus.dispositionOf(0x400)).isEqualTo(REJECT);
    }

    @Test
    void describeGivesNameAndHexOrHexOnly() {
        assertThat(CommandStatus.describe(0x58)).isEqualTo("ESME_RTHROTTLED (0x00000058)");
        assertThat(CommandStatus.describe(0)).isEqualTo("ESME_ROK (0x00000000)");
        assertThat(CommandStatus.describe(0x104)).isEqualTo("ESME_RINVDCS (0x00000104)");
        assertThat(CommandStatus.describe(0x1ab)).isEqualTo("0x000001ab");
        assertThat(CommandStatus.describe(0xFFFFFFFF)).isEqualTo("0xffffffff");
    }

    @Test
    void randomCodesAreConsistentWithTheTable() {
        Set<Integer> known = new HashSet<>();
        golden().values().forEach(v -> known.add((Integer) v[0]));
        Random random = new Random(20240601L);
        for (int i = 0; i < 20_000; i++) {
            int code = i % 2 == 0 ? random.nextInt(0x200) : random.nextInt();
            assertThat(CommandStatus.of(code).isPresent()).as("code %x", code).isEqualTo(known.contains(code));
            assertThat(CommandStatus.dispositionOf(code))
                    .isEqualTo(CommandStatus.of(code).map(CommandStatus::disposition).orElse(REJECT));
            String hex = String.format("0x%08x", code);
            assertThat(CommandStatus.describe(code))
                    .isEqualTo(CommandStatus.of(code).map(s -> s.name() + " (" + hex + ")").orElse(hex));
        }
    }
}

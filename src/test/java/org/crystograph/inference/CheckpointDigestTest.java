package org.crystograph.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointDigestTest {

    @Test
    void directoryHash_coversNamesAndBytes_inSortedOrder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("checkpoint.json"), "{\"task\":\"x\"}");
        Files.createDirectories(dir.resolve("weights"));
        Files.write(dir.resolve("weights/model.params"), new byte[] {1, 2, 3});
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update("checkpoint.json".getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update("{\"task\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        md.update("weights/model.params".getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(new byte[] {1, 2, 3});
        assertThat(CheckpointDigest.ofDirectory(dir)).isEqualTo(HexFormat.of().formatHex(md.digest()));

        String before = CheckpointDigest.ofDirectory(dir);
        Files.write(dir.resolve("weights/model.params"), new byte[] {1, 2, 4});
        assertThat(CheckpointDigest.ofDirectory(dir)).isNotEqualTo(before);
    }

    @Test
    void ensembleHash_ignoresMemberOrder_andSingleMemberIsItself() {
        assertThat(CheckpointDigest.ofMembers(List.of("aa", "bb"))).isEqualTo(CheckpointDigest.ofMembers(List.of("bb", "aa")));
        assertThat(CheckpointDigest.ofMembers(List.of("aa"))).isEqualTo("aa");
        assertThat(CheckpointDigest.ofMembers(List.of("aa", "bb"))).hasSize(64);
    }
}

package org.crystograph.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KFoldSplitTest {

    @Test
    void mt19937_referenceSeed5489_firstOutputsMatchTheReferenceImplementation() {
        Mt19937 mt = new Mt19937(5489);
        // mt19937ar.c reference output for init_genrand(5489)
        assertThat(mt.nextUint32()).isEqualTo(3499211612L);
        assertThat(mt.nextUint32()).isEqualTo(581869302L);
        assertThat(mt.nextUint32()).isEqualTo(3890346734L);
    }

    /** Spec section 3 check vectors: first five shuffled entries and test-fold sizes. */
    @ParameterizedTest(name = "N={0}")
    @CsvSource(delimiter = ';', value = {
        "1058; 457,289,323,31,428; 212,212,212,211,211",
        "530; 140,398,6,334,322; 106,106,106,106,106",
        "5000; 1501,2586,2653,1055,705; 1000,1000,1000,1000,1000",
        "50; 13,39,30,45,17; 10,10,10,10,10"})
    void specCheckVectors_shuffledOrderAndFoldSizes(int n, String first, String sizes) {
        KFoldSplit split = KFoldSplit.of(n, 5, 42);
        assertThat(Arrays.copyOf(split.order(), 5)).containsExactly(ints(first));
        assertThat(split.foldSizes()).containsExactly(ints(sizes));
    }

    /**
     * Whole-order check against numpy 2.4 {@code RandomState(42).shuffle(arange(N))}: the last three entries and
     * sum(i * order[i]) as printed by numpy.
     */
    @ParameterizedTest(name = "N={0}")
    @CsvSource(delimiter = ';', value = {
        "1058; 121,1044,860; 303282450",
        "530; 270,435,102; 37520742",
        "5000; 3092,3772,860; 31482761244",
        "50; 14,28,38; 29838",
        "10848; 5390,860,7270; 320375014543"})
    void wholeShuffledOrder_matchesNumpy(int n, String last, long weightedSum) {
        int[] order = KFoldSplit.of(n, 5, 42).order();
        assertThat(Arrays.copyOfRange(order, n - 3, n)).containsExactly(ints(last));
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (long) i * order[i];
        }
        assertThat(sum).isEqualTo(weightedSum);
    }

    @Test
    void largestSeed_shuffleMatchesNumpy() {
        int[] a = IntStream.range(0, 20).toArray();
        new Mt19937(0xffffffffL).shuffle(a);
        assertThat(a).containsExactly(11, 17, 19, 15, 1, 5, 8, 16, 13, 18, 14, 9, 10, 6, 0, 4, 7, 12, 2, 3);
    }

    @Test
    void folds_partitionAllIndices_sortedAndDisjoint() {
        KFoldSplit split = KFoldSplit.of(1058, 5, 42);
        int[] all = Arrays.stream(split.test()).flatMapToInt(Arrays::stream).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 1058).toArray());
        for (int k = 0; k < 5; k++) {
            assertThat(split.test()[k]).isSorted();
            assertThat(split.train(k)).hasSize(1058 - split.foldSizes()[k]).isSorted()
                    .doesNotContain(split.test()[k]);
        }
        // test fold 0 is the first slice of the shuffled order
        assertThat(split.test()[0]).contains(457, 289, 323, 31, 428);
    }

    @Test
    void tooFewItems_isRejectedWithTheCount() {
        assertThatThrownBy(() -> KFoldSplit.of(4, 5, 42)).hasMessageContaining("got 4");
        assertThatThrownBy(() -> new Mt19937(-1)).hasMessageContaining("-1");
    }

    @Test
    void sampleIds_arePaddedToTheDigitCountOfTheRowCount() {
        assertThat(SampleIds.of("unconvbench_supercon", 457, 1058)).isEqualTo("unconvbench_supercon-0458");
        assertThat(SampleIds.of("unconvbench_defected", 140, 530)).isEqualTo("unconvbench_defected-141");
        assertThat(SampleIds.of("local_alignn50_gap", 0, 50)).isEqualTo("local_alignn50_gap-01");
        assertThat(SampleIds.of("local_3dsc_tc", 9, 10848)).isEqualTo("local_3dsc_tc-00010");
        assertThat(SampleIds.of("x", 99, 100)).isEqualTo("x-100");
        assertThatThrownBy(() -> SampleIds.of("x", 100, 100)).hasMessageContaining("100");
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }
}

package org.crystograph.benchmark.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which boards have anything on them, in two small queries, so that a page showing every board builds only the
 * non-empty ones (each board scores its baseline over all public rows of its task).
 */
@ApplicationScoped
public class BoardIndex {

    @Inject
    EntityManager em;

    /**
     * What the boards hold right now.
     *
     * @param available keys of tasks whose data is on this server
     * @param withEntries {@code task + "/" + track} of every board with at least one accepted, not withdrawn
     *     submission (track is {@code cv} or {@code hidden})
     */
    public record Snapshot(Set<String> available, Set<String> withEntries) {

        /** Copies the sets. */
        public Snapshot {
            available = Set.copyOf(available);
            withEntries = Set.copyOf(withEntries);
        }

        /** Whether the board of {@code task} on {@code track} has an entry. */
        public boolean hasEntries(String task, String track) {
            return withEntries.contains(task + "/" + track);
        }
    }

    /** Reads the snapshot. */
    @Transactional
    public Snapshot snapshot() {
        @SuppressWarnings("unchecked")
        List<String> available = em.createNativeQuery("SELECT key FROM bench_task WHERE available").getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> boards = em.createNativeQuery("""
                SELECT DISTINCT task_key, track FROM bench_submission WHERE outcome = 'accepted' AND NOT withdrawn
                """).getResultList();
        Set<String> withEntries = new HashSet<>();
        for (Object[] b : boards) {
            withEntries.add(b[0] + "/" + b[1]);
        }
        return new Snapshot(new HashSet<>(available), withEntries);
    }
}

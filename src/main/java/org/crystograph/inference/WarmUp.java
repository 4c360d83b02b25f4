package org.crystograph.inference;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.GraphBuilder;
import org.crystograph.graph.GraphSettings;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.Site;
import org.crystograph.structure.Structure;

/**
 * The structures run through every model before readiness: rock-salt NaCl (conventional cell, a = 5.64 A, 8 sites)
 * and cubic perovskite SrTiO3 (a = 3.905 A, 5 sites), built with the model's own graph settings.
 */
@ApplicationScoped
public class WarmUp {

    /** NaCl lattice constant, Angstrom. */
    static final double NACL_ANGSTROM = 5.64;
    /** SrTiO3 lattice constant, Angstrom. */
    static final double SRTIO3_ANGSTROM = 3.905;

    /** The warm-up graphs for these graph settings. */
    public List<CrystalGraph> graphs(GraphSettings settings) {
        GraphBuilder builder = new GraphBuilder(settings);
        return List.of(builder.build(rockSalt()), builder.build(perovskite()));
    }

    /** Conventional rock-salt NaCl. */
    static Structure rockSalt() {
        double[][] na = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
        List<Site> sites = new java.util.ArrayList<>();
        for (double[] f : na) {
            sites.add(Site.of("Na", f[0], f[1], f[2]));
        }
        for (double[] f : na) {
            sites.add(Site.of("Cl", (f[0] + 0.5) % 1, f[1], f[2]));
        }
        return new Structure(Lattice.cubic(NACL_ANGSTROM), sites);
    }

    /** Cubic perovskite SrTiO3. */
    static Structure perovskite() {
        return new Structure(Lattice.cubic(SRTIO3_ANGSTROM), List.of(
                Site.of("Sr", 0, 0, 0),
                Site.of("Ti", 0.5, 0.5, 0.5),
                Site.of("O", 0.5, 0.5, 0),
                Site.of("O", 0.5, 0, 0.5),
                Site.of("O", 0, 0.5, 0.5)));
    }
}

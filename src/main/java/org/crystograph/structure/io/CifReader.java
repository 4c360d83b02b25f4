package org.crystograph.structure.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.Site;
import org.crystograph.structure.Species;
import org.crystograph.structure.Structure;
import org.crystograph.structure.StructureException;

/**
 * CIF 1.1 to {@link Structure}, following pymatgen's {@code CifParser} where it defines the result:
 *
 * <ul>
 *   <li>cell from {@code _cell_length_*}/{@code _cell_angle_*} in pymatgen's {@code Lattice.from_parameters} frame;
 *   <li>fractional coordinates within 1e-4 (relative) of 1/3 or 2/3 are set to them (pymatgen's frac_tolerance);
 *   <li>element from {@code _atom_site_type_symbol}, else the label (first two characters if an element, else the
 *       first: {@code Fe2+} -> Fe, {@code O2-} -> O);
 *   <li>atoms of the asymmetric unit that coincide with another atom or its symmetry image (within the site
 *       tolerance) become one disordered site, rejected when the occupancies then exceed 1 (the rule of every reader,
 *       {@link CoincidentAtoms});
 *   <li>the cell must lie within {@link CellLimits} (lengths, angles, aspect ratio, volume per atom by occupancy);
 *   <li>each site is expanded with all operations, wrapped into [0, 1), and images closer than the site tolerance to
 *       an earlier image with the same species are dropped (the first image is kept; pymatgen's {@code _unique_coords}
 *       per composition); an image on a site with other species is an error (the operations are not a group);
 *   <li>zero-occupancy atoms and {@code _atom_site_calc_flag dum} atoms are skipped with a warning.
 * </ul>
 * Sites keep the file's order (pymatgen additionally sorts them by electronegativity).
 */
final class CifReader {

    static final String FORMAT = "cif";

    /** pymatgen's frac_tolerance: coordinates this close (relative) to 1/3 or 2/3 are set to them. */
    private static final double THIRDS_TOLERANCE = 1e-4;
    private static final double[] THIRDS = {1.0 / 3.0, 2.0 / 3.0};

    private static final String[] OPERATION_TAGS = {
        "_symmetry_equiv_pos_as_xyz", "_space_group_symop_operation_xyz",
    };
    private static final String[] HALL_TAGS = {"_space_group_name_hall", "_symmetry_space_group_name_hall"};
    private static final String[] HERMANN_MAUGUIN_TAGS = {
        "_space_group_name_h-m_alt", "_symmetry_space_group_name_h-m",
    };
    private static final String[] SPACE_GROUP_NUMBER_TAGS = {"_space_group_it_number", "_symmetry_int_tables_number"};
    private static final String[] CELL_TAGS = {
        "_cell_length_a", "_cell_length_b", "_cell_length_c", "_cell_angle_alpha", "_cell_angle_beta",
        "_cell_angle_gamma",
    };
    private static final String[] FRACT = {"_atom_site_fract_x", "_atom_site_fract_y", "_atom_site_fract_z"};
    private static final String[] CARTN = {"_atom_site_cartn_x", "_atom_site_cartn_y", "_atom_site_cartn_z"};

    private CifReader() {
    }

    /** Reads every data block that has atom sites. */
    static List<ParsedStructure> read(char[] chars, int length, String source, ReadOptions options) {
        List<CifBlock> blocks = CifParser.parse(chars, length);
        if (blocks.isEmpty()) {
            throw new StructureException(FORMAT, 0, null, "no data_ block found");
        }
        List<ParsedStructure> out = new ArrayList<>();
        for (CifBlock block : blocks) {
            if (block.has(FRACT[0]) || block.has(CARTN[0]) || block.has("_atom_site_label")
                    || block.has("_atom_site_type_symbol")) {
                out.add(readBlock(block, source, options));
            }
        }
        if (out.isEmpty()) {
            throw new StructureException(FORMAT, blocks.get(0).line, "_atom_site_fract_x",
                    "no data block has atom sites (_atom_site_fract_* or _atom_site_Cartn_*)");
        }
        return out;
    }

    private static ParsedStructure readBlock(CifBlock block, String source, ReadOptions options) {
        List<String> warnings = new ArrayList<>(0);
        for (CifBlock.Duplicate d : block.duplicates) {
            if (d.tag().startsWith("_cell_") || d.tag().startsWith("_atom_site_") || d.tag().startsWith("_symmetry_")
                    || d.tag().startsWith("_space_group_")) {
                throw new StructureException(FORMAT, d.line(), d.tag(), "tag " + d.tag() + " appears twice in data block "
                        + block.name);
            }
            warnings.add("tag " + d.tag() + " appears twice (line " + d.line() + "); the first value is used");
        }
        Lattice lattice = lattice(block);
        List<SymmetryOperation> ops = operations(block, lattice, warnings);
        Atoms atoms = atoms(block, lattice, options, warnings);
        Structure structure = expand(block, lattice, ops, atoms, options, warnings);
        return new ParsedStructure(source, block.name, Format.CIF, structure, warnings);
    }

    // ---- cell ----

    private static Lattice lattice(CifBlock block) {
        double[] p = new double[6];
        for (int i = 0; i < 6; i++) {
            int v = block.single(CELL_TAGS[i]);
            if (v < 0) {
                throw new StructureException(FORMAT, block.line, CELL_TAGS[i], block.has(CELL_TAGS[i])
                        ? CELL_TAGS[i] + " has several values" : "missing " + CELL_TAGS[i] + " in data block " + block.name);
            }
            p[i] = number(block, v, CELL_TAGS[i]);
        }
        Lattice lattice;
        try {
            lattice = Lattice.fromParameters(p[0], p[1], p[2], p[3], p[4], p[5]);
        } catch (StructureException e) {
            throw new StructureException(FORMAT, block.values.line[block.single(CELL_TAGS[0])], "_cell", e.getMessage());
        }
        return CellLimits.check(lattice, cellWhere(block));
    }

    /** Reports a violated cell limit at the tag of the length or angle concerned, else at {@code _cell_length_a}. */
    private static CellLimits.Where cellWhere(CifBlock block) {
        return (part, message) -> {
            String tag = part >= 0 ? CELL_TAGS[part] : CELL_TAGS[0];
            return new StructureException(FORMAT, block.values.line[block.single(tag)], part >= 0 ? tag : "_cell",
                    message);
        };
    }

    private static double number(CifBlock block, int v, String tag) {
        CifValues vals = block.values;
        if (vals.isMissing(block.buf, v)) {
            throw new StructureException(FORMAT, vals.line[v], tag, tag + " is '" + block.text(v) + "' (unknown)");
        }
        double x = Numbers.parse(block.buf, vals.start[v], vals.end[v], true);
        if (Double.isNaN(x)) {
            throw new StructureException(FORMAT, vals.line[v], tag, tag + " value '" + shorten(block.text(v))
                    + "' is not a number");
        }
        return x;
    }

    // ---- symmetry ----

    /**
     * The block's symmetry operations: as listed, or else generated from its Hall symbol, Hermann-Mauguin symbol or
     * space-group number (in that order of preference; a number given beside a symbol must agree with it), or else
     * the identity with a warning.
     */
    private static List<SymmetryOperation> operations(CifBlock block, Lattice lattice, List<String> warnings) {
        for (String tag : OPERATION_TAGS) {
            int count = block.count(tag);
            if (count == 0) {
                continue;
            }
            List<SymmetryOperation> ops = new ArrayList<>(count);
            for (int r = 0; r < count; r++) {
                int v = block.value(tag, r);
                try {
                    ops.add(SymmetryOperation.parse(block.text(v)));
                } catch (IllegalArgumentException e) {
                    throw new StructureException(FORMAT, block.values.line[v], tag, e.getMessage());
                }
            }
            return ops;
        }
        String numberTag = firstGiven(block, SPACE_GROUP_NUMBER_TAGS);
        String symbolTag = firstGiven(block, HALL_TAGS);
        if (symbolTag == null) {
            symbolTag = firstGiven(block, HERMANN_MAUGUIN_TAGS);
        }
        if (symbolTag == null && numberTag == null) {
            warnings.add("no symmetry operations and no space group: read as P1");
            return List.of(SymmetryOperation.IDENTITY);
        }
        String tag = symbolTag != null ? symbolTag : numberTag;
        int v = block.single(tag);
        String text = block.text(v);
        SpaceGroups.Found found;
        try {
            if (symbolTag == null) {
                found = SpaceGroups.byNumber(spaceGroupNumber(block, numberTag), lattice);
            } else if (tag.endsWith("_hall")) {
                found = SpaceGroups.byHall(text);
            } else {
                found = SpaceGroups.byHermannMauguin(text, lattice);
            }
        } catch (IllegalArgumentException e) {
            throw new StructureException(FORMAT, block.values.line[v], tag, e.getMessage());
        }
        if (symbolTag != null && numberTag != null
                && spaceGroupNumber(block, numberTag) != found.setting().number()) {
            int n = block.single(numberTag);
            throw new StructureException(FORMAT, block.values.line[n], numberTag, numberTag + " is "
                    + block.text(n).strip() + " but " + tag + " '" + text.strip() + "' is space group No. "
                    + found.setting().number());
        }
        if (found.setting().number() > 1) {
            warnings.add(found.note());
        }
        return found.setting().operations();
    }

    /** The first of the tags with a single known value in the block, or null. */
    private static String firstGiven(CifBlock block, String[] tags) {
        for (String tag : tags) {
            int v = block.single(tag);
            if (v >= 0 && !block.values.isMissing(block.buf, v)) {
                return tag;
            }
        }
        return null;
    }

    private static int spaceGroupNumber(CifBlock block, String tag) {
        int v = block.single(tag);
        String text = block.text(v).strip();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new StructureException(FORMAT, block.values.line[v], tag, tag + " '" + text
                    + "' is not a space-group number");
        }
    }

    // ---- atoms of the asymmetric unit ----

    /** The atoms as read: element, occupancy, wrapped fractional position, label and line per atom. */
    private record Atoms(int[] z, double[] occupancy, double[] frac, String[] label, int[] line, int count) {
    }

    private static Atoms atoms(CifBlock block, Lattice lattice, ReadOptions options, List<String> warnings) {
        boolean fractional = block.has(FRACT[0]);
        String[] coordTags = fractional ? FRACT : CARTN;
        for (String t : coordTags) {
            if (!block.has(t)) {
                throw new StructureException(FORMAT, block.line, t, "missing " + t);
            }
        }
        int loop = block.loopOf(coordTags[0]);
        int rows = block.count(coordTags[0]);
        String[] optionalTags = {"_atom_site_label", "_atom_site_type_symbol", "_atom_site_occupancy",
            "_atom_site_calc_flag", coordTags[1], coordTags[2]};
        for (String t : optionalTags) {
            if (block.has(t) && (block.loopOf(t) != loop || block.count(t) != rows)) {
                throw new StructureException(FORMAT, block.line, t, t + " is not in the same loop as " + coordTags[0]);
            }
        }
        boolean hasType = block.has("_atom_site_type_symbol");
        boolean hasLabel = block.has("_atom_site_label");
        if (!hasType && !hasLabel) {
            throw new StructureException(FORMAT, block.line, "_atom_site_type_symbol",
                    "atom sites have neither _atom_site_type_symbol nor _atom_site_label");
        }
        if (rows > options.maxSites()) {
            throw new StructureException(FORMAT, block.line, coordTags[0], rows + " atom sites exceed the limit of "
                    + options.maxSites());
        }
        boolean hasOcc = block.has("_atom_site_occupancy");
        boolean hasFlag = block.has("_atom_site_calc_flag");
        CifValues vals = block.values;
        char[] buf = block.buf;
        int[] zs = new int[rows];
        double[] occ = new double[rows];
        double[] frac = new double[3 * rows];
        String[] labels = new String[rows];
        int[] lines = new int[rows];
        double[] cartToFrac = fractional ? null : cartesianToFractional(lattice, warnings);
        java.util.Set<String> substituted = new java.util.HashSet<>(); // symbols read as another element, warned once
        int n = 0;
        for (int r = 0; r < rows; r++) {
            int labelV = hasLabel ? block.value("_atom_site_label", r) : -1;
            int typeV = hasType ? block.value("_atom_site_type_symbol", r) : -1;
            int lineNo = vals.line[block.value(coordTags[0], r)];
            String label = labelV >= 0 ? block.text(labelV) : block.text(typeV);
            if (hasFlag) {
                int fv = block.value("_atom_site_calc_flag", r);
                if (block.text(fv).equalsIgnoreCase("dum")) {
                    warnings.add("dummy atom '" + label + "' (_atom_site_calc_flag dum) skipped");
                    continue;
                }
            }
            int symV = typeV >= 0 && !vals.isMissing(buf, typeV) ? typeV : labelV;
            if (symV < 0 || vals.isMissing(buf, symV)) {
                throw new StructureException(FORMAT, lineNo, "_atom_site_type_symbol", "atom " + (r + 1)
                        + " has no element symbol");
            }
            int z = ElementSymbols.fromLabel(buf, vals.start[symV], vals.end[symV]);
            if (z == 0) {
                throw new StructureException(FORMAT, lineNo, symV == typeV ? "_atom_site_type_symbol" : "_atom_site_label",
                        ElementSymbols.unknown(block.text(symV)) + " for atom '" + shorten(label) + "'");
            }
            String readAs = ElementSymbols.substitution(buf[vals.start[symV]], z);
            if (readAs != null && substituted.add(block.text(symV))) {
                warnings.add("'" + shorten(block.text(symV)) + "' (atom '" + shorten(label) + "' and any others) read as "
                        + readAs);
            }
            double o = 1.0;
            if (hasOcc) {
                int ov = block.value("_atom_site_occupancy", r);
                if (!vals.isMissing(buf, ov)) {
                    o = number(block, ov, "_atom_site_occupancy");
                    if (o < 0 || o > 1 + Site.OCCUPANCY_TOLERANCE) {
                        throw new StructureException(FORMAT, lineNo, "_atom_site_occupancy", "occupancy " + block.text(ov)
                                + " of atom '" + label + "' is outside [0, 1]");
                    }
                    if (o == 0) {
                        warnings.add("atom '" + label + "' has occupancy 0 and was skipped");
                        continue;
                    }
                }
            }
            double[] c = new double[3];
            for (int k = 0; k < 3; k++) {
                c[k] = number(block, block.value(coordTags[k], r), coordTags[k]);
            }
            if (fractional) {
                for (int k = 0; k < 3; k++) {
                    for (double third : THIRDS) {
                        if (Math.abs(c[k] / third - 1) <= THIRDS_TOLERANCE) {
                            c[k] = third;
                        }
                    }
                }
            } else {
                double x = c[0];
                double y = c[1];
                double zc = c[2];
                c[0] = x * cartToFrac[0] + y * cartToFrac[3] + zc * cartToFrac[6];
                c[1] = x * cartToFrac[1] + y * cartToFrac[4] + zc * cartToFrac[7];
                c[2] = x * cartToFrac[2] + y * cartToFrac[5] + zc * cartToFrac[8];
            }
            for (int k = 0; k < 3; k++) { // checked here, with line and tag: the sites are built from wrapped copies
                Optional<String> far = Site.farFromCell(shorten(label), c[k]);
                if (far.isPresent()) {
                    throw new StructureException(FORMAT, lineNo, coordTags[k], far.get());
                }
            }
            zs[n] = z;
            occ[n] = o;
            frac[3 * n] = c[0];
            frac[3 * n + 1] = c[1];
            frac[3 * n + 2] = c[2];
            labels[n] = label;
            lines[n] = lineNo;
            n++;
        }
        if (n == 0) {
            throw new StructureException(FORMAT, block.line, coordTags[0], "data block " + block.name + " has no atoms");
        }
        return new Atoms(zs, occ, frac, labels, lines, n);
    }

    /**
     * Row-vector matrix turning CIF Cartesian coordinates into fractional ones, with the CIF/PDB default orthogonal
     * frame: a along x, b in the xy plane, c completing a right-handed set.
     */
    private static double[] cartesianToFractional(Lattice lattice, List<String> warnings) {
        double a = lattice.a();
        double b = lattice.b();
        double c = lattice.c();
        double ca = Math.cos(Math.toRadians(lattice.alpha()));
        double cb = Math.cos(Math.toRadians(lattice.beta()));
        double cg = Math.cos(Math.toRadians(lattice.gamma()));
        double sg = Math.sin(Math.toRadians(lattice.gamma()));
        double cy = c * (ca - cb * cg) / sg;
        double cz = Math.sqrt(Math.max(0, c * c - (c * cb) * (c * cb) - cy * cy));
        double[][] inv = new Lattice(new double[][] {{a, 0, 0}, {b * cg, b * sg, 0}, {c * cb, cy, cz}}).inverse();
        warnings.add("Cartesian coordinates read in the CIF default frame (a along x, b in the xy plane)");
        return new double[] {inv[0][0], inv[0][1], inv[0][2], inv[1][0], inv[1][1], inv[1][2], inv[2][0], inv[2][1],
            inv[2][2]};
    }

    // ---- merging and symmetry expansion ----

    private static Structure expand(CifBlock block, Lattice lattice, List<SymmetryOperation> ops, Atoms atoms,
            ReadOptions options, List<String> warnings) {
        double tol = options.siteToleranceFractional();
        double disagreement = tol * CoincidentAtoms.DISAGREEMENT_FRACTION_OF_TOLERANCE;
        int n = atoms.count;
        // atoms of the asymmetric unit on one position (or on a symmetry image of another) become one site
        CoincidentAtoms generators = new CoincidentAtoms(n, options, a -> "'" + atoms.label[a] + "'",
                (a, message) -> new StructureException(FORMAT, atoms.line[a], "_atom_site_occupancy", message));
        List<Integer> firstAtom = new ArrayList<>(n); // the atom whose position and label each generator keeps
        double[] f = new double[3];
        double[] img = new double[3];
        for (int i = 0; i < n; i++) {
            f[0] = atoms.frac[3 * i];
            f[1] = atoms.frac[3 * i + 1];
            f[2] = atoms.frac[3 * i + 2];
            int match = -1;
            double dist = 0;
            if (generators.size() > 0) {
                for (SymmetryOperation op : ops) {
                    op.apply(f, img);
                    double x = FractionalGrid.wrap(img[0]);
                    double y = FractionalGrid.wrap(img[1]);
                    double z = FractionalGrid.wrap(img[2]);
                    match = generators.find(x, y, z);
                    if (match >= 0) {
                        dist = generators.offset(match, x, y, z);
                        break;
                    }
                }
            }
            List<Species> species = List.of(new Species(atoms.z[i], atoms.occupancy[i]));
            if (match < 0) {
                generators.add(FractionalGrid.wrap(f[0]), FractionalGrid.wrap(f[1]), FractionalGrid.wrap(f[2]), species,
                        i);
                firstAtom.add(i);
            } else {
                generators.merge(match, species, i, dist, warnings);
            }
        }
        // Expand each merged site with every operation. An image within the tolerance of an earlier image is dropped
        // when both carry the same species (pymatgen's _unique_coords works per composition group, keeping the first);
        // an image on top of a site with other species means the operations do not form a group: an error.
        List<Site> sites = new ArrayList<>(Math.min(options.maxSites(), generators.size() * ops.size()));
        FractionalGrid images = new FractionalGrid((int) Math.min(options.maxSites(), (long) generators.size() * ops.size()),
                tol);
        List<List<Species>> imageSpecies = new ArrayList<>();
        double atomsInCell = 0;
        for (int g = 0; g < generators.size(); g++) {
            int first = firstAtom.get(g);
            List<Species> species = generators.species(g);
            double siteOccupancy = 0;
            for (Species sp : species) {
                siteOccupancy += sp.occupancy();
            }
            f[0] = atoms.frac[3 * first];
            f[1] = atoms.frac[3 * first + 1];
            f[2] = atoms.frac[3 * first + 2];
            int firstImage = sites.size();
            double worst = 0;
            for (SymmetryOperation op : ops) {
                op.apply(f, img);
                double x = FractionalGrid.wrap(img[0]);
                double y = FractionalGrid.wrap(img[1]);
                double z = FractionalGrid.wrap(img[2]);
                int hit = images.find(x, y, z);
                if (hit >= 0) {
                    if (hit >= firstImage || imageSpecies.get(hit).equals(species)) {
                        worst = Math.max(worst, images.distance(hit, x, y, z));
                        if (hit < firstImage) {
                            warnings.add("an image of atom '" + atoms.label[first] + "' coincides with site '"
                                    + sites.get(hit).label() + "' of the same species and was dropped");
                        }
                        continue;
                    }
                    throw new StructureException(FORMAT, atoms.line[first], "_atom_site_label", "a symmetry image of atom '"
                            + atoms.label[first] + "' lies on site '" + sites.get(hit).label()
                            + "' with other species: the symmetry operations do not form a group");
                }
                if (sites.size() >= options.maxSites()) {
                    throw new StructureException(FORMAT, atoms.line[first], "_atom_site_fract_x",
                            "symmetry expansion exceeds the limit of " + options.maxSites() + " sites");
                }
                images.add(x, y, z);
                imageSpecies.add(species);
                atomsInCell += siteOccupancy;
                try {
                    sites.add(new Site(species, new double[] {x, y, z}, atoms.label[first]));
                } catch (StructureException e) {
                    throw new StructureException(FORMAT, atoms.line[first], "_atom_site_label", e.getMessage());
                }
            }
            if (worst > disagreement) {
                warnings.add("symmetry images of atom '" + atoms.label[first] + "' that differ by up to "
                        + String.format(Locale.ROOT, "%.2g", worst) + " (fractional) were merged into one site");
            }
        }
        CellLimits.checkVolumePerAtom(lattice, atomsInCell, cellWhere(block));
        try {
            return new Structure(lattice, sites);
        } catch (StructureException e) {
            throw new StructureException(FORMAT, block.line, null, e.getMessage());
        }
    }

    static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}

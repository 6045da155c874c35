package io.dataseq.files;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The one order of class names, so that a class's index is the same wherever its names come from. */
final class ClassNames {
    /**
     * Names that are whole numbers ({@code 0-9} only) first, by value, so "2" comes before "10"; then every other
     * name in {@link String#compareTo} order (Unicode, the same in every locale). Ties of value ("01", "1") by text.
     */
    static final Comparator<String> ORDER = ClassNames::compare;

    private ClassNames() {}

    /** The distinct names, in {@link #ORDER}: index {@code i} of the result is class {@code i}. */
    static List<String> sorted(Collection<String> names) {
        List<String> sorted = new ArrayList<>(new HashSet<>(names));
        sorted.sort(ORDER);
        return List.copyOf(sorted);
    }

    /** Checks names a user gave, in index order: at least one, none null or empty, no name twice. */
    static List<String> checked(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("the class names are empty; give at least one");
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a class name is " + (name == null ? "null" : "empty") + " in "
                        + names);
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("class name \"" + name + "\" appears twice in " + names);
            }
        }
        return List.copyOf(names);
    }

    private static int compare(String a, String b) {
        boolean aNumber = isWholeNumber(a);
        boolean bNumber = isWholeNumber(b);
        if (aNumber != bNumber) {
            return aNumber ? -1 : 1;
        }
        if (aNumber) {
            String aDigits = withoutLeadingZeros(a);
            String bDigits = withoutLeadingZeros(b);
            int byValue = aDigits.length() != bDigits.length()
                    ? Integer.compare(aDigits.length(), bDigits.length())
                    : aDigits.compareTo(bDigits);
            if (byValue != 0) {
                return byValue;
            }
        }
        return a.compareTo(b);
    }

    private static boolean isWholeNumber(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String withoutLeadingZeros(String digits) {
        int first = 0;
        while (first < digits.length() - 1 && digits.charAt(first) == '0') {
            first++;
        }
        return digits.substring(first);
    }
}

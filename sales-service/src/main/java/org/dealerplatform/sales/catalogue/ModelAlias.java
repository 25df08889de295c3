package org.dealerplatform.sales.catalogue;

import java.util.Locale;

/**
 * A free-text spelling staff used for a model (e.g. {@code 帕萨特}, {@code passat}) and the catalogue model it means
 * (SAL-12). Aliases match regardless of case and of repeated or surrounding spaces.
 */
public record ModelAlias(String alias, String modelId) {

    /** The form an alias is stored and looked up under: trimmed, inner spaces collapsed, lower case. */
    public static String key(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}

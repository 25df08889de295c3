package org.dealerplatform.sales.lead;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** How the leads opened in a period ended up, per source and in total: which sources convert to sales (SAL-10). */
public record LeadConversion(List<Line> bySource, Line total) {

    /** Leads of one source (or all). */
    public record Line(String source, int opened, int converted, int lost, int open, BigDecimal conversionPercent) {
    }

    public static LeadConversion of(List<Lead> leads) {
        Map<Lead.Source, List<Lead>> bySource = new EnumMap<>(Lead.Source.class);
        leads.forEach(l -> bySource.computeIfAbsent(l.source(), s -> new ArrayList<>()).add(l));
        List<Line> lines = new ArrayList<>();
        bySource.forEach((source, theirs) -> lines.add(line(source.name(), theirs)));
        return new LeadConversion(lines, line("total", leads));
    }

    private static Line line(String source, List<Lead> leads) {
        int converted = (int) leads.stream().filter(l -> l.status() == Lead.Status.CONVERTED).count();
        int lost = (int) leads.stream().filter(l -> l.status() == Lead.Status.LOST).count();
        int opened = leads.size();
        return new Line(source, opened, converted, lost, opened - converted - lost,
                opened == 0 ? null : BigDecimal.valueOf(converted * 10_000L / opened, 2));
    }
}

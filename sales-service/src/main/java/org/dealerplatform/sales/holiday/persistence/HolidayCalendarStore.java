package org.dealerplatform.sales.holiday.persistence;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.dealerplatform.sales.holiday.ChinaHolidays;
import org.dealerplatform.sales.holiday.HolidayCalendar;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Holiday calendars in collection {@code holiday_calendars}, one document per year ({@code _id} = the year); an empty
 * installation gets {@link ChinaHolidays#ALL}.
 */
@Component
public class HolidayCalendarStore {

    public static final String COLLECTION = "holiday_calendars";

    private final MongoTemplate mongo;

    public HolidayCalendarStore(MongoTemplate mongo) {
        this.mongo = mongo;
        for (HolidayCalendar calendar : ChinaHolidays.ALL) {
            if (mongo.findById(calendar.year(), Document.class, COLLECTION) == null) {
                save(calendar, "seed");
            }
        }
    }

    public void save(HolidayCalendar calendar, String by) {
        List<Document> holidays = calendar.holidays().stream()
                .map(h -> new Document("date", h.date().toString()).append("name", h.name())).toList();
        mongo.save(new Document("_id", calendar.year()).append("holidays", holidays)
                .append("workingDays", calendar.workingDays().stream().map(LocalDate::toString).toList())
                .append("source", calendar.source()).append("enteredBy", by), COLLECTION);
    }

    public Optional<HolidayCalendar> of(int year) {
        return Optional.ofNullable(mongo.findById(year, Document.class, COLLECTION)).map(HolidayCalendarStore::calendar);
    }

    private static HolidayCalendar calendar(Document d) {
        return new HolidayCalendar(d.getInteger("_id"),
                d.getList("holidays", Document.class).stream()
                        .map(h -> new HolidayCalendar.Holiday(LocalDate.parse(h.getString("date")), h.getString("name"))).toList(),
                d.getList("workingDays", String.class).stream().map(LocalDate::parse).toList(), d.getString("source"));
    }
}

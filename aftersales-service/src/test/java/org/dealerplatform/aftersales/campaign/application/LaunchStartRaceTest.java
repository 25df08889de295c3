package org.dealerplatform.aftersales.campaign.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;

import org.dealerplatform.aftersales.campaign.Campaign;
import org.dealerplatform.aftersales.campaign.persistence.CampaignStore;
import org.dealerplatform.aftersales.campaign.persistence.LaunchQueue;
import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.web.servlet.MockMvc;

/**
 * REL-4, AFT-4: a launch is listed in the queue before its campaign is saved as running. The resume runner (every 5 s,
 * on any instance) could come in between, take the listed launch for a crashed start and drop it; the campaign was
 * then saved RUNNING with no job left to run it, and its invitations were never made (the fault suite, two campaigns of
 * sixteen, under load). The runner now leaves a young entry of a launch the campaign does not know yet.
 */
@ServiceTest
class LaunchStartRaceTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CampaignStore campaigns;
    @Autowired
    LaunchQueue queue;
    @Autowired
    CampaignLaunches launches;
    @Autowired
    BusinessCalendar calendar;

    @Test
    @DisplayName("REL-4 AFT-4 the resume runner between a start's listing and its save leaves the launch listed; the start's own run then finishes it")
    void resumeBetweenListingAndSaveKeepsTheLaunch() throws Exception {
        String manager = DevTokens.bearer("manager", "RACE-" + Fixtures.runPrefix(), "BRANCH_MANAGER");
        String id = Fixtures.planCampaign(mvc, manager, "免费检测", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(10), 10);

        // start(), step by step: the launch is listed ...
        Campaign campaign = campaigns.findById(id).orElseThrow();
        assertThat(campaign.startLaunch("launch-raced", calendar.today(), calendar.now())).isTrue();
        queue.enqueue(id, "launch-raced");
        // ... the resume runner takes it before the campaign is saved ...
        launches.run(id);
        assertThat(queue.entry(id)).as("the launch stays listed, its lease given up").isPresent().get()
                .satisfies(entry -> assertThat(entry.launchId()).isEqualTo("launch-raced"))
                .satisfies(entry -> assertThat(entry.leaseUntil()).isBefore(calendar.now()));
        // ... the campaign is saved, and the start's own run (or the next resume) makes the launch
        campaigns.update(campaign);
        launches.run(id);
        Campaign.Launch launch = campaigns.findById(id).orElseThrow().launch();
        assertThat(launch.id()).isEqualTo("launch-raced");
        assertThat(launch.running()).as("the launch ran to its end").isFalse();
        assertThat(queue.entry(id)).isEmpty();
    }

    @Test
    @DisplayName("REL-4 a launch listed by a start that died before saving its campaign is dropped once the grace has passed")
    void crashedStartIsDroppedAfterTheGrace() throws Exception {
        String manager = DevTokens.bearer("manager", "RACE-" + Fixtures.runPrefix(), "BRANCH_MANAGER");
        String id = Fixtures.planCampaign(mvc, manager, "免费检测", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(10), 10);
        queue.enqueue(id, "launch-never-saved");
        // listed longer ago than the grace: the start died between its listing and its save
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().set("enqueuedAt",
                Date.from(calendar.now().minus(CampaignLaunches.START_GRACE).minusSeconds(1))), LaunchQueue.COLLECTION);
        launches.run(id);
        assertThat(queue.entry(id)).isEmpty();
        assertThat(campaigns.findById(id).orElseThrow().launch()).isNull();
    }
}

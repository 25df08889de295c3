package org.dealerplatform.notification.simulator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class SimulatorOffByDefaultTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;

    @Test
    @DisplayName("SEC-6 without dealer.notifications.simulator.enabled (every profile but local and the compose demo switch) the SMS simulator does not exist and its path is not public")
    void simulatorIsOff() throws Exception {
        assertThat(context.getBeansOfType(SmsProviderSimulator.class)).isEmpty();
        mvc.perform(post("/simulator/sms/sms-primary/messages").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"to\":\"13812345678\",\"text\":\"x\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/simulator/sms/sms-primary/messages").header("Authorization", "Bearer " + DevTokens.hq()))
                .andExpect(status().isNotFound());
    }
}

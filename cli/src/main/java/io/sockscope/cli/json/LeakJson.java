package io.sockscope.cli.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sockscope.live.Leak;
import io.sockscope.live.LeakRow;
import io.sockscope.model.Netns;
import io.sockscope.model.ProcessLimits;
import io.sockscope.model.SocketRecord;

import java.io.IOException;
import java.util.function.Function;

/**
 * The members of a leak, the same in {@code watch}'s leak event and in {@code leaks --json}: the detector's
 * kind, the process, the explanation, the kind's figures and the sockets that show it.
 */
final class LeakJson {
    private LeakJson() {
    }

    static void members(JsonGenerator g, Leak leak, Function<SocketRecord, Netns> netnsOf) throws IOException {
        g.writeStringField("kind", leak.kind());
        WatchEventJson.owner(g, leak.process());
        g.writeStringField("explanation", leak.explanation());
        switch (leak) {
            case Leak.CloseWait c -> {
                g.writeNumberField("count", c.count());
                g.writeNumberField("over_age", c.overAge());
                g.writeNumberField("age_threshold_ms", c.thresholdMillis());
                g.writeBooleanField("rising", c.rising());
                g.writeNumberField("growth_per_min", Math.round(c.growthPerMinute() * 10) / 10.0);
                limits(g, c.limits());
                if (c.untilLimitMillis() >= 0) {
                    g.writeNumberField("until_limit_ms", c.untilLimitMillis());
                } else {
                    g.writeNullField("until_limit_ms");
                }
            }
            case Leak.DescriptorHeadroom d -> {
                limits(g, d.limits());
                g.writeNumberField("percent_used", d.percentUsed());
                g.writeNumberField("percent_threshold", d.percentThreshold());
            }
            case Leak.AcceptQueueFull q -> {
                g.writeNumberField("queued", q.queued());
                g.writeNumberField("backlog", q.backlog());
                g.writeNumberField("percent_threshold", q.percentThreshold());
                g.writeNumberField("reads", q.looks());
            }
        }
        g.writeArrayFieldStart("evidence");
        for (LeakRow row : leak.evidence()) {
            g.writeStartObject();
            WatchEventJson.socket(g, row.socket(), netnsOf.apply(row.socket()));
            g.writeNumberField("age_ms", row.age().millis());
            g.writeStringField("age_source", WatchedSocket.ageSource(row.age()));
            g.writeNumberField("in_state_ms", row.inStateMillis());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void limits(JsonGenerator g, ProcessLimits limits) throws IOException {
        if (limits == null) {
            g.writeNullField("fds_open");
            g.writeNullField("fds_soft_limit");
            return;
        }
        g.writeNumberField("fds_open", limits.openDescriptors());
        if (limits.softLimit() >= 0) {
            g.writeNumberField("fds_soft_limit", limits.softLimit());
        } else {
            g.writeNullField("fds_soft_limit");
        }
    }

}

package dev.livedesk.chat;

import java.util.List;

/** Body of {@code PUT /api/conversations/{id}/labels}: the labels the conversation has from now on. */
public record LabelsRequest(List<String> labels) {
}

package org.caseline.ivr.flow;

import java.util.Map;

/** One flow file: its nodes by id and the node a call enters at. */
public record Flow(String id, String file, String start, Map<String, Node> nodes) {

    public Node node(String nodeId) {
        Node node = nodes.get(nodeId);
        if (node == null) {
            throw new IllegalArgumentException("Flow " + id + " has no node " + nodeId);
        }
        return node;
    }
}

// Shared by the pages that stay live: a WebSocket to this site that reconnects by itself (after
// 1 s, doubling up to 30 s, back to 1 s once it holds), written once for the desk, the wallboard
// and the chat widget.
(function () {
    'use strict';
    window.CaseLine = window.CaseLine || {};

    /**
     * Opens {@code path} (e.g. '/ws/desk') and keeps it open. handlers: onOpen(socket), onMessage(data, socket)
     * with the frame parsed as JSON, onClose(). Returns {send(object), close()}.
     */
    window.CaseLine.socket = function (path, handlers) {
        let socket = null;
        let delay = 1000;
        let closed = false;
        function open() {
            socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path);
            socket.onopen = () => { delay = 1000; if (handlers.onOpen) { handlers.onOpen(socket); } };
            socket.onmessage = (m) => {
                let data = null;
                try { data = JSON.parse(m.data); } catch (e) { return; }
                if (handlers.onMessage) { handlers.onMessage(data, socket); }
            };
            socket.onclose = () => {
                if (handlers.onClose) { handlers.onClose(); }
                if (!closed) { setTimeout(open, delay); delay = Math.min(delay * 2, 30000); }
            };
        }
        open();
        return {
            send(object) {
                if (socket && socket.readyState === WebSocket.OPEN) { socket.send(JSON.stringify(object)); return true; }
                return false;
            },
            close() { closed = true; if (socket) { socket.close(); } }
        };
    };
}());

// The virtual assistant's chat panel on public pages. A chat is started on the first question and
// kept in sessionStorage (its id and token), so a reload, or the next page, shows the same
// conversation; the WebSocket brings every message (the assistant's, the person's) and, in line,
// the visitor's place and wait. Texts come from data-* attributes; everything is written with
// textContent, never as HTML.
(function () {
    'use strict';
    const t = document.getElementById('chat-script').dataset;
    const $ = (id) => document.getElementById(id);
    const KEY = 'caseline.chat';
    let chat = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    let socket = null;
    let shown = 0;          // the last message shown
    let typingTimer = null;
    let lastTyping = 0;

    function api(method, path, body) {
        const headers = { 'Accept': 'application/json', 'Content-Type': 'application/json' };
        if (chat) { headers['X-Chat-Token'] = chat.token; }
        return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
            .then(async (r) => {
                const text = await r.text();
                const json = text ? JSON.parse(text) : null;
                if (!r.ok) { const e = new Error((json && json.message) || ('HTTP ' + r.status)); e.status = r.status; throw e; }
                return json;
            });
    }

    function open() {
        $('chat-panel').hidden = false;
        $('chat-open').setAttribute('aria-expanded', 'true');
        $('chat-input').focus();
        if (chat) { resume(); }
    }

    function close() {
        $('chat-panel').hidden = true;
        $('chat-open').setAttribute('aria-expanded', 'false');
        $('chat-open').focus();
    }

    function ensureChat() {
        if (chat) { return Promise.resolve(chat); }
        return api('POST', '/api/chats', { language: t.lang }).then((c) => {
            chat = { id: c.chatId, token: c.token };
            sessionStorage.setItem(KEY, JSON.stringify(chat));
            connect();
            return chat;
        });
    }

    function resume() {
        if (socket) { return; }
        api('GET', '/api/chats/' + chat.id).then((transcript) => {
            transcript.messages.forEach(show);
            status(transcript);
            connect();
        }).catch((e) => {
            if (e.status === 404) { forget(); }
        });
    }

    function forget() {
        chat = null;
        sessionStorage.removeItem(KEY);
        if (socket) { socket.close(); socket = null; }
        shown = 0;
        $('chat-log').replaceChildren();
    }

    function connect() {
        if (socket || !chat) { return; }
        socket = window.CaseLine.socket('/ws/chats/' + chat.id, {
            onOpen: (s) => s.send(JSON.stringify({ type: 'hello', token: chat.token, after: shown })),
            onMessage: (data) => {
                if (data.type === 'message') { show(data); }
                if (data.type === 'state') { status(data); }
                if (data.type === 'typing') { typing(); }
            },
            onClose: () => { $('chat-status').textContent = t.reconnecting; }
        });
    }

    function who(from) {
        return { visitor: t.you, assistant: t.assistant, agent: t.agent }[from] || t.notice;
    }

    function show(m) {
        if (m.seq <= shown) { return; }
        shown = m.seq;
        const item = document.createElement('div');
        item.className = 'caseline-chat__message caseline-chat__message--' + m.from;
        const name = document.createElement('p');
        name.className = 'caseline-chat__who';
        name.textContent = who(m.from);
        const text = document.createElement('p');
        text.className = 'caseline-chat__text';
        text.textContent = m.text;
        item.append(name, text);
        const extra = m.extra || {};
        if (extra.sources && extra.sources.length) {
            const more = document.createElement('p');
            more.textContent = t.more + ' ';
            extra.sources.forEach((s) => {
                const a = document.createElement('a');
                a.className = 'usa-link';
                a.href = s.url.startsWith('/') ? s.url : '/';
                a.textContent = s.title;
                more.append(a, ' ');
            });
            item.append(more);
        }
        if (extra.suggestions && extra.suggestions.length) {
            const tries = document.createElement('p');
            tries.textContent = t.try + ' ';
            extra.suggestions.forEach((s) => {
                const b = document.createElement('button');
                b.type = 'button';
                b.className = 'usa-button usa-button--unstyled caseline-chat__suggestion';
                b.textContent = s;
                b.addEventListener('click', () => ask(s));
                tries.append(b, ' ');
            });
            item.append(tries);
        }
        if (extra.turn && extra.intent === 'answer') {
            item.append(feedback(extra.turn));
        }
        if (extra.offer === 'message') { $('chat-offer-message').hidden = false; }
        if (extra.offer === 'person') { $('chat-person').focus(); }
        $('chat-log').append(item);
        $('chat-log').scrollTop = $('chat-log').scrollHeight;
        $('chat-typing').textContent = '';
    }

    function feedback(turn) {
        const p = document.createElement('p');
        p.className = 'caseline-chat__helpful';
        p.append(t.helpful + ' ');
        [[t.yes, true], [t.no, false]].forEach(([label, helpful]) => {
            const b = document.createElement('button');
            b.type = 'button';
            b.className = 'usa-button usa-button--unstyled';
            b.textContent = label;
            b.addEventListener('click', () => {
                api('POST', '/api/assistant/turns/' + turn + '/feedback', { helpful }).then(() => { p.textContent = t.thanks; });
            });
            p.append(b, ' ');
        });
        return p;
    }

    function status(s) {
        let text = '';
        if (s.state === 'WAITING' && s.position) {
            text = t.waiting.replace('{0}', s.position).replace('{1}', Math.max(1, Math.round((s.waitSeconds || 0) / 60)));
        } else if (s.state === 'CONNECTED') {
            text = t.connected.replace('{0}', s.agent || '');
        } else if (s.state === 'ENDED') {
            text = t.ended;
        }
        $('chat-status').textContent = text;
        $('chat-person').hidden = s.state === 'WAITING' || s.state === 'CONNECTED';
        if (s.state === 'NO_ONE') { $('chat-offer-message').hidden = false; }
    }

    function typing() {
        $('chat-typing').textContent = t.typing;
        clearTimeout(typingTimer);
        typingTimer = setTimeout(() => { $('chat-typing').textContent = ''; }, 4000);
    }

    function error(e) {
        $('chat-error').textContent = e ? e.message : '';
    }

    function ask(text) {
        error(null);
        return ensureChat()
            .then(() => api('POST', '/api/chats/' + chat.id + '/messages', { text }))
            .then((added) => added.forEach(show))
            .catch((e) => {
                if (e.status === 409) { forget(); return ask(text); } // the chat had ended: a new one
                error(e);
            });
    }

    $('chat-open').addEventListener('click', () => ($('chat-panel').hidden ? open() : close()));
    $('chat-close').addEventListener('click', close);
    $('chat-panel').addEventListener('keydown', (e) => { if (e.key === 'Escape') { close(); } });
    $('chat-form').addEventListener('submit', (e) => {
        e.preventDefault();
        const text = $('chat-input').value.trim();
        if (!text) { return; }
        $('chat-input').value = '';
        ask(text);
    });
    $('chat-input').addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); $('chat-form').requestSubmit(); }
    });
    $('chat-input').addEventListener('input', () => {
        const now = Date.now();
        if (socket && now - lastTyping > 3000) { lastTyping = now; socket.send({ type: 'typing' }); }
    });
    $('chat-person').addEventListener('click', () => {
        error(null);
        ensureChat().then(() => api('POST', '/api/chats/' + chat.id + '/person'))
            .then((transcript) => { transcript.messages.forEach(show); status(transcript); })
            .catch(error);
    });
    $('chat-end').addEventListener('click', () => {
        if (!chat) { return; }
        api('POST', '/api/chats/' + chat.id + '/end').then(() => forget()).catch(error);
    });
    $('chat-email-form').addEventListener('submit', (e) => {
        e.preventDefault();
        if (!chat) { return; }
        api('POST', '/api/chats/' + chat.id + '/transcript-email', { email: $('chat-email').value.trim() })
            .then(() => { $('chat-status').textContent = t.emailed; }).catch(error);
    });
    // a conversation under way comes back open on the next page, or after a reload
    if (chat) { open(); }
}());

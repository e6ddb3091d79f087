// The agent's live chats on the desk: each with the whole conversation (the assistant's part too),
// what the assistant understood, a reply box with saved replies, typing shown both ways, end with
// a disposition, transfer and escalation. desk.js's WebSocket tells it when a chat changed
// (event caseline:chats); it reads the chats again from /api/agents/me/chats.
(function () {
    'use strict';
    const t = document.getElementById('desk-chats-script').dataset;
    const $ = (id) => document.getElementById(id);
    const cards = new Map();   // interaction id -> {card, shown}
    let replies = null;
    let counter = 0;

    function api(method, path, body) {
        const headers = { 'Accept': 'application/json' };
        if (method !== 'GET') { headers['Content-Type'] = 'application/json'; headers[t.csrfHeader] = t.csrfToken; }
        return fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) })
            .then(async (r) => {
                const text = await r.text();
                const json = text ? JSON.parse(text) : null;
                if (!r.ok) { throw new Error((json && json.message) || ('HTTP ' + r.status)); }
                return json;
            });
    }

    function who(from) {
        return { visitor: t.visitor, assistant: t.assistant, agent: t.agent }[from] || t.notice;
    }

    function loadReplies() {
        if (replies) { return Promise.resolve(replies); }
        return api('GET', '/api/canned-replies').then((list) => { replies = list; return list; }).catch(() => []);
    }

    function card(chat) {
        const node = $('chat-template').content.firstElementChild.cloneNode(true);
        const n = ++counter;
        // each control gets its own id, and its label points at it
        node.querySelectorAll('label').forEach((label, i) => {
            const control = label.nextElementSibling;
            control.id = 'desk-chat-' + n + '-' + i;
            label.htmlFor = control.id;
        });
        const q = (c) => node.querySelector('.caseline-desk-chat__' + c);
        q('heading').textContent = t.title.replace('{0}', (chat.contactReference || '').replace(/(\d{4})(?=\d)/g, '$1 '));
        const facts = q('facts');
        [[t.language, chat.language === 'es' ? 'Español' : 'English'], [t.understood, chat.understood || '—'],
            [t.note, chat.escalationNote || chat.transferNote || '—']].forEach(([k, v]) => {
            const dt = document.createElement('dt');
            dt.textContent = k;
            const dd = document.createElement('dd');
            dd.textContent = v;
            facts.append(dt, dd);
        });
        loadReplies().then((list) => {
            const select = q('canned');
            if (list.length === 0) { select.append(new Option(t.none, '')); }
            list.filter((r) => !r.language || r.language === chat.language).forEach((r) => select.append(new Option(r.title, r.id)));
        });
        const path = '/api/agents/me/chats/' + chat.interaction;
        const error = (e) => { $('error').textContent = t.error + ' ' + e.message; };
        let lastTyping = 0;
        q('reply').addEventListener('input', () => {
            const now = Date.now();
            if (now - lastTyping > 3000) { lastTyping = now; api('POST', path + '/typing').catch(() => {}); }
        });
        q('send').addEventListener('click', () => {
            const text = q('reply').value.trim();
            if (!text) { return; }
            api('POST', path + '/messages', { text }).then(() => { q('reply').value = ''; refresh(); }).catch(error);
        });
        q('use').addEventListener('click', () => {
            const chosen = (replies || []).find((r) => r.id === q('canned').value);
            if (chosen) { q('reply').value = chosen.body; q('reply').focus(); }
        });
        // the case the visitor named in the chat, by the usual tier rules (each look audited)
        q('show-case').addEventListener('click', () => window.CaseLine.caseInto(q('case'), chat.interaction));
        q('close').addEventListener('click', () => {
            api('POST', path + '/close', { disposition: q('disposition').value }).then(refresh).catch(error);
        });
        q('transfer').addEventListener('click', () => {
            api('POST', path + '/transfer', { queue: q('queue').value, note: q('note').value }).then(refresh).catch(error);
        });
        q('escalate').addEventListener('click', () => {
            api('POST', path + '/escalate', { note: q('note').value }).then(refresh).catch(error);
        });
        node.dataset.interaction = chat.interaction;
        return { card: node, shown: 0 };
    }

    function show(entry, messages) {
        const log = entry.card.querySelector('.caseline-desk-chat__log');
        messages.filter((m) => m.seq > entry.shown).forEach((m) => {
            const li = document.createElement('div');
            li.className = 'caseline-chat__message caseline-chat__message--' + m.from;
            const name = document.createElement('p');
            name.className = 'caseline-chat__who';
            name.textContent = who(m.from);
            const text = document.createElement('p');
            text.textContent = m.text;
            li.append(name, text);
            log.append(li);
            entry.shown = m.seq;
        });
        entry.card.querySelector('.caseline-desk-chat__typing').textContent = '';
    }

    function refresh() {
        return api('GET', '/api/agents/me/chats').then((chats) => {
            const live = new Set(chats.map((c) => c.interaction));
            for (const [id, entry] of cards) {
                if (!live.has(id)) { entry.card.remove(); cards.delete(id); }
            }
            chats.forEach((chat) => {
                let entry = cards.get(chat.interaction);
                if (!entry) {
                    entry = card(chat);
                    cards.set(chat.interaction, entry);
                    $('chats').append(entry.card);
                }
                show(entry, chat.messages);
            });
            $('chats-empty').hidden = chats.length > 0;
        }).catch(() => {});
    }

    document.addEventListener('caseline:chats', (e) => {
        const data = e.detail;
        if (data && data.kind === 'typing') {
            const entry = cards.get(data.interaction);
            if (entry) {
                const line = entry.card.querySelector('.caseline-desk-chat__typing');
                line.textContent = t.typing;
                setTimeout(() => { line.textContent = ''; }, 4000);
            }
            return;
        }
        refresh();
    });
    refresh();
}());

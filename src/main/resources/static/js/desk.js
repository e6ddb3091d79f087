// The agent desktop: the agent's state, the offer with its screen pop, the contact in hand with
// its case panel, notes and hand-offs, and the wrap-up timer. Routing's changes arrive over a
// WebSocket; on each, the page reads the agent's work again from /api/agents/me.
(function () {
    'use strict';
    const script = document.getElementById('desk-script');
    const t = script.dataset;
    const $ = (id) => document.getElementById(id);
    let current = null;        // the interaction in hand (offered, connected or wrapping up)
    let caseShownFor = null;   // the interaction whose case panel is shown: each look is audited, so look once
    let wrapUpUntil = null;

    function api(method, path, body) {
        const headers = { 'Accept': 'application/json' };
        if (method !== 'GET') {
            headers['Content-Type'] = 'application/json';
            headers[t.csrfHeader] = t.csrfToken;
        }
        return fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) })
            .then(async (r) => {
                const text = await r.text();
                const json = text ? JSON.parse(text) : null;
                if (!r.ok) {
                    throw new Error((json && json.message) || ('HTTP ' + r.status));
                }
                return json;
            });
    }

    function showError(e) {
        $('error').textContent = e ? t.error + ' ' + e.message : '';
    }

    function act(promise) {
        showError(null);
        return promise.then(refresh).catch(showError);
    }

    function stateLabel(state) {
        const key = state.toLowerCase().replace('_', '');
        return t['state' + key.charAt(0).toUpperCase() + key.slice(1)] || state;
    }

    function facts(list, i) {
        const a = i.attributes || {};
        const rows = [
            [t.fChannel, i.channel],
            [t.fQueue, i.queue],
            [t.fLine, a.line],
            [t.fLanguage, i.language === 'es' ? 'Español' : 'English'],
            [t.fPath, a.path ? a.path.split('>').join(' → ') : t.none],
            [t.fReceipt, a.receipt || t.none],
            [t.fVerified, a.verified === 'true' ? t.yes : t.no]
        ];
        if (a.escalationNote) { rows.push([t.fEscalation, a.escalationNote]); }
        if (a.previousNotes) { rows.push([t.fNotes, a.previousNotes]); }
        list.replaceChildren();
        for (const [name, value] of rows) {
            const dt = document.createElement('dt');
            dt.textContent = name;
            const dd = document.createElement('dd');
            dd.textContent = value === undefined || value === null ? t.none : value;
            list.append(dt, dd);
        }
    }

    function showCase(i) {
        if (caseShownFor === i.id + (i.attributes.verified || '')) {
            return;
        }
        caseShownFor = i.id + (i.attributes.verified || '');
        const panel = $('case-panel');
        api('GET', '/api/agents/me/interactions/' + i.id + '/case').then((c) => {
            panel.replaceChildren();
            const add = (tag, text, cls) => {
                const e = document.createElement(tag);
                e.textContent = text;
                if (cls) { e.className = cls; }
                panel.append(e);
                return e;
            };
            if (c.level === 'none') {
                add('p', c.message);
                return;
            }
            add('p', c.receiptNumber + ' · ' + c.form + ' · ' + c.statusDate, 'text-bold');
            add('h4', c.title);
            add('p', c.description);
            if (c.level === 'full') {
                add('p', t.caseOffice + ': ' + c.office + ' · ' + t.caseReceived + ': ' + c.receivedDate);
                if (c.applicantReference) { add('p', t.caseApplicant + ': ' + c.applicantReference); }
                add('h4', t.caseHistory);
                const ol = add('ol', '');
                for (const h of c.history) {
                    const li = document.createElement('li');
                    li.textContent = h.date + ': ' + h.status;
                    ol.append(li);
                }
            } else if (c.why) {
                add('p', c.why, 'text-italic');
            }
        }).catch(showError);
    }

    function render(me) {
        const agent = me.agent;
        const i = me.interaction;
        current = i;
        $('state').textContent = stateLabel(agent.state) + (agent.reason ? ' (' + agent.reason + ')' : '');
        $('offer').hidden = !(i && i.state === 'OFFERED');
        $('contact').hidden = !(i && (i.state === 'CONNECTED' || i.state === 'WRAP_UP' || agent.state === 'WRAP_UP'));
        $('in-call-actions').hidden = !(i && i.state === 'CONNECTED');
        $('verify').hidden = !(i && i.state === 'CONNECTED' && i.attributes.verified !== 'true');
        $('wrap-up').hidden = agent.state !== 'WRAP_UP';
        wrapUpUntil = agent.state === 'WRAP_UP' && agent.wrapUpUntil ? Date.parse(agent.wrapUpUntil) : null;
        tick();
        if (i && i.state === 'OFFERED') {
            facts($('offer-facts'), i);
            $('accept').focus();
        }
        if (i && i.state !== 'OFFERED') {
            facts($('contact-facts'), i);
            showCase(i);
        }
    }

    function refresh() {
        return api('GET', '/api/agents/me').then(render).catch(showError);
    }

    function tick() {
        if (wrapUpUntil === null) {
            return;
        }
        const left = Math.max(0, Math.round((wrapUpUntil - Date.now()) / 1000));
        $('wrap-up-timer').textContent = t.wrapupLeft.replace('{0}', left);
    }

    function setState(state, reason) {
        return act(api('PUT', '/api/agents/me/state', { state, reason }));
    }

    function accept() {
        if (current && current.state === 'OFFERED') {
            act(api('POST', '/api/agents/me/interactions/' + current.id + '/accept', {}));
        }
    }

    function reject() {
        if (current && current.state === 'OFFERED') {
            act(api('POST', '/api/agents/me/interactions/' + current.id + '/reject', {}));
        }
    }

    function saveNotes() {
        if (!current) { return; }
        showError(null);
        api('PUT', '/api/agents/me/interactions/' + current.id + '/notes',
            { notes: $('notes').value, disposition: $('disposition').value })
            .then(() => { $('saved').textContent = t.saved; })
            .catch(showError);
    }

    function escalate() {
        if (current && current.state === 'CONNECTED') {
            saveNotesQuietly().then(() =>
                act(api('POST', '/api/agents/me/interactions/' + current.id + '/escalate', { note: $('escalation-note').value })));
        }
    }

    function saveNotesQuietly() {
        if (!current || (!$('notes').value && !$('disposition').value)) { return Promise.resolve(); }
        return api('PUT', '/api/agents/me/interactions/' + current.id + '/notes',
            { notes: $('notes').value, disposition: $('disposition').value }).catch(() => null);
    }

    $('go-available').addEventListener('click', () => setState('AVAILABLE'));
    $('go-break').addEventListener('click', () => setState('BREAK', $('break-reason').value));
    $('go-offline').addEventListener('click', () => setState('OFFLINE'));
    $('ready').addEventListener('click', () => saveNotesQuietly().then(() => setState('AVAILABLE')));
    $('accept').addEventListener('click', accept);
    $('reject').addEventListener('click', reject);
    $('verify').addEventListener('click', () => {
        if (current) { act(api('POST', '/api/agents/me/interactions/' + current.id + '/verify', { method: 'security questions' })); }
    });
    $('notes-form').addEventListener('submit', (e) => { e.preventDefault(); saveNotes(); });
    $('escalate').addEventListener('click', escalate);
    $('transfer').addEventListener('click', () => {
        if (current && current.state === 'CONNECTED') {
            act(api('POST', '/api/agents/me/interactions/' + current.id + '/transfer', { queue: $('transfer-queue').value }));
        }
    });
    document.addEventListener('keydown', (e) => {
        if (!e.altKey || e.ctrlKey || e.metaKey) { return; }
        const key = e.key.toLowerCase();
        const actions = { a: accept, r: reject, s: saveNotes, e: escalate, n: () => $('notes').focus(),
            y: () => saveNotesQuietly().then(() => setState('AVAILABLE')) };
        if (actions[key]) {
            e.preventDefault();
            actions[key]();
        }
    });
    setInterval(tick, 1000);

    function connect() {
        const socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/desk');
        socket.onopen = () => { $('live').textContent = t.liveOn; refresh(); };
        socket.onmessage = () => refresh();
        socket.onclose = () => { $('live').textContent = t.liveOff; setTimeout(connect, 2000); };
    }
    refresh();
    connect();
}());

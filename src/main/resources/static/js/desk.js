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
        // what the agent reads out: the contact's reference, to be written down, with the agent's own public ID
        if (a.contactReference) { rows.push([t.fReference, a.contactReference.replace(/(\d{4})(?=\d)/g, '$1 ')]); }
        if (a.escalationNote) { rows.push([t.fEscalation, a.escalationNote]); }
        if (a['form-order']) { rows.push([t.fFormOrder, a['form-order']]); } // keyed in the IVR: a paper copy to mail
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
        caseInto($('case-panel'), i.id);
    }

    // the case of a contact, by the same tier rules for a call and a written contact (the server decides)
    function caseInto(panel, id) {
        api('GET', '/api/agents/me/interactions/' + id + '/case').then((c) => {
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

    // the chats' cards show their case by the same rules
    window.CaseLine.caseInto = caseInto;

    function render(me) {
        const agent = me.agent;
        const i = me.interaction;
        current = i;
        $('state').textContent = stateLabel(agent.state) + (agent.reason ? ' (' + agent.reason + ')' : '');
        $('public-id').textContent = agent.publicId || t.none;
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
            srPrefill(i);
        }
        if (agent.tier && agent.tier !== agentTier) {
            agentTier = agent.tier;
            srRenderTypes();
        }
        renderInbox(me.messages || []);
    }

    // --- written contacts: the messages the agent holds (due first first), one open at a time
    let openMessageId = null;

    function due(at) {
        return new Date(at).toLocaleString(t.lang, { dateStyle: 'medium', timeStyle: 'short' });
    }

    function renderInbox(messages) {
        const list = $('inbox');
        list.replaceChildren();
        $('inbox-empty').hidden = messages.length > 0;
        messages.forEach((m) => {
            const item = document.createElement('li');
            const button = document.createElement('button');
            button.type = 'button';
            button.className = 'usa-button usa-button--unstyled';
            button.id = 'inbox-' + m.id;
            button.textContent = (m.attributes.reference || m.id) + ' · ' + t.mDue.replace('{0}', due(m.answerBy))
                + (m.state === 'OFFERED' ? ' · ' + t.mNew : '');
            button.addEventListener('click', () => openMessage(m));
            item.appendChild(button);
            list.appendChild(item);
        });
        if (openMessageId && !messages.some((m) => m.id === openMessageId)) {
            openMessageId = null;
            $('message').hidden = true;
        }
    }

    function openMessage(m) {
        showError(null);
        const opened = m.state === 'OFFERED' ? api('POST', '/api/agents/me/interactions/' + m.id + '/accept', {}) : Promise.resolve();
        return opened.then(() => api('GET', '/api/agents/me/interactions/' + m.id + '/thread')).then((thread) => {
            openMessageId = m.id;
            $('message').hidden = false;
            $('message-heading').textContent = thread.reference;
            const facts = $('message-facts');
            facts.replaceChildren();
            const request = thread.kind === 'appointment-request';
            [[t.mFrom, thread.from], [t.fLanguage, thread.language], [t.mTopic, thread.topic], [t.mSubject, thread.subject],
                [t.aType, thread.appointmentType], [t.aOffice, thread.office], [t.aReason, thread.reason], [t.aEvidence, thread.evidence],
                [t.aNeeds, (thread.accommodations || []).join(', ')],
                [t.mHandedOn, thread.handedOnBy], [t.mNote, thread.note],
                [t.mDue.replace('{0}', ''), due(thread.answerBy)]].filter(([, value]) => value).forEach(([label, value]) => {
                const dt = document.createElement('dt');
                dt.textContent = label;
                const dd = document.createElement('dd');
                dd.textContent = value;
                facts.append(dt, dd);
            });
            const entries = $('message-thread');
            entries.replaceChildren();
            thread.entries.forEach((e) => {
                const li = document.createElement('li');
                li.textContent = (e.direction === 'IN' ? t.mThem : t.mUs) + ' (' + due(e.at) + '): ' + e.body; // text, never markup
                entries.appendChild(li);
            });
            $('message-result').textContent = '';
            // a request is decided (booked or declined), not answered: its own form instead of the reply
            $('message-form').hidden = request;
            $('appointment-form').hidden = !request;
            if (request) {
                appointmentFor = { id: m.id, type: thread.appointmentType };
                $('appointment-office').value = thread.office || '';
                $('appointment-slots').replaceChildren();
                $('appointment-result').textContent = '';
                $('appointment-decline-reason').value = '';
            } else {
                savedReplies(thread.kind === 'secure-message' ? 'secure' : thread.topic, thread.language);
            }
            $('message-case-section').hidden = !thread.receiptNumber;
            if (thread.receiptNumber) { caseInto($('message-case'), m.id); }
            (request ? $('appointment-office') : $('message-reply')).focus();
        }).then(refresh).catch(showError);
    }

    // --- an appointment request: the officer finds a free slot at an office and books it, or declines
    let appointmentFor = null;

    $('appointment-find').addEventListener('click', () => {
        if (!appointmentFor) { return; }
        showError(null);
        const office = $('appointment-office').value.trim().toUpperCase();
        const day = $('appointment-day').value;
        api('GET', '/api/offices/' + encodeURIComponent(office) + '/slots?type=' + encodeURIComponent(appointmentFor.type)
            + '&from=' + day + '&to=' + day).then((found) => {
            const box = $('appointment-slots');
            box.replaceChildren();
            if (found.slots.length === 0) {
                const none = document.createElement('p');
                none.textContent = t.aNone;
                box.append(none);
            }
            found.slots.forEach((slot, n) => {
                const wrap = document.createElement('div');
                wrap.className = 'usa-radio';
                const input = document.createElement('input');
                input.className = 'usa-radio__input';
                input.type = 'radio';
                input.name = 'appointment-slot';
                input.id = 'appointment-slot-' + n;
                input.value = slot.start;
                const label = document.createElement('label');
                label.className = 'usa-radio__label';
                label.htmlFor = input.id;
                label.textContent = new Date(slot.start).toLocaleString(t.lang, { dateStyle: 'full', timeStyle: 'short' })
                    + ' (' + slot.free + ')';
                wrap.append(input, label);
                box.append(wrap);
            });
        }).catch(showError);
    });

    $('appointment-form').addEventListener('submit', (e) => {
        e.preventDefault();
        const chosen = document.querySelector('input[name="appointment-slot"]:checked');
        if (!appointmentFor || !chosen) { return; }
        showError(null);
        api('POST', '/api/agents/me/interactions/' + appointmentFor.id + '/appointment',
            { office: $('appointment-office').value.trim().toUpperCase(), start: chosen.value })
            .then((r) => {
                const when = new Date(r.appointment.start).toLocaleString(t.lang, { dateStyle: 'full', timeStyle: 'short' });
                $('appointment-result').textContent = t.aBooked.replace('{0}', when).replace('{1}', r.reference);
                appointmentFor = null;
            }).then(refresh).catch(showError);
    });

    $('appointment-decline').addEventListener('click', () => {
        if (!appointmentFor) { return; }
        showError(null);
        api('POST', '/api/agents/me/interactions/' + appointmentFor.id + '/decline', { reason: $('appointment-decline-reason').value })
            .then(() => { $('appointment-result').textContent = t.aDeclined; appointmentFor = null; })
            .then(refresh).catch(showError);
    });

    $('message-form').addEventListener('submit', (e) => {
        e.preventDefault();
        if (!openMessageId) { return; }
        showError(null);
        api('POST', '/api/agents/me/interactions/' + openMessageId + '/reply', { text: $('message-reply').value })
            .then(() => {
                $('message-reply').value = '';
                return openMessage({ id: openMessageId, state: 'CONNECTED' });
            })
            .then(() => { $('message-result').textContent = t.mSent; })
            .catch(showError);
    });

    $('message-close').addEventListener('click', () => {
        if (!openMessageId) { return; }
        act(api('POST', '/api/agents/me/interactions/' + openMessageId + '/close', { disposition: $('message-disposition').value })
            .then(() => { openMessageId = null; $('message').hidden = true; }));
    });

    // the saved replies of the message's topic and language (kept by administrators): the agent starts from one
    let replies = [];
    function savedReplies(topic, language) {
        const select = $('message-canned');
        select.replaceChildren();
        replies = [];
        api('GET', '/api/canned-replies?topic=' + encodeURIComponent(topic || '') + '&language=' + encodeURIComponent(language || ''))
            .then((list) => {
                replies = list;
                if (list.length === 0) {
                    select.append(new Option(t.mNoCanned, ''));
                }
                list.forEach((r) => select.append(new Option(r.title, r.id)));
            }).catch(showError);
    }
    $('message-use-canned').addEventListener('click', () => {
        const chosen = replies.find((r) => r.id === $('message-canned').value);
        if (chosen) {
            $('message-reply').value = chosen.body;
            $('message-reply').focus();
        }
    });

    // a message handed on leaves this agent at once: a written contact has no wrap-up
    function handOn(path, body) {
        if (!openMessageId) { return; }
        act(api('POST', '/api/agents/me/interactions/' + openMessageId + path, body)
            .then(() => { openMessageId = null; $('message').hidden = true; $('message-note').value = ''; }));
    }
    $('message-escalate').addEventListener('click', () => handOn('/escalate', { note: $('message-note').value }));
    $('message-transfer').addEventListener('click', () => handOn('/transfer', { queue: $('message-transfer-queue').value }));

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

    // --- the service request: the types this agent's tier may file, their fields, prefilled from the contact
    let srTypes = [];
    let srFor = null;
    let agentTier = 1;

    function srLoad() {
        return api('GET', '/api/service-requests/types?lang=' + t.lang).then((types) => {
            srTypes = types;
            srRenderTypes();
        });
    }

    function srRenderTypes() {
        const channel = agentTier >= 2 ? 'TIER2' : 'TIER1';
        const select = $('sr-type');
        const chosen = select.value;
        select.replaceChildren();
        const none = document.createElement('option');
        none.value = '';
        none.textContent = t.srChoose;
        select.append(none);
        for (const type of srTypes.filter((x) => x.channels.includes(channel))) {
            const o = document.createElement('option');
            o.value = type.code;
            o.textContent = type.name;
            select.append(o);
        }
        select.value = chosen;
    }

    function srRenderFields() {
        const type = srTypes.find((x) => x.code === $('sr-type').value);
        const box = $('sr-fields');
        box.replaceChildren();
        if (!type) { return; }
        for (const f of type.fields) {
            const label = document.createElement('label');
            label.className = 'usa-label';
            label.htmlFor = 'sr-f-' + f.name;
            label.textContent = f.label + (f.required ? '' : ' ' + t.srOptional);
            let input;
            if (f.kind === 'choice') {
                input = document.createElement('select');
                input.className = 'usa-select';
                const blank = document.createElement('option');
                blank.value = '';
                blank.textContent = t.srChoose;
                input.append(blank);
                for (const c of f.choices) {
                    const o = document.createElement('option');
                    o.value = c.value;
                    o.textContent = c.label;
                    input.append(o);
                }
            } else if (f.kind === 'text' || f.kind === 'address') {
                input = document.createElement('textarea');
                input.className = 'usa-textarea';
                input.maxLength = 2000;
            } else {
                input = document.createElement('input');
                input.className = 'usa-input';
                input.type = { date: 'date', datetime: 'datetime-local', phone: 'tel', email: 'email' }[f.kind] || 'text';
            }
            input.id = 'sr-f-' + f.name;
            input.dataset.field = f.name;
            box.append(label, input);
        }
    }

    function srPrefill(i) {
        if (!i || srFor === i.id) { return; }
        srFor = i.id;
        const a = i.attributes || {};
        $('sr-receipt').value = a.receipt || '';
        $('sr-phone').value = a.callerNumber || '';
        $('sr-name').value = '';
        $('sr-email').value = '';
        $('sr-result').textContent = '';
        $('fo-number').value = a['form-order'] || '';
        for (const id of ['fo-name', 'fo-street', 'fo-city', 'fo-state', 'fo-zip', 'fo-email', 'fo-result']) {
            if ($(id).tagName === 'INPUT') { $(id).value = ''; } else { $(id).textContent = ''; }
        }
    }

    // a paper copy of a form, mailed to the address the caller gives: the same orders as the public API
    function foOrder() {
        const number = $('fo-number').value.trim().toUpperCase();
        const body = { name: $('fo-name').value, email: $('fo-email').value || null,
            address: { street: $('fo-street').value, city: $('fo-city').value, state: $('fo-state').value.toUpperCase(), zip: $('fo-zip').value } };
        const lang = current && current.language === 'es' ? 'es' : 'en';
        srApi('/api/forms/' + encodeURIComponent(number || '-') + '/orders?lang=' + lang, body).then((r) => {
            $('fo-result').textContent = t.foOrdered.replace('{0}', r.reference).replace('{1}', r.form);
            const line = t.foNote.replace('{0}', r.reference).replace('{1}', r.form);
            $('notes').value = $('notes').value ? $('notes').value + '\n' + line : line;
            saveNotesQuietly();
        }).catch((e) => { $('fo-result').textContent = e.message; });
    }

    function srBody() {
        const fields = {};
        for (const input of $('sr-fields').querySelectorAll('[data-field]')) {
            if (input.value) { fields[input.dataset.field] = input.value; }
        }
        return {
            type: $('sr-type').value, receiptNumber: $('sr-receipt').value, fields,
            requester: { name: $('sr-name').value, email: $('sr-email').value || null, phone: $('sr-phone').value || null,
                language: current && current.language === 'es' ? 'es' : 'en' },
            interaction: current ? current.id : null
        };
    }

    function srProblems(e) {
        $('sr-result').textContent = e.message;
    }

    function srApi(path, body) {
        const headers = { 'Accept': 'application/json', 'Content-Type': 'application/json' };
        headers[t.csrfHeader] = t.csrfToken;
        return fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body) })
            .then(async (r) => {
                const json = await r.json().catch(() => ({}));
                if (!r.ok) {
                    const problems = (json.problems || []).map((p) => p.message);
                    throw new Error(problems.length ? problems.join(' ') : (json.message || ('HTTP ' + r.status)));
                }
                return json;
            });
    }

    function srCheck() {
        srApi('/api/service-requests/check', srBody()).then((r) => {
            $('sr-result').textContent = r.openRequest ? t.srOpen.replace('{0}', r.openRequest) : t.srEligible;
        }).catch(srProblems);
    }

    function srFile() {
        const type = $('sr-type').value;
        srApi('/api/service-requests', srBody()).then((r) => {
            const spoken = r.reference.replace(/(\d{4})(\d+)/, '$1 $2');
            $('sr-result').textContent = r.duplicate
                ? t.srDuplicate.replace('{0}', spoken).replace('{1}', r.office)
                : t.srFiled.replace('{0}', spoken).replace('{1}', r.office).replace('{2}', r.dueDate);
            // the reference goes into the contact's notes, so it is in the record of the call
            const line = t.srNote.replace('{0}', r.reference).replace('{1}', type);
            $('notes').value = $('notes').value ? $('notes').value + '\n' + line : line;
            saveNotesQuietly();
        }).catch(srProblems);
    }

    $('sr-type').addEventListener('change', srRenderFields);
    $('sr-check').addEventListener('click', srCheck);
    $('sr-form').addEventListener('submit', (e) => { e.preventDefault(); srFile(); });
    $('fo-form').addEventListener('submit', (e) => { e.preventDefault(); foOrder(); });
    srLoad().catch(showError);

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

    // routing's changes refresh the desk; a chat's activity goes to the chats' own script (desk-chats.js)
    window.CaseLine.socket('/ws/desk', {
        onOpen: () => { $('live').textContent = t.liveOn; refresh(); document.dispatchEvent(new CustomEvent('caseline:chats')); },
        onMessage: (data) => {
            if (data.type === 'chat') {
                document.dispatchEvent(new CustomEvent('caseline:chats', { detail: data }));
            } else {
                refresh();
                document.dispatchEvent(new CustomEvent('caseline:chats'));
            }
        },
        onClose: () => { $('live').textContent = t.liveOff; }
    });
    refresh();
}());

// The supervisor's wallboard: each queue's live figures, pushed over a WebSocket, drawn as bar
// charts (waiting callers, agents by state, service level) and as a table for exact numbers.
(function () {
    'use strict';
    const t = document.getElementById('wallboard-script').dataset;
    const queueNames = {}; // queue id -> its name in the page's language
    const NS = 'http://www.w3.org/2000/svg';
    const STATES = ['AVAILABLE', 'OFFERED', 'BUSY', 'WRAP_UP', 'BREAK', 'OFFLINE'];
    // USWDS palette colours with enough contrast against white
    const COLOURS = { AVAILABLE: '#00a91c', OFFERED: '#0050d8', BUSY: '#e52207', WRAP_UP: '#936f38', BREAK: '#8168b3', OFFLINE: '#71767a' };

    function stateLabel(state) {
        const key = state.toLowerCase().replace('_', '');
        return t['state' + key.charAt(0).toUpperCase() + key.slice(1)] || state;
    }

    function el(name, attrs, text) {
        const e = document.createElementNS(NS, name);
        for (const [k, v] of Object.entries(attrs)) { e.setAttribute(k, v); }
        if (text !== undefined) { e.textContent = text; }
        return e;
    }

    function name(q) { return t.lang === 'es' ? q.nameEs : q.nameEn; }

    /** Horizontal bars, one per row, labelled with their value. */
    function bars(svg, rows, max, width, colour, suffix) {
        svg.replaceChildren();
        const rowHeight = Math.min(24, Math.floor((parseInt(svg.getAttribute('viewBox').split(' ')[3], 10) - 10) / Math.max(1, rows.length)));
        rows.forEach((r, i) => {
            const y = 5 + i * rowHeight;
            svg.append(el('text', { x: 0, y: y + rowHeight * 0.7, 'font-size': 12, fill: '#1b1b1b' }, r.label));
            const w = max > 0 ? Math.round((width - 230) * r.value / max) : 0;
            svg.append(el('rect', { x: 190, y: y + 2, width: Math.max(w, r.value > 0 ? 2 : 0), height: rowHeight - 6, fill: colour }));
            svg.append(el('text', { x: 196 + w, y: y + rowHeight * 0.7, 'font-size': 12, fill: '#1b1b1b' },
                r.value === null ? '—' : r.value + (suffix || '')));
        });
    }

    /** "in 5 h" for a deadline ahead, "3 h late" for one passed. */
    function dueText(seconds) {
        if (seconds === null || seconds === undefined) { return '—'; }
        const hours = Math.round(Math.abs(seconds) / 360) / 10;
        return (seconds >= 0 ? t.dueIn : t.late).replace('{0}', hours.toLocaleString(t.lang));
    }

    function drawWritten(queues) {
        queues.forEach((q) => { queueNames[q.id] = name(q); });
        const body = document.querySelector('#written tbody');
        body.replaceChildren();
        for (const q of queues) {
            const tr = document.createElement('tr');
            const cells = [name(q), q.written.backlog, dueText(q.written.oldestDueInSeconds), q.written.atRisk, q.written.breachedToday,
                q.written.answeredWithinPromiseToday];
            cells.forEach((c, i) => {
                const cell = document.createElement(i === 0 ? 'th' : 'td');
                if (i === 0) { cell.scope = 'row'; }
                cell.textContent = c;
                tr.append(cell);
            });
            if (q.written.oldestDueInSeconds !== null && q.written.oldestDueInSeconds < 0) {
                tr.classList.add('text-bold'); // a promise already broken stands out
            }
            tr.dataset.queue = q.id;
            body.append(tr);
        }
    }

    function draw(all, totals) {
        drawWritten(all.filter(q => q.written));
        const queues = all.filter(q => !q.written);
        bars(document.getElementById('chart-waiting'), queues.map(q => ({ label: name(q), value: q.waiting })),
            Math.max(1, ...queues.map(q => q.waiting)), 480, '#005ea2');
        const svg = document.getElementById('chart-agents');
        svg.replaceChildren();
        STATES.forEach((s, i) => {
            const y = 8 + i * 40;
            const max = Math.max(1, ...Object.values(totals));
            const w = Math.round(260 * totals[s] / max);
            svg.append(el('text', { x: 0, y: y + 20, 'font-size': 13, fill: '#1b1b1b' }, stateLabel(s)));
            svg.append(el('rect', { x: 170, y: y + 4, width: Math.max(w, totals[s] > 0 ? 2 : 0), height: 24, fill: COLOURS[s] }));
            svg.append(el('text', { x: 176 + w, y: y + 20, 'font-size': 13, fill: '#1b1b1b' }, String(totals[s])));
        });
        bars(document.getElementById('chart-level'), queues.map(q => ({ label: name(q), value: q.serviceLevelPercent })),
            100, 960, '#2e6276', ' %');
        const body = document.querySelector('#queues tbody');
        body.replaceChildren();
        for (const q of queues) {
            const tr = document.createElement('tr');
            const agents = STATES.filter(s => q.agents[s] > 0).map(s => stateLabel(s) + ' ' + q.agents[s]).join(', ');
            const cells = [name(q) + ' (' + (q.open ? t.open : t.closed) + ')', q.waiting, q.longestWaitSeconds,
                q.estimatedWaitSeconds, q.answeredToday, q.abandonedToday,
                q.serviceLevelPercent === null ? '—' : q.serviceLevelPercent + ' %', q.callbacksPending, agents || '—'];
            cells.forEach((c, i) => {
                const cell = document.createElement(i === 0 ? 'th' : 'td');
                if (i === 0) { cell.scope = 'row'; }
                cell.textContent = c;
                tr.append(cell);
            });
            tr.dataset.queue = q.id;
            body.append(tr);
        }
        document.getElementById('updated').textContent = t.updated.replace('{0}', new Date().toLocaleTimeString(t.lang));
    }

    window.CaseLine.socket('/ws/wallboard', {
        onMessage: (data) => { if (data.type === 'figures') { draw(data.queues, data.agents); } }
    });

    // service requests by office: not live per change, read again every 30 seconds
    function serviceRequests() {
        fetch('/api/service-requests/figures', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
            .then((r) => r.ok ? r.json() : null)
            .then((figures) => {
                if (!figures) { return; }
                const body = document.querySelector('#service-requests tbody');
                body.replaceChildren();
                for (const o of figures.offices) {
                    const tr = document.createElement('tr');
                    tr.dataset.office = o.office;
                    const th = document.createElement('th');
                    th.scope = 'row';
                    th.textContent = o.office;
                    tr.append(th);
                    for (const v of [o.open, o.waiting, o.dueSoon, o.overdue]) {
                        const td = document.createElement('td');
                        td.textContent = v;
                        tr.append(td);
                    }
                    body.append(tr);
                }
            })
            .catch(() => null);
    }
    serviceRequests();
    setInterval(serviceRequests, 30000);

    // the written contacts behind the "near or past the deadline" figure, each to see to
    function atRisk() {
        fetch('/api/queues/written/at-risk', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
            .then((r) => r.ok ? r.json() : null)
            .then((items) => {
                if (!items) { return; }
                const body = document.querySelector('#at-risk tbody');
                body.replaceChildren();
                document.getElementById('at-risk-none').hidden = items.length > 0;
                for (const item of items) {
                    const tr = document.createElement('tr');
                    tr.dataset.reference = item.reference || item.id;
                    const seconds = Math.round((new Date(item.answerBy) - Date.now()) / 1000);
                    [item.reference || item.id, queueNames[item.queue] || item.queue, dueText(seconds), item.agent || t.waiting]
                        .forEach((c, i) => {
                            const cell = document.createElement(i === 0 ? 'th' : 'td');
                            if (i === 0) { cell.scope = 'row'; }
                            cell.textContent = c;
                            tr.append(cell);
                        });
                    if (item.late) { tr.classList.add('text-bold'); }
                    body.append(tr);
                }
            })
            .catch(() => null);
    }
    atRisk();
    setInterval(atRisk, 10000);
}());
